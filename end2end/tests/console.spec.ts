import { expect } from "@playwright/test";
import { ACCOUNTS, confirmRegistration, expectAccessible, hydrated, login, test } from "./helpers";

test.describe.configure({ mode: "serial" });

test("staff create a job seeker", async ({ page }) => {
  await login(page, ACCOUNTS.staffRotterdam, "/werkzoekenden");
  await page.getByText("Werkzoekende toevoegen").click();
  await page.getByLabel("Gemeentelijk klantnummer").fill("RTM-900001");
  await page.getByLabel("Voornaam").fill("Yara");
  await page.getByLabel("Achternaam").fill("Mendes");
  await page.getByLabel("E-mailadres").fill("yara.mendes@voorbeeld.nl");
  await page.getByRole("button", { name: "Toevoegen" }).click();
  await page.waitForURL(/\/werkzoekenden\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Yara Mendes");
  await expect(page.getByLabel("Gemeentelijk klantnummer")).toHaveValue("RTM-900001");
  await expectAccessible(page);
  // Staff set a target group; the job seeker could not.
  await page.getByLabel("BBL").check();
  await page.getByRole("button", { name: "Gemeentegegevens opslaan" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Opgeslagen" })).toBeVisible();
});

test("an employer registers and staff approve the registration", async ({ page }) => {
  await page.goto("/werkgever-aanmelden");
  await hydrated(page);
  await expectAccessible(page);
  await page.getByLabel("Naam van de organisatie").fill("Tuinbouw De Kas");
  await page.getByLabel("Voornaam contactpersoon").fill("Lotte");
  await page.getByLabel("Achternaam contactpersoon").fill("Verhoeven");
  await page.getByLabel("Zakelijk e-mailadres").fill("lotte@dekas.nl");
  await page.getByLabel("Zakelijk telefoonnummer").fill("010 123 4567");
  await page.getByLabel("Regio").selectOption({ label: "Rijnmond" });
  await page.getByRole("button", { name: "Aanmelding versturen" }).click();
  await expect(page.getByRole("status")).toContainText("Bedankt voor je aanmelding");

  await login(page, ACCOUNTS.staffRotterdam, "/werkzoekenden");
  await page.getByRole("link", { name: "Werkgevers" }).click();
  const card = page.getByTestId("registrations").locator("li").filter({ hasText: "Tuinbouw De Kas" });
  await expect(card).toContainText("lotte@dekas.nl");
  await expectAccessible(page);
  await card.getByRole("button", { name: "Goedkeuren" }).click();
  // One approval opens nothing: the organisation exists only after a second staff member.
  await expect(card).toContainText("Wacht op bevestiging");
  await expect(page.locator("article").filter({ hasText: "Tuinbouw De Kas" })).toHaveCount(0);
  await confirmRegistration(page, "lotte@dekas.nl");
  await expect(page.getByTestId("registrations")).toHaveCount(0);
  await expect(page.locator("article").filter({ hasText: "Tuinbouw De Kas" })).toContainText("lotte@dekas.nl");
});

test("a registration under an existing name joins it only when staff choose so", async ({ page }) => {
  await page.goto("/werkgever-aanmelden");
  await hydrated(page);
  await page.getByLabel("Naam van de organisatie").fill("Bakkerij Van der Linden");
  await page.getByLabel("Voornaam contactpersoon").fill("Noor");
  await page.getByLabel("Achternaam contactpersoon").fill("Bakker");
  await page.getByLabel("Zakelijk e-mailadres").fill("noor@bakkerij-linden.nl");
  await page.getByLabel("Zakelijk telefoonnummer").fill("010 765 4321");
  await page.getByLabel("Regio").selectOption({ label: "Rijnmond" });
  await page.getByRole("button", { name: "Aanmelding versturen" }).click();
  await expect(page.getByRole("status")).toContainText("Bedankt voor je aanmelding");

  await login(page, ACCOUNTS.staffRotterdam, "/werkzoekenden");
  await page.getByRole("link", { name: "Werkgevers" }).click();
  const card = page.getByTestId("registrations").locator("li").filter({ hasText: "noor@bakkerij-linden.nl" });
  await expect(card).toContainText("Er bestaat al een organisatie met deze naam");
  // Approving without a choice is refused with a Dutch message; nothing is created.
  await card.getByRole("button", { name: "Goedkeuren" }).click();
  await expect(page.getByRole("alert")).toContainText("Kies of de aanmelder contactpersoon wordt");
  await card.getByLabel("Organisatie bij goedkeuren").selectOption({ label: "Contactpersoon van Bakkerij Van der Linden (zelfde naam)" });
  await card.getByRole("button", { name: "Goedkeuren" }).click();
  await expect(card).toContainText("contactpersoon van Bakkerij Van der Linden");
  await confirmRegistration(page, "noor@bakkerij-linden.nl");
  await expect(page.getByTestId("registrations").locator("li").filter({ hasText: "noor@bakkerij-linden.nl" })).toHaveCount(0);
  await expect(page.locator("article").filter({ hasText: "Bakkerij Van der Linden" })).toContainText("noor@bakkerij-linden.nl");
});

test("staff handle an erasure request", async ({ page }) => {
  await login(page, ACCOUNTS.pausedJobSeeker, "/mijn-profiel");
  await page.goto("/mijn-gegevens");
  await hydrated(page);
  await page.getByLabel("Soort verzoek").selectOption("erasure");
  await page.getByLabel("Toelichting").fill("Verwijder mijn gegevens alstublieft.");
  await page.getByRole("button", { name: "Verzoek indienen" }).click();
  await expect(page.getByTestId("privacy-requests")).toContainText("In behandeling");
  await page.getByRole("button", { name: "Uitloggen", exact: true }).click();
  await page.waitForURL((u) => u.pathname === "/");

  await login(page, ACCOUNTS.staffRotterdam, "/werkzoekenden");
  await page.getByRole("link", { name: "Privacyverzoeken" }).click();
  const card = page.getByTestId("privacy-queue").locator("li").filter({ hasText: "Daan de Vries" });
  await expect(card).toContainText("Verwijdering van mijn profiel");
  await expectAccessible(page);
  await card.getByLabel("Toekennen").check();
  await card.getByLabel(/Direct verwijderen/).check();
  await card.getByLabel("Toelichting voor de werkzoekende").fill("Er geldt geen bewaarplicht; je profiel is verwijderd.");
  await card.getByRole("button", { name: "Besluit vastleggen" }).click();
  await expect(page.getByTestId("privacy-queue").locator("li").filter({ hasText: "Daan de Vries" })).toHaveCount(0);

  // The person is gone: no log-in any more.
  await page.getByRole("button", { name: "Uitloggen", exact: true }).click();
  await page.waitForURL((u) => u.pathname === "/");
  await page.goto("/inloggen");
  await hydrated(page);
  await page.getByLabel("E-mailadres").fill(ACCOUNTS.pausedJobSeeker);
  await page.getByLabel("Wachtwoord").fill("HalloWerk-demo-2026");
  await page.getByRole("button", { name: "Inloggen" }).click();
  await expect(page.getByRole("alert")).toContainText("wachtwoord klopt niet");
});

test("staff view the statistics as a chart with a table", async ({ page }) => {
  await login(page, ACCOUNTS.staffRotterdam, "/werkzoekenden");
  await page.getByRole("link", { name: "Statistieken" }).click();
  const chart = page.getByRole("img", { name: "Actieve werkzoekenden per doelgroep" });
  await expect(chart).toBeVisible();
  await expect(chart.locator("rect")).toHaveCount(5);
  await page.getByText("Tabel: Actieve werkzoekenden per doelgroep").click();
  await expect(page.getByRole("table", { name: "Actieve werkzoekenden per doelgroep" })).toContainText("Banenafspraak");
  await expect(page.getByRole("link", { name: "Download als CSV" })).toHaveAttribute("href", /^data:text\/csv/);
  await expectAccessible(page);
  await page.getByRole("link", { name: "Auditlog" }).click();
  await expect(page.getByTestId("audit-table")).toBeVisible();
  await expectAccessible(page);
});
