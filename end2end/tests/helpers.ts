import { BrowserContext, Page, expect, test as base } from "@playwright/test";
import * as fs from "fs";
import * as path from "path";
import * as crypto from "crypto";
import AxeBuilder from "@axe-core/playwright";

export const PASSWORD = "HalloWerk-demo-2026";

/** What the browser reported as an error during the current test (console errors, uncaught
 * page errors), from every context `test` watches. */
let browserErrors: string[] = [];

/** Records the browser's errors of `context`'s pages for the current test: the default context is
 * watched by `test`; a test that makes a context of its own passes it here. */
export function watch(context: BrowserContext): BrowserContext {
  context.on("console", (m) => {
    // A resource that failed to load is judged by its response below.
    if (m.type() !== "error" || m.text().startsWith("Failed to load resource:")) return;
    const at = m.location();
    browserErrors.push(`console error: ${m.text()} (${at.url}:${at.lineNumber})`);
  });
  // Every server fault (5xx) is an error, and so is a refused part of a page (its script, style,
  // image, font or video). A refusal the page asked for and shows (a 4xx answer to a server
  // function or an upload: a wrong password, a field or file the server rejected, a Dutch message
  // on the page) is the product working, and so is a refused page the test chose to visit.
  context.on("response", (r) => {
    const kind = r.request().resourceType();
    const part = ["script", "stylesheet", "image", "font", "media"].includes(kind);
    if (r.status() >= 500 || (r.status() >= 400 && part)) {
      browserErrors.push(`${r.status()} for ${kind} ${r.request().method()} ${r.url()}`);
    }
  });
  // Each page's own event: the context's `weberror` came too late now and then.
  const pageErrors = (page: Page) => page.on("pageerror", (e) => browserErrors.push(`page error: ${e.message}`));
  context.pages().forEach(pageErrors);
  context.on("page", pageErrors);
  return context;
}

/** Playwright's `test`, failing any test in whose browser an error was logged to the console or
 * thrown uncaught (issue 36, item 5), as `scripts/test` fails the suite on an error the server
 * logs: a page that looked right while its script failed is not a pass. */
export const test = base.extend<{ browserErrorsChecked: void }>({
  // For every test, whichever fixtures it uses (one with only `browser` watches its contexts):
  // set up first, so checked last, after the test's own contexts and hooks are done.
  browserErrorsChecked: [
    async ({}, use) => {
      browserErrors = [];
      await use();
      expect(browserErrors, "errors in the browser").toEqual([]);
    },
    { auto: true },
  ],
  context: async ({ context }, use) => {
    await use(watch(context));
  },
});

export const ACCOUNTS = {
  jobSeeker: "fatima.elamrani@hallowerk-demo.nl",
  pausedJobSeeker: "daan.devries@hallowerk-demo.nl",
  employer: "j.vanderlinden@bakkerij.hallowerk-demo.nl",
  staffRotterdam: "a.jansen@rotterdam.hallowerk-demo.nl",
  /** Staff of another gemeente of the same region (Rijnmond): the second pair of eyes. */
  staffSchiedam: "s.visser@schiedam.hallowerk-demo.nl",
  partner: "opleidingen@maasstad.hallowerk-demo.nl",
  admin: "beheer@hallowerk-demo.nl",
};

/** Waits until at least 3.2 s have passed since a public form was shown at `shownAt`
 * (`Date.now()`): people take a few seconds to fill in a form, and the server refuses a form sent
 * faster than `MIN_FILL_SECONDS` (3 s, kernel/src/views/contact.rs) as a bot's. */
export async function waitLikeAPerson(page: Page, shownAt: number) {
  await page.waitForTimeout(Math.max(0, 3200 - (Date.now() - shownAt)));
}

/** Waits until the WebAssembly has hydrated the page: an effect that only runs in the browser
 * sets `data-hydrated` on the root element. */
