import { test, expect } from "@playwright/test";
import { ACCOUNTS, expectAccessible, hydrated, login, waitForMail } from "./helpers";

test("an employer registers, is approved, activates, creates a vacancy, filters live and invites", async ({ page }) => {
  test.setTimeout(120_000);
  // Register.
  await page.goto("/werkgever-aanmelden");
  await hydrated(page);
  await page.getByLabel("Naam van de organisatie").fill("Schoonmaakbedrijf Sprankel");
  await page.getByLabel("Voornaam contactpersoon").fill("Iris");
  await page.getByLabel("Achternaam contactpersoon").fill("Sprankel");
  await page.getByLabel("Zakelijk e-mailadres").fill("iris@sprankel.nl");
  await page.getByLabel("Zakelijk telefoonnummer").fill("010 765 4321");
  await page.getByLabel("Regio").selectOption({ label: "Rijnmond" });
  await page.getByRole("button", { name: "Aanmelding versturen" }).click();
  await expect(page.getByRole("status")).toContainText("Bedankt voor je aanmelding");

  // Staff of the region approve.
  await login(page, ACCOUNTS.staffRotterdam, "/werkzoekenden");
  await page.goto("/werkgevers");
  await hydrated(page);
  const card = page.getByTestId("registrations").locator("li").filter({ hasText: "Schoonmaakbedrijf Sprankel" });
  await card.getByRole("button", { name: "Goedkeuren" }).click();
  await expect(page.locator("article").filter({ hasText: "Schoonmaakbedrijf Sprankel" })).toBeVisible();
  await page.getByRole("button", { name: "Uitloggen", exact: true }).click();
  await page.waitForURL((u) => u.pathname === "/");

  // The activation link arrives by e-mail (real SMTP to the test's mail server).
  const mail = await waitForMail("iris@sprankel.nl", "/activeren/");
  const link = mail.match(/https?:\/\/[^\s"<>]+\/activeren\/[0-9a-f]{64}/)![0];
  await page.goto(link);
  await hydrated(page);
  await page.getByLabel("Nieuw wachtwoord", { exact: true }).fill("schoon en glanzend werk");
  await page.getByLabel("Herhaal het wachtwoord").fill("schoon en glanzend werk");
  await page.getByRole("button", { name: "Wachtwoord opslaan" }).click();
  await expect(page.getByRole("status")).toContainText("Je account is geactiveerd");

  // Log in and create a vacancy.
  await page.goto("/inloggen");
  await hydrated(page);
  await page.getByLabel("E-mailadres").fill("iris@sprankel.nl");
  await page.getByLabel("Wachtwoord").fill("schoon en glanzend werk");
  await page.getByRole("button", { name: "Inloggen" }).click();
  await page.waitForURL("**/kandidaten");
  await hydrated(page);
  await page.getByRole("link", { name: "Vacatures", exact: true }).click();
  await page.getByRole("link", { name: "Nieuwe vacature" }).click();
  await hydrated(page);
  await page.getByLabel("Titel").fill("Schoonmaker kantoren (avond)");
  await page.getByLabel("Omschrijving").fill("Kantoren schoonmaken in de avond, in een vast team.");
  await page.getByLabel("Beroep").pressSequentially("schoonm", { delay: 30 });
  await page.getByRole("button", { name: "Kies Schoonmaker (ISCO 9112)" }).click();
  await page.getByLabel("Gemeente (werkplek)").selectOption({ label: "Rotterdam" });
  await page.getByLabel("Uren per week").fill("20");
  await page.getByLabel("Staan").selectOption({ index: 2 });
  await page.getByLabel("Banenafspraak").check();
  await page.getByRole("button", { name: "Vacature opslaan" }).click();
  await page.waitForURL(/\/vacatures\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Vacature bewerken");
  await page.goto("/vacatures");
  await hydrated(page);
  await page.getByRole("button", { name: "Open Schoonmaker kantoren (avond)" }).click();
  await expect(page.getByTestId("vacancies")).toContainText("Open");

  // Filter candidates live: the list follows the typing, without a page load.
  await page.getByRole("link", { name: "Kandidaten" }).click();
  await hydrated(page);
  await expectAccessible(page);
  await page.evaluate(() => ((window as any).__noReload = true));
  const count = page.getByTestId("candidate-count");
  const all = await count.textContent();
  await page.getByLabel("Banenafspraak").check();
  await expect(count).not.toHaveText(all!);
  await page.getByLabel(/Zoek op interesses/).pressSequentially("koken", { delay: 40 });
  await expect(page).toHaveURL(/q=koken/);
  await expect(page).toHaveURL(/banenafspraak=1/);
  expect(await page.evaluate(() => (window as any).__noReload)).toBe(true);

  // Invite a matching candidate from the vacancy page.
  await page.goto("/vacatures");
  await hydrated(page);
  await page.getByRole("link", { name: "Schoonmaker kantoren (avond)" }).click();
  await hydrated(page);
  const first = page.getByTestId("vacancy-candidates").locator("li.hw-card").first();
  await expect(first).toContainText("Geschikt voor doelgroep Banenafspraak");
  await expectAccessible(page);
  await first.getByLabel(/Bericht aan/).fill("Wil je eens komen kennismaken?");
  await first.getByRole("button", { name: /^Nodig .* uit$/ }).click();
  await expect(page.getByRole("status").filter({ hasText: "Uitnodiging verstuurd" })).toBeVisible();
  await page.getByRole("link", { name: "Uitnodigingen" }).click();
  await expect(page.getByTestId("employer-invitations")).toContainText("Schoonmaker kantoren (avond)");
});
