import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

// What the browser loads for the first page it opens (scripts/bundle-size): the browser tests'
// server and demo data, serving the release site (HW_SITE_ROOT), another folder of specs.
export default defineConfig({
  ...base,
  testDir: "./bundle",
  testMatch: /.*\.size\.ts/,
});
