import { defineConfig } from "@playwright/test";
import * as path from "path";

// The keystroke benchmark: the release server on a copy of the national data (1,000,000 job seekers)
// (prepared by scripts/bench), driven by Debian's Chromium.
const port = Number(process.env.E2E_PORT ?? 3998);

export default defineConfig({
  testDir: "./bench",
  testMatch: /.*\.bench\.ts/,
  timeout: 300_000,
  workers: 1,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  webServer: {
    command: `exec "${process.env.HW_SERVER_BIN}"`,
    // Measured once the server is ready for traffic (its candidate index built, as a load
    // balancer would wait for): before that, for the 10 to 15 s the index takes to build at
    // 1,000,000 job seekers, searches go to SQL and a keystroke took 100 to 170 ms.
    url: `http://127.0.0.1:${port}/health/ready`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: {
      DATABASE_URL: `sqlite://${process.env.HW_BENCH_DB}?mode=rwc`,
      LEPTOS_OUTPUT_NAME: "hallowerk",
      LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
      LEPTOS_SITE_ROOT: process.env.HW_SITE_ROOT ?? path.resolve(__dirname, "..", "target", "site"),
      HW_MEDIA_DIR: path.join(path.dirname(process.env.HW_BENCH_DB ?? "/tmp/x"), "media"),
      // The key kept with the national data (scripts/bench copies it beside the database): it sealed the demo accounts' TOTP seeds.
      HW_SECRET_KEY_FILE: path.join(path.dirname(process.env.HW_BENCH_DB ?? "/tmp/x"), "hallowerk-secret.key"),
      HW_JOBS: "0",
      RUST_LOG: "warn",
    },
  },
});
