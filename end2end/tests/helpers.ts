import { Page, expect } from "@playwright/test";
import * as fs from "fs";
import * as path from "path";
import AxeBuilder from "@axe-core/playwright";

export const PASSWORD = "HalloWerk-demo-2026";

export const ACCOUNTS = {
  jobSeeker: "fatima.elamrani@hallowerk-demo.nl",
  pausedJobSeeker: "daan.devries@hallowerk-demo.nl",
  employer: "j.vanderlinden@bakkerij.hallowerk-demo.nl",
  staffRotterdam: "a.jansen@rotterdam.hallowerk-demo.nl",
  partner: "opleidingen@maasstad.hallowerk-demo.nl",
  admin: "beheer@hallowerk-demo.nl",
};

/** Waits until the WebAssembly has hydrated the page: an effect that only runs in the browser
 * sets `data-hydrated` on the root element. */
export async function hydrated(page: Page) {
  await page.waitForFunction(() => document.documentElement.dataset.hydrated === "true", null, { timeout: 30_000 });
}

export async function login(page: Page, email: string, expectedPath: string) {
  await page.goto("/inloggen");
  await hydrated(page);
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord").fill(PASSWORD);
  await page.getByRole("button", { name: "Inloggen" }).click();
  await page.waitForURL(`**${expectedPath}`);
  await hydrated(page);
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
