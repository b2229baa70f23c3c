import { expect } from "@playwright/test";
import { ACCOUNTS, expectAccessible, hydrated, login, test, watch } from "./helpers";

test("home and log-in pages are accessible", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welkom bij HalloWerk");
  await expectAccessible(page);
  await page.goto("/inloggen");
  await expectAccessible(page);
});

test("a wrong password gives a Dutch message", async ({ page }) => {
  await page.goto("/inloggen");
  await hydrated(page);
  await page.getByLabel("E-mailadres").fill(ACCOUNTS.admin);
  await page.getByLabel("Wachtwoord").fill("helemaal-verkeerd");
  await page.getByRole("button", { name: "Inloggen" }).click();
  await expect(page.getByRole("alert")).toContainText("wachtwoord klopt niet");
  await expect(page).toHaveURL(/\/inloggen$/);
});

/** The whole text of a field's label or heading, which may carry the optional field's marker. */
function labelText(label: string): RegExp {
  return new RegExp(`^${label.replace(/[()]/g, "\\$&")}( \\(optioneel\\))?$`);
}

test("job seeker sees all own fields on Mijn profiel", async ({ page }) => {
  await login(page, ACCOUNTS.jobSeeker, "/mijn-profiel");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mijn profiel");
  for (const label of ["Gemeentelijk klantnummer", "Geboortedatum", "Postcode", "Geslacht", "Belastbaarheid", "Banenafspraak (doelgroepregister)"]) {
    await expect(page.getByText(labelText(label))).toBeVisible();
  }
  await expect(page.getByLabel("Voornaam")).toHaveValue("Fatima");
  await expect(page.getByRole("navigation", { name: "Hoofdmenu" })).toContainText("Mijn profiel");
  await expect(page.getByRole("navigation", { name: "Hoofdmenu" })).not.toContainText("Kandidaten");
  await expectAccessible(page);
});

test("employer sees candidates with employer fields only, and filters live", async ({ page }) => {
  await login(page, ACCOUNTS.employer, "/kandidaten");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Kandidaten");
  const list = page.getByTestId("candidate-list");
  await expect(list.locator("li").first()).toBeVisible();
  const html = await page.content();
  for (const hidden of ["Geboortedatum", "Postcode", "klantnummer", "Geslacht"]) {
    expect(html).not.toContain(hidden);
  }
  await expectAccessible(page);

  // A hydrated interaction: typing filters the list in the browser, without a page load.
  await page.evaluate(() => ((window as any).__noReload = true));
  const count = page.getByTestId("candidate-count");
  const before = await count.textContent();
  await page.getByLabel(/Zoek op interesses/).pressSequentially("xyzzy-bestaat-niet", { delay: 20 });
  await expect(count).toHaveText(/^Geen kandidaten gevonden\. Maak je zoekopdracht ruimer/);
  await expect(page).toHaveURL(/q=xyzzy-bestaat-niet/);
  expect(await page.evaluate(() => (window as any).__noReload)).toBe(true);
  await page.getByLabel(/Zoek op interesses/).fill("");
  await expect(count).toHaveText(before!);

  // The filter lives in the URL: a reload shows the same result.
  await page.getByLabel("BBL").check();
  await expect(page).toHaveURL(/bbl=1/);
  await expect(count).not.toHaveText(before!);
  const filtered = await count.textContent();
  await page.reload();
  await expect(count).toHaveText(filtered!);
  await expect(page.getByLabel("BBL")).toBeChecked();
});

test("staff see their gemeente's job seekers with full profiles", async ({ page }) => {
  await login(page, ACCOUNTS.staffRotterdam, "/werkzoekenden");
  const table = page.getByTestId("job-seeker-table");
  await expect(table.locator("tbody tr")).toHaveCount(12);
  await expectAccessible(page);
  await table.getByRole("link").first().click();
  await expect(page.getByText("Gemeentelijk klantnummer", { exact: true })).toBeVisible();
  await expect(page.getByText(labelText("Geboortedatum"))).toBeVisible();
  await expectAccessible(page);
});

