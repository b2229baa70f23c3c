import { expect } from "@playwright/test";
import * as fs from "fs";
import { ACCOUNTS, expectAccessible, hydrated, login, test, waitForMail } from "./helpers";

// A real 1×1 PNG.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

test.describe.configure({ mode: "serial" });

test("job seeker edits and saves the profile, with messages next to the fields", async ({ page }) => {
  await login(page, ACCOUNTS.jobSeeker, "/mijn-profiel");
  await expectAccessible(page);

  const phone = page.getByLabel("Telefoonnummer");
  await phone.fill("06 1234 56");
  await page.getByRole("button", { name: "Persoonlijke gegevens opslaan" }).click();
  await expect(page.getByText("Vul een Nederlands telefoonnummer in")).toBeVisible();
  await expect(phone).toHaveAttribute("aria-invalid", "true");
  await phone.fill("06 9876 5432");
  await page.getByLabel("Postcode").fill("3011ab");
  await page.getByRole("button", { name: "Persoonlijke gegevens opslaan" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Opgeslagen" })).toBeVisible();
  await expect(phone).toHaveValue("0698765432");
  await expect(page.getByLabel("Postcode")).toHaveValue("3011 AB");

  // The special-category guard on free text.
  await page.getByLabel("Motivatie").fill("Mijn BSN is 1112.22.333, bel me maar.");
  await page.getByRole("button", { name: "Over mij opslaan" }).click();
  await expect(page.getByText("burgerservicenummer")).toBeVisible();
  await page.getByLabel("Motivatie").fill("Ik wil graag vroeg beginnen en met mijn handen werken.");
  await page.getByRole("button", { name: "Over mij opslaan" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Opgeslagen" })).toBeVisible();

  // Occupations: search as you type, pick from the taxonomy.
  await page.getByLabel("Beroep zoeken").pressSequentially("bakk", { delay: 30 });
  await page.getByRole("button", { name: "Kies Bakker (ISCO 7512)" }).click();
  await page.getByRole("button", { name: "Voorkeursberoepen opslaan" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Opgeslagen" })).toBeVisible();

  await page.reload();
  await expect(page.getByLabel("Telefoonnummer")).toHaveValue("0698765432");
  await expect(page.getByLabel("Motivatie")).toHaveValue(/vroeg beginnen/);
  await expect(page.getByTestId("chosen-occupations")).toContainText("Bakker");
  // Gemeente-only fields are read-only with a change request.
  await expect(page.getByRole("button", { name: "Wijzigen aanvragen (Gemeentelijk klantnummer)" })).toBeVisible();
});

test("job seeker uploads a photo and sees it", async ({ page }) => {
  await login(page, ACCOUNTS.jobSeeker, "/mijn-profiel");
  // The demo photo is a generated placeholder portrait (96 px); replace it with a real one.
  const img = page.getByRole("img", { name: "Jouw profielfoto" });
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(96);
  await page.getByLabel("Foto vervangen").setInputFiles({ name: "ik.png", mimeType: "image/png", buffer: PNG });
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(1);
  // A file that only pretends to be a photo is refused with a reason.
  await page.getByLabel("Foto vervangen").setInputFiles({ name: "nep.png", mimeType: "image/png", buffer: Buffer.from("GIF89a-not-a-png") });
  await expect(page.getByRole("alert").filter({ hasText: "geen JPEG-, PNG- of WebP-foto" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("img", { name: "Jouw profielfoto" })).toBeVisible();
});

test("job seeker pauses and resumes, and downloads the export", async ({ page }) => {
  await login(page, ACCOUNTS.jobSeeker, "/mijn-profiel");
  await page.getByRole("link", { name: "Mijn gegevens en privacy" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mijn gegevens en privacy");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Profiel pauzeren" }).click();
  // The state is a status badge (ui/badge.rs), its look following the state.
  const badge = page.getByTestId("profile-state").locator(".utrecht-badge-status");
  await expect(badge).toHaveText("Gepauzeerd");
  await expect(badge).toHaveClass(/utrecht-badge-status--inactive/);
  await expectAccessible(page);
  await page.getByRole("button", { name: "Profiel weer zichtbaar maken" }).click();
  await expect(badge).toHaveText("Actief");
  await expect(badge).toHaveClass(/utrecht-badge-status--success/);

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Alleen de gegevens (JSON)" }).click();
  const file = await (await download).path();
  const doc = JSON.parse(fs.readFileSync(file!, "utf8"));
  expect(doc.profile.first_name).toBe("Fatima");
  expect(doc.profile.client_number).toMatch(/^RTM-/);
  expect(Object.keys(doc.documentation.fields)).toContain("work_capacity");

  // An erasure request, with its legal deadline.
  await page.getByLabel("Soort verzoek").selectOption("erasure");
  await page.getByLabel("Toelichting").fill("Ik heb werk gevonden, verwijder mijn profiel.");
  await page.getByRole("button", { name: "Verzoek indienen" }).click();
  await expect(page.getByTestId("privacy-requests")).toContainText("Verwijdering van mijn profiel");
  await expect(page.getByTestId("privacy-requests")).toContainText("In behandeling");
});

test("vacancies for me show the criteria in words", async ({ page }) => {
  await login(page, ACCOUNTS.jobSeeker, "/mijn-profiel");
  await page.getByRole("link", { name: "Vacatures voor mij" }).click();
  const matches = page.getByTestId("vacancy-matches");
  await expect(matches).toContainText("Voorkeursberoep: Bakker");
  await expectAccessible(page);
  const card = matches.locator("li.hw-card").filter({ hasText: "Medewerker bakkerij" });
  await card.getByRole("button", { name: "Ik heb interesse" }).click();
  await expect(page.getByTestId("invitations")).toContainText("Jij hebt interesse getoond");
});

test("a new e-mail address changes only after the link sent to it", async ({ page }) => {
  await login(page, ACCOUNTS.jobSeeker, "/mijn-profiel");
  const email = page.getByLabel("E-mailadres");
  const change = async (to: string) => {
    await email.fill(to);
    await page.getByRole("button", { name: "Persoonlijke gegevens opslaan" }).click();
    await expect(page.getByRole("status").filter({ hasText: `mail gestuurd naar ${to}` })).toBeVisible();
    const mail = await waitForMail(to, "/e-mailadres-bevestigen/");
    const link = mail.match(/http\S+\/e-mailadres-bevestigen\/[0-9a-f]{64}/)![0];
    await page.goto(link);
    await hydrated(page);
    await expectAccessible(page);
    await page.getByRole("button", { name: "Bevestigen" }).click();
    await expect(page.getByRole("status")).toContainText(`Je e-mailadres is nu ${to}`);
  };
  await change("fatima.nieuw@voorbeeld.nl");
  // Back to the demo address, through the same link, so the other tests still log in.
  await page.goto("/mijn-profiel");
  await hydrated(page);
  await expect(email).toHaveValue("fatima.nieuw@voorbeeld.nl");
  await change(ACCOUNTS.jobSeeker);
});
