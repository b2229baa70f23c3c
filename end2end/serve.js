// Starts the HalloWerk server for the browser tests together with a small SMTP server that
// stores every delivered message in test-results/mail/, so tests can follow e-mailed links.
const net = require("net");
const fs = require("fs");
const path = require("path");
const { spawn } = require("child_process");

const mailDir = path.join(__dirname, "test-results", "mail");
fs.rmSync(mailDir, { recursive: true, force: true });
fs.mkdirSync(mailDir, { recursive: true });
let received = 0;

const smtp = net.createServer((socket) => {
  let buffer = "";
  let inData = false;
  let data = [];
  socket.write("220 e2e-sink ESMTP\r\n");
  socket.on("data", (chunk) => {
    buffer += chunk.toString("utf8");
    let i;
    while ((i = buffer.indexOf("\r\n")) >= 0) {
      const line = buffer.slice(0, i);
      buffer = buffer.slice(i + 2);
      if (inData) {
        if (line === ".") {
          inData = false;
          fs.writeFileSync(path.join(mailDir, `${String(++received).padStart(4, "0")}.eml`), data.join("\r\n"));
          data = [];
          socket.write("250 queued\r\n");
        } else {
          data.push(line.startsWith("..") ? line.slice(1) : line);
        }
        continue;
      }
      const cmd = line.toUpperCase();
      if (cmd === "DATA") {
        inData = true;
        socket.write("354 go ahead\r\n");
      } else if (cmd === "QUIT") {
        socket.end("221 bye\r\n");
      } else {
        socket.write("250 OK\r\n");
      }
    }
  });
  socket.on("error", () => {});
});

const smtpPort = Number(process.env.E2E_SMTP_PORT ?? 2525);
smtp.listen(smtpPort, "127.0.0.1", () => {
  const child = spawn(process.env.HW_SERVER_BIN, [], {
    stdio: "inherit",
    env: {
      ...process.env,
      SMTP_HOST: "127.0.0.1",
      SMTP_PORT: String(smtpPort),
      SMTP_TLS: "none",
      HW_JOBS_INTERVAL_SECS: "1",
    },
  });
  child.on("exit", (code) => process.exit(code ?? 0));
  for (const sig of ["SIGTERM", "SIGINT"]) process.on(sig, () => child.kill(sig));
});
