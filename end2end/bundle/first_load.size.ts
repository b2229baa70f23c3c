import { expect } from "@playwright/test";
import * as fs from "fs";
import { ACCOUNTS, PASSWORD, test, watch } from "../tests/helpers";

// The bytes the browser receives (headers and bodies, as sent, compressed or not) for the first
// page it opens, with an empty cache, until the page is hydrated and the network is quiet:
// Chromium's own count (DevTools protocol, Network.loadingFinished). One fresh browser context
// per page; the pages anyone may open first, without an account.
const firstPages = ["/", "/inloggen", "/contact", "/werkgever-aanmelden", "/privacy", "/activeren/een-verlopen-link", "/vacatures-voor-mij"];
// A bookmark opened by someone signed in (a session still running): the page loads its role's
// part too. Reported, not held to the target. (A job seeker: the password is the whole log-in,
// made through the API before the page is opened, so it is not counted.)
const signedInPages: [string, string][] = [["/vacatures-voor-mij", ACCOUNTS.jobSeeker], ["/mijn-profiel", ACCOUNTS.jobSeeker]];
// Issue 36: the hydrate bundle (the WASM and its JavaScript) at most 350 KB as loaded.
const bundleTarget = 350 * 1024;
// The pages that meet it (one part per audience, app::pages): held to it, so a split that
// silently stops (the whole bundle in the main module again) fails here. The others are reported
// (README "Release bundle").
// `/vacatures-voor-mij` opened signed out (a bookmark) is sent to log in first (server
// `sign_in_first`), so it costs what the log-in costs, not the job seeker's part.
const heldToTarget = ["/", "/inloggen", "/contact", "/werkgever-aanmelden", "/privacy", "/activeren/een-verlopen-link", "/vacatures-voor-mij"];

type Loaded = { url: string; encoding: string; bytes: number; headers: number };

test("what the browser loads for the first page it opens", async ({ browser }) => {
  const lines: string[] = [];
  const bundles: [string, number][] = [];
  for (const [path, account] of [...firstPages.map((p): [string, string?] => [p]), ...signedInPages]) {
    // Watched: an error in the browser (a part that failed to load, a panic) fails the test.
    const context = watch(await browser.newContext());
    if (account) {
      const res = await context.request.post("/api/login", { form: { email: account, password: PASSWORD } });
      expect(res.ok(), `log-in of ${account}`).toBe(true);
    }
    const label = account ? `${path} (signed in)` : path;
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    const seen = new Map<string, { url: string; encoding: string; headers: number }>();
    const loaded: Loaded[] = [];
    cdp.on("Network.responseReceived", (e: any) => {
      const h = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
      // The response's encodedDataLength so far: its headers.
      seen.set(e.requestId, { url: e.response.url, encoding: h["content-encoding"] ?? "none", headers: e.response.encodedDataLength ?? 0 });
    });
    cdp.on("Network.loadingFinished", (e: any) => {
      const r = seen.get(e.requestId);
      if (r) loaded.push({ ...r, bytes: e.encodedDataLength });
    });
    await page.goto(path);
    await expect(page.locator("html[data-hydrated]")).toHaveCount(1, { timeout: 30_000 });
    await page.waitForLoadState("networkidle");
    await context.close();

    const short = (u: string) => new URL(u).pathname;
    const wasm = loaded.filter((l) => short(l.url).endsWith(".wasm"));
    // The bundle is served compressed: a regression here would triple what every visitor loads.
    expect(wasm.length, `the WASM bundle was loaded for ${label}`).toBeGreaterThan(0);
    for (const w of wasm) expect(w.encoding, `${short(w.url)} on ${label}`).toBe("br");
    const bundle = loaded
      .filter((l) => /\.(wasm|js)$/.test(short(l.url)))
      .reduce((n, l) => n + l.bytes, 0);
    const total = loaded.reduce((n, l) => n + l.bytes, 0);
    const headers = loaded.reduce((n, l) => n + l.headers, 0);
    bundles.push([label, bundle]);
    const verdict = bundle <= bundleTarget
      ? "met"
      : `missed by ${((bundle - bundleTarget) / 1024).toFixed(0)} KB`;
    lines.push(`${label}: ${loaded.length} responses, ${(total / 1024).toFixed(1)} KB in all (headers ${(headers / 1024).toFixed(1)} KB); bundle (WASM + JS) ${(bundle / 1024).toFixed(1)} KB against ≤ 350 KB: ${verdict}`);
    for (const l of loaded.sort((a, b) => b.bytes - a.bytes)) {
      lines.push(`    ${(l.bytes / 1024).toFixed(1).padStart(8)} KB  ${l.encoding.padEnd(5)} ${short(l.url)}`);
    }
  }
  const report = lines.join("\n");
  console.log(report);
  if (process.env.HW_BUNDLE_REPORT) fs.writeFileSync(process.env.HW_BUNDLE_REPORT, report + "\n");
  for (const [path, bundle] of bundles) {
    if (heldToTarget.includes(path)) expect(bundle, `bundle of ${path} (bytes as received)`).toBeLessThanOrEqual(bundleTarget);
  }
});
