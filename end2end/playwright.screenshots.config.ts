import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

// Screenshots of each role's start page (scripts/screenshots): the browser tests' server and
// demo data, another folder of specs.
export default defineConfig({
  ...base,
  testDir: "./screenshots",
  testMatch: /.*\.shots\.ts/,
});
