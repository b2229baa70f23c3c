import { expect, Page } from "@playwright/test";
import { ACCOUNTS, expectAccessible, hydrated, signIn, test, waitLikeAPerson } from "./helpers";

/** Logs in (with the code of the second factor where the role has one) and checks the log-in
 * lands on "Vandaag". */
async function landsOnToday(page: Page, email: string) {
  await signIn(page, email);
  expect(new URL(page.url()).pathname).toBe("/vandaag");
  await hydrated(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Vandaag");
  await expect(page).toHaveTitle("Vandaag · HalloWerk");
}

// "Vandaag": every role lands on the work of the day; each item is a
// link to the page where it is done.

test("staff land on the work of the day and follow an item to where it is done", async ({ page }) => {
  // A message from the public contact form waits in the region's inbox.
  await page.goto("/contact");
  await hydrated(page);
  const shownAt = Date.now();
  await page.getByLabel("Voornaam").fill("Ruud");
  await page.getByLabel("Achternaam").fill("Vandaag");
  await page.getByLabel("E-mailadres").fill("ruud.vandaag@voorbeeld.nl");
  await page.getByLabel("Werkzoekende").check();
  await page.getByLabel("Regio").selectOption({ label: "Rijnmond" });
  await page.getByLabel("Je vraag of bericht").fill("Wanneer hoor ik iets over mijn profiel?");
  await waitLikeAPerson(page, shownAt);
  await page.getByRole("button", { name: "Versturen" }).click();
  await expect(page.getByRole("status")).toContainText("Bedankt");

  await landsOnToday(page, ACCOUNTS.staffRotterdam);
  const work = page.getByTestId("today");
  const messages = work.getByRole("link", { name: /open contactberichten/ });
  await expect(messages).toBeVisible();
  expect(Number(await messages.locator(".utrecht-badge-counter").textContent())).toBeGreaterThanOrEqual(1);
  await expectAccessible(page);
  await messages.click();
  await expect(page).toHaveURL(/\/contactberichten$/);
  await expect(page.getByTestId("contact-inbox")).toContainText("Ruud Vandaag");
  // The title follows a page opened in the browser, whose part of the bundle loads then.
  await expect(page).toHaveTitle("Contactberichten · HalloWerk");
});

test("job seekers, employers, administrators and partners land on their own work of the day", async ({ page }) => {
  await landsOnToday(page, ACCOUNTS.jobSeeker);
  await expectAccessible(page);
  // Her items lead to her own pages only.
  const work = page.getByTestId("today");
  for (const href of await work.locator("a").evaluateAll((as) => as.map((a) => a.getAttribute("href")))) {
    expect(["/vacatures-voor-mij", "/mijn-profiel", "/mijn-gegevens"]).toContain(href);
  }
  // The demo data gives nobody a video, so her profile always misses something.
  await work.getByRole("link", { name: /onderdelen van je profiel/ }).click();
  await expect(page).toHaveURL(/\/mijn-profiel$/);
  await expect(page.getByTestId("completeness")).toBeVisible();
  await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Vandaag" }).click();
  await expect(page).toHaveURL(/\/vandaag$/);
  await page.getByRole("button", { name: "Uitloggen", exact: true }).click();
  await page.waitForURL((u) => u.pathname === "/");
  // The employer sees how many profiles the account may still open today, and goes on to
  // the candidates from there.
  await landsOnToday(page, ACCOUNTS.employer);
  await expectAccessible(page);
  const left = page.getByTestId("today").getByRole("link", { name: /profielen die je vandaag nog kunt openen/ });
  expect(Number(await left.locator(".utrecht-badge-counter").textContent())).toBeGreaterThan(0);
  await left.click();
  await expect(page).toHaveURL(/\/kandidaten$/);
  await page.getByRole("button", { name: "Uitloggen", exact: true }).click();
  await page.waitForURL((u) => u.pathname === "/");
  await landsOnToday(page, ACCOUNTS.admin);
  await expect(page.getByTestId("today").or(page.getByTestId("today-empty"))).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Uitloggen", exact: true }).click();
  await page.waitForURL((u) => u.pathname === "/");
  // A partner sees what changed this week in the data its agreement shares (other tests change
  // profiles on this server, so nothing or something), and reaches the shared profiles from the
  // menu.
  await landsOnToday(page, ACCOUNTS.partner);
  await expect(page.getByTestId("today").or(page.getByTestId("today-empty"))).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Gedeelde gegevens" }).click();
  await expect(page).toHaveURL(/\/partner$/);
  await expect(page).toHaveTitle("Gedeelde gegevens · HalloWerk");
});
