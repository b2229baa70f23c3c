import { defineConfig } from "@playwright/test";
import * as path from "path";

// The server binary (built by `cargo t --no-run`) and the site (scripts/build-site); scripts/test
// passes their paths.
const root = path.resolve(__dirname, "..");
const targetDir = process.env.CARGO_TARGET_DIR ?? path.join(root, "target");
const serverBin = process.env.HW_SERVER_BIN ?? path.join(targetDir, "debug", "server");
const siteRoot = process.env.HW_SITE_ROOT ?? path.join(root, "target", "site");
const port = Number(process.env.E2E_PORT ?? 3999);
const dbFile = path.join(__dirname, "test-results", "e2e.db");

export default defineConfig({
  testDir: "./tests",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // One server on one SQLite file; tests share it, so run them one at a time.
  workers: 1,
  fullyParallel: false,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    // A fresh database with demo data for every run.
    // The server plus a local SMTP server (serve.js) that keeps delivered mail for the tests.
    command: `mkdir -p "${path.dirname(dbFile)}" && rm -rf "${dbFile}"* "${path.dirname(dbFile)}/media" && exec node serve.js`,
    url: `http://127.0.0.1:${port}/inloggen`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    env: {
      DATABASE_URL: `sqlite://${dbFile}?mode=rwc`,
      // A fresh SQLite file made for the tests: demo data must be asked for explicitly.
      HW_DEMO_DATA: "1",
      HW_MEDIA_DIR: path.join(__dirname, "test-results", "media"),
      // Made by the server on first start; removed with the database above.
      HW_SECRET_KEY_FILE: `${dbFile}.key`,
      LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
      LEPTOS_SITE_ROOT: siteRoot,
      LEPTOS_OUTPUT_NAME: "hallowerk",
      HW_SERVER_BIN: serverBin,
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      RUST_LOG: "warn",
    },
  },
});
