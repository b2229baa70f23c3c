import { Page, expect } from "@playwright/test";
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
