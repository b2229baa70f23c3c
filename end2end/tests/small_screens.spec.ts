import { Page, expect } from "@playwright/test";
import { ACCOUNTS, hydrated, login, test } from "./helpers";

// WCAG 1.4.10 (reflow): at 320 CSS px wide (a small phone, or 1280 px at 400 % zoom) no page of
// any role scrolls sideways. One log-in per role, each of its pages visited once.

const WIDTH = 320;

/** The page's own width beyond the viewport, with the elements that stick out (to say what to
 * mend when it fails). */
async function sideways(page: Page): Promise<{ width: number; wide: string[] }> {
  return page.evaluate((limit) => {
    const wide: string[] = [];
    for (const el of Array.from(document.body.querySelectorAll("*"))) {
      const r = el.getBoundingClientRect();
      // Inside a box that scrolls on its own (a wide table) is fine: the page does not move.
      let scrolls = false;
      for (let p = el.parentElement; p && !scrolls; p = p.parentElement) {
        const o = getComputedStyle(p).overflowX;
        scrolls = o === "auto" || o === "scroll" || o === "hidden";
      }
      // Its box, or text running out of it (a word longer than the line).
      const right = Math.max(r.right, r.left + (el as HTMLElement).scrollWidth);
      if (r.width > 0 && right > limit + 0.5 && !scrolls) {
        const id = el.id ? `#${el.id}` : "";
        const cls = el.className && typeof el.className === "string" ? `.${el.className.trim().split(/\s+/).join(".")}` : "";
        wide.push(`${el.tagName.toLowerCase()}${id}${cls} (right edge ${Math.round(right)} px)`);
      }
    }
    return { width: document.documentElement.scrollWidth, wide: wide.slice(0, 8) };
  }, WIDTH);
}

async function fitsEach(page: Page, paths: string[]) {
  for (const path of paths) {
    await page.goto(path);
    await hydrated(page);
    await expect(page.locator("main h1").first()).toBeVisible();
    const { width, wide } = await sideways(page);
    expect(width, `${path} is ${width} px wide at ${WIDTH} px: ${wide.join(", ")}`).toBeLessThanOrEqual(WIDTH);
  }
}

/** The page the first link `link` of the list at `list` leads to (a detail page) fits. */
async function fitsFirstOf(page: Page, list: string, link: string) {
  await page.goto(list);
  await hydrated(page);
  await fitsEach(page, [(await page.locator(link).first().getAttribute("href"))!]);
}

test.use({ viewport: { width: WIDTH, height: 640 } });

test("public pages fit a 320 px screen", async ({ page }) => {
  await fitsEach(page, [
    "/",
    "/inloggen",
    "/wachtwoord-vergeten",
    "/werkgever-aanmelden",
    "/contact",
    "/privacy",
    "/algoritme",
    "/toegankelijkheid",
  ]);
});

test("a job seeker's pages fit a 320 px screen", async ({ page }) => {
  await login(page, ACCOUNTS.jobSeeker, "/mijn-profiel");
  await fitsEach(page, ["/vandaag", "/mijn-profiel", "/vacatures-voor-mij", "/mijn-gegevens", "/wachtwoord-wijzigen"]);
});

test("an employer's pages fit a 320 px screen", async ({ page }) => {
  await login(page, ACCOUNTS.employer, "/kandidaten");
  await fitsEach(page, ["/vandaag", "/kandidaten", "/vacatures", "/vacatures/nieuw", "/uitnodigingen", "/mijn-account"]);
  // A vacancy of its own.
  await fitsFirstOf(page, "/vacatures", 'main a[href^="/vacatures/"]:not([href$="/nieuw"])');
});

test("staff pages fit a 320 px screen", async ({ page }) => {
  await login(page, ACCOUNTS.staffRotterdam, "/werkzoekenden");
  await fitsEach(page, [
    "/vandaag",
    "/werkzoekenden",
    "/werkgevers",
    "/privacyverzoeken",
    "/contactberichten",
    "/partners",
    "/accounts",
    "/auditlog",
    "/statistieken",
    "/kijklimieten",
    "/privacyverklaring-beheren",
  ]);
  // A job seeker of the gemeente.
  await fitsFirstOf(page, "/werkzoekenden", 'main a[href^="/werkzoekenden/"]');
});

test("a partner's and an administrator's pages fit a 320 px screen", async ({ page }) => {
  await login(page, ACCOUNTS.partner, "/partner");
  await fitsEach(page, ["/vandaag", "/partner", "/wachtwoord-wijzigen"]);
  await page.context().clearCookies();
  await login(page, ACCOUNTS.admin, "/beheer");
  await fitsEach(page, ["/vandaag", "/beheer", "/accounts"]);
});

test("on a small screen the main menu folds behind its button, which the keyboard opens", async ({ page }) => {
  await login(page, ACCOUNTS.staffRotterdam, "/werkzoekenden");
  const menu = page.getByRole("button", { name: "Menu" });
  const link = page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Privacyverzoeken" });
  await expect(link).toBeHidden();
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await menu.focus();
  await page.keyboard.press("Enter");
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  await expect(link).toBeVisible();
  await link.focus();
  await page.keyboard.press("Enter");
  await page.waitForURL("**/privacyverzoeken");
  // A chosen link folds the menu again.
  await expect(link).toBeHidden();
  await expect(menu).toHaveAttribute("aria-expanded", "false");
});

test("on a wide screen the menu shows without a button", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await login(page, ACCOUNTS.staffRotterdam, "/werkzoekenden");
  await expect(page.getByRole("button", { name: "Menu" })).toBeHidden();
  await expect(page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Privacyverzoeken" })).toBeVisible();
});

test("on a small screen the candidate filter keeps the keywords in sight and folds the other criteria", async ({ page }) => {
  await login(page, ACCOUNTS.employer, "/kandidaten");
  const more = page.getByRole("button", { name: "Meer filters" });
  const photo = page.getByLabel("Met foto");
  await expect(page.getByLabel(/Zoek op interesses/)).toBeVisible();
  await expect(photo).toBeHidden();
  await more.focus();
  await page.keyboard.press("Enter");
  await expect(more).toHaveAttribute("aria-expanded", "true");
  await photo.focus();
  await page.keyboard.press("Space");
  await expect(page).toHaveURL(/foto=/);
  await expect(photo).toBeChecked();
});