test("partner sees only the agreed fields", async ({ page }) => {
  await login(page, ACCOUNTS.partner, "/partner");
  const headers = page.locator("thead th");
  await expect(headers).toHaveText(["Voornaam", "Achternaam", "E-mailadres", "Telefoonnummer", "BBL", "Soort werk", "Voorkeursberoepen"]);
  await expectAccessible(page);
});

test("platform admin sees regions and gemeenten, no job seekers", async ({ page }) => {
  await login(page, ACCOUNTS.admin, "/beheer");
  await expect(page.getByRole("heading", { name: "Regio Rijnmond" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "Schiedam", exact: true })).toBeVisible();
  await expect(page.getByTestId("accounts")).toContainText("s.visser@schiedam.hallowerk-demo.nl");
  await expect(page.getByText("Fatima")).toHaveCount(0);
  await expectAccessible(page);
  await page.goto("/werkzoekenden");
  await expect(page.getByRole("alert")).toContainText("geen toegang");
});

test("log-out ends the session", async ({ page }) => {
  await login(page, ACCOUNTS.admin, "/beheer");
  await page.getByRole("button", { name: "Uitloggen", exact: true }).click();
  await page.waitForURL((url) => url.pathname === "/");
  // Without a session, a page for signed-in people sends the browser to log in.
  await page.goto("/beheer");
  await expect(page).toHaveURL(/\/inloggen\?terug=\/beheer$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Inloggen");
});

test("log-out everywhere ends the account's session on another device too", async ({ page, browser }) => {
  const phone = watch(await browser.newContext());
  const other = await phone.newPage();
  await login(other, ACCOUNTS.employer, "/kandidaten");
  // A session of its own (not the one the helper keeps for the account).
  await login(page, ACCOUNTS.employer, "/kandidaten", undefined, true);
  await page.getByRole("button", { name: "Overal uitloggen" }).click();
  await page.waitForURL((url) => url.pathname === "/");
  // The other device's cookie no longer names a session: it is sent to log in.
  await other.goto("/kandidaten");
  await expect(other).toHaveURL(/\/inloggen\?terug=\/kandidaten$/);
  await expect(other.getByRole("heading", { level: 1 })).toHaveText("Inloggen");
  await phone.close();
});

test("pages ask for nothing that is missing: favicon and web manifest are there", async ({ page }) => {
  const missing: string[] = [];
  page.on("response", (r) => {
    if (r.status() >= 400) missing.push(`${r.status()} ${r.url()}`);
  });
  await page.goto("/");
  await hydrated(page);
  await page.goto("/inloggen");
  await hydrated(page);
  expect(missing).toEqual([]);
  const icon = await page.locator('link[rel="icon"]').getAttribute("href");
  expect((await page.request.get(icon!)).ok()).toBe(true);
  const manifest = await page.request.get((await page.locator('link[rel="manifest"]').getAttribute("href"))!);
  expect(manifest.ok()).toBe(true);
  const m = await manifest.json();
  expect(m.lang).toBe("nl");
  expect(m.icons[0].src).toBe(icon);
});

// The suite's own rule (`test` in helpers.ts): an error in the browser fails the test that saw it,
// whether logged to the console or thrown and never caught. Each of these is expected to fail.
test("a console error fails the test that saw it", async ({ page }) => {
  test.fail();
  await page.goto("/");
  await page.evaluate(() => console.error("a deliberate console error"));
});

test("an uncaught error fails the test that saw it", async ({ page }) => {
  test.fail();
  await page.goto("/");
  const thrown = page.waitForEvent("pageerror");
  await page.evaluate(() => setTimeout(() => { throw new Error("a deliberate uncaught error"); }, 0));
  await thrown;
});