export async function hydrated(page: Page) {
  await page.waitForFunction(() => document.documentElement.dataset.hydrated === "true", null, { timeout: 30_000 });
}

/** The demo's second-factor secret of staff, partner and administrator accounts. */
export const DEMO_TOTP_SECRET = "HALLOWERKDEMOGEHEIMHALLOWERKDEMO";
const STEP_MS = 30_000;

function base32Decode(text: string): Buffer {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const c of text.replace(/[\s=]/g, "").toUpperCase()) {
    bits += alphabet.indexOf(c).toString(2).padStart(5, "0");
  }
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

/** RFC 6238: the six-digit code of `secret` for time step `step` (30-second steps). */
export function totp(secret: string, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = crypto.createHmac("sha1", base32Decode(secret)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const value = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return value.toString().padStart(6, "0");
}

/** The last time step used per account: the server accepts each code once, and one step
 * either side of now, so at most two log-ins of one account fit in 30 seconds (`login` reuses
 * sessions so the suite rarely needs more; `freshCode` waits when it does). */
/** Kept in a file, not in memory: Playwright starts a new worker after a failed test, and a
 * forgotten step would make the next log-in reuse a code (refused), failing tests in cascade. */
const stepsFile = path.join(__dirname, "..", "test-results", "totp-steps.json");
const lastStep = {
  get(email: string): number | undefined {
    try {
      return JSON.parse(fs.readFileSync(stepsFile, "utf8"))[email];
    } catch {
      return undefined;
    }
  },
  set(email: string, step: number) {
    let all: Record<string, number> = {};
    try {
      all = JSON.parse(fs.readFileSync(stepsFile, "utf8"));
    } catch {
      // first use
    }
    all[email] = step;
    fs.mkdirSync(path.dirname(stepsFile), { recursive: true });
    fs.writeFileSync(stepsFile, JSON.stringify(all));
  },
};

/** A code for `email` the server has not seen yet (waits for the next step if need be). */
export async function freshCode(email: string, secret = DEMO_TOTP_SECRET): Promise<string> {
  let now = Math.floor(Date.now() / STEP_MS);
  let step = Math.max(now, (lastStep.get(email) ?? -1) + 1);
  while (step > now + 1) {
    await new Promise((r) => setTimeout(r, (now + 1) * STEP_MS - Date.now() + 200));
    now = Math.floor(Date.now() / STEP_MS);
  }
  lastStep.set(email, step);
  return totp(secret, step);
}

type Cookies = Awaited<ReturnType<BrowserContext["cookies"]>>;

/** The complete sessions of accounts with a second factor, by e-mail address. A second factor
 * allows two log-ins of an account per 30 seconds (see `lastStep`), and most tests log staff in
 * only to start from their page, not to test the log-in. So `login` keeps the session of such
 * an account and later hands it to the next page that logs that account in, as a browser that
 * stayed signed in would; only when the session has ended (a test logged out, or logged another
 * account in over it) does it log in again, with password and a fresh code. The log-in itself,
 * codes used once included, is what second_factor.spec.ts tests. In memory: after a failed test
 * Playwright starts a new worker, which then simply logs in again. */
const keptSessions = new Map<string, Cookies>();

/** Logs in through the form, with the code of the second factor where the role has one, and
 * waits until the log-in has led away from its pages (to the role's start page). Says whether
 * there was a second step. */
export async function signIn(page: Page, email: string, secret = DEMO_TOTP_SECRET): Promise<boolean> {
  await page.goto("/inloggen");
  await hydrated(page);
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord").fill(PASSWORD);
  await page.getByRole("button", { name: "Inloggen" }).click();
  await page.waitForURL((url) => url.pathname !== "/inloggen");
  const secondStep = new URL(page.url()).pathname === "/inloggen/tweede-stap";
  if (secondStep) {
    await hydrated(page);
    await page.getByLabel("Code", { exact: true }).fill(await freshCode(email, secret));
    await page.getByRole("button", { name: "Inloggen afronden" }).click();
  }
  await page.waitForURL((url) => !url.pathname.startsWith("/inloggen"));
  return secondStep;
}

export async function login(page: Page, email: string, expectedPath: string, secret = DEMO_TOTP_SECRET, fresh = false) {
  const kept = fresh ? undefined : keptSessions.get(email);
  if (kept) {
    await page.context().addCookies(kept);
    await page.goto(expectedPath);
    await hydrated(page);
    // An ended session: a page for signed-in people sends the browser to log in (server
    // `sign_in_first`); any other page says so.
    const signedIn = page.getByTestId("signed-in-as");
    if (new URL(page.url()).pathname !== "/inloggen") {
      await expect(signedIn.or(page.locator('[data-error="unauthenticated"]')).first()).toBeVisible();
      if (await signedIn.isVisible()) return;
    }
    keptSessions.delete(email);
  }
  const secondStep = await signIn(page, email, secret);
  // From the role's start page ("/vandaag") to the page the test asked for.
  if (new URL(page.url()).pathname !== expectedPath) {
    await hydrated(page);
    await page.goto(expectedPath);
  }
  await hydrated(page);
  if (secondStep) {
    // The session cookie (`hw_session`, or `__Host-hw_session` behind https).
    keptSessions.set(email, (await page.context().cookies()).filter((c) => c.name.endsWith("hw_session")));
  }
}

/** axe-core: no WCAG 2.1 A/AA violations. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
  );
  expect(summary, "WCAG 2.1 A/AA violations").toEqual([]);
}

const mailDir = path.join(__dirname, "..", "test-results", "mail");

/** The decoded text of a MIME message: every part, quoted-printable and base64 undone. */
function decodeMail(raw: string): string {
  const out: string[] = [raw];
  for (const part of raw.split(/\r?\n--[^\r\n]+\r?\n/)) {
    const [head, ...rest] = part.split(/\r?\n\r?\n/);
    const body = rest.join("\n\n");
    if (/content-transfer-encoding:\s*base64/i.test(head)) {
      out.push(Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8"));
    } else if (/content-transfer-encoding:\s*quoted-printable/i.test(head)) {
      out.push(
        Buffer.from(
          body.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/gi, (_, h) => String.fromCharCode(parseInt(h, 16))),
          "latin1",
        ).toString("utf8"),
      );
    }
  }
  return out.join("\n");
}

/** Waits for a mail to `to` (delivered over SMTP by the server's job runner) and returns its text. */
export async function waitForMail(to: string, contains: string): Promise<string> {
  let found = "";
  await expect
    .poll(
      () => {
        for (const f of fs.existsSync(mailDir) ? fs.readdirSync(mailDir).sort() : []) {
          const text = decodeMail(fs.readFileSync(path.join(mailDir, f), "utf8"));
          if (text.includes(to) && text.includes(contains)) {
            found = text;
            return true;
          }
        }
        return false;
      },
      { timeout: 20_000, message: `mail to ${to}` },
    )
    .toBe(true);
  return found;
}

/** Four eyes on employer access: logs out, logs in as staff of another gemeente of the same
 * region and confirms the first approval of the registration that shows `text`. */
export async function confirmRegistration(page: Page, text: string) {
  await page.getByRole("button", { name: "Uitloggen", exact: true }).click();
  await page.waitForURL((u) => u.pathname === "/");
  await login(page, ACCOUNTS.staffSchiedam, "/werkzoekenden");
  await page.goto("/werkgevers");
  await hydrated(page);
  const card = page.getByTestId("registrations").locator("li").filter({ hasText: text });
  await expect(card).toContainText("Wacht op bevestiging");
  await card.getByRole("button", { name: "Goedkeuring bevestigen" }).click();
  await expect(page.getByRole("status")).toContainText("Bevestigd");
}
