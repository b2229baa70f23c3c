import { Locator, Page, expect } from "@playwright/test";
import { ACCOUNTS, PASSWORD, hydrated, login, test } from "./helpers";

// One task per role with the keyboard alone (WCAG 2.1.1): every control is reached by Tab, in
// the page's own order, and shows where the focus is (2.4.7); keys do the rest.

/** Presses Tab until `target` has the focus (failing if it never does within `max` presses), and
 * checks the focus is visible on it: an outline or a shadow. */
async function tabTo(page: Page, target: Locator, max = 80) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((el) => el === document.activeElement)) {
      const shown = await target.evaluate((el) => {
        const s = getComputedStyle(el);
        return (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== "none";
      });
      expect(shown, "the focus is visible").toBe(true);
      return;
    }
  }
  throw new Error(`not reached by Tab in ${max} presses: ${target}`);
}

test("a job seeker logs in and corrects their phone number by keyboard", async ({ page }) => {
  await page.goto("/inloggen");
  await hydrated(page);
  // The first stop is the skip link, shown while it has the focus.
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Naar de inhoud" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await tabTo(page, page.getByLabel("E-mailadres"));
  await page.keyboard.type(ACCOUNTS.jobSeeker);
  await tabTo(page, page.getByLabel("Wachtwoord"));
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press("Enter");
  // The start page first; the menu leads on.
  await page.waitForURL("**/vandaag");
  await hydrated(page);
  await tabTo(page, page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Mijn profiel" }));
  await page.keyboard.press("Enter");
  await page.waitForURL("**/mijn-profiel");
  await hydrated(page);
  const phone = page.getByLabel("Telefoonnummer");
  await tabTo(page, phone);
  await page.keyboard.press("Control+A");
  await page.keyboard.type("06 9876 5432");
  await tabTo(page, page.getByRole("button", { name: "Persoonlijke gegevens opslaan" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "Opgeslagen" })).toBeVisible();
  await expect(phone).toHaveValue("0698765432");
});

test("an employer searches candidates and ticks a criterion by keyboard", async ({ page }) => {
  await login(page, ACCOUNTS.employer, "/kandidaten");
  await tabTo(page, page.getByLabel(/Zoek op interesses/));
  await page.keyboard.type("bak");
  await expect(page.getByTestId("candidate-list")).toHaveAttribute("data-q", "bak");
  await tabTo(page, page.getByLabel("Met foto"));
  await page.keyboard.press("Space");
  await expect(page).toHaveURL(/foto=/);
  await expect(page.getByTestId("candidate-list")).toBeVisible();
});

test("staff open a job seeker of their gemeente by keyboard", async ({ page }) => {
  await login(page, ACCOUNTS.staffRotterdam, "/werkzoekenden");
  const first = page.getByTestId("job-seeker-table").locator('a[href^="/werkzoekenden/"]').first();
  const name = (await first.textContent())!.trim();
  await tabTo(page, first, 120);
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/werkzoekenden\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
});

test("a partner scrolls the shared table sideways by keyboard on a small screen", async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await login(page, ACCOUNTS.partner, "/partner");
  const box = page.getByRole("region", { name: "Gedeelde gegevens" });
  await tabTo(page, box);
  await expect.poll(() => box.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowRight");
  await expect.poll(() => box.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
});

test("the administrator adds a region by keyboard", async ({ page }) => {
  await login(page, ACCOUNTS.admin, "/beheer");
  await tabTo(page, page.getByLabel("Naam van de arbeidsmarktregio"), 150);
  await page.keyboard.type("Toetsenbordregio");
  await tabTo(page, page.getByRole("button", { name: "Regio toevoegen" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Regio Toetsenbordregio" })).toBeVisible();
});
