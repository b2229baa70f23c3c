import { expect } from "@playwright/test";
import { ACCOUNTS, expectAccessible, hydrated, login, test } from "./helpers";

test("the privacy statement is public, per gemeente, with its partners and versions", async ({ page }) => {
  await page.goto("/contact");
  await hydrated(page);
  // The form that asks for personal data links to the statement, as the footer does.
  await page.locator("form").getByRole("link", { name: "privacyverklaring" }).click();
  await page.waitForURL("**/privacy");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Privacyverklaring HalloWerk");
  await expect(page.getByRole("table", { name: "Gegevens bij het aanmaken van een profiel" })).toContainText("Geboortedatum");

  await page.getByLabel("Jouw gemeente").selectOption({ label: "Rotterdam" });
  await page.getByRole("button", { name: "Toon de privacyverklaring" }).click();
  await page.waitForURL(/\/privacy\?gemeente=\d+/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Privacyverklaring HalloWerk, gemeente Rotterdam");
  await expect(page.getByTestId("statement")).toContainText("Opleidingsinstituut Maasstad");
  await expect(page.getByTestId("statement-version")).toContainText("Versie 1, gepubliceerd op");
  await expectAccessible(page);
});

test("staff publish a new version and the previous one stays readable", async ({ page }) => {
  await login(page, ACCOUNTS.staffRotterdam, "/werkzoekenden");
  await page.goto("/privacyverzoeken");
  await hydrated(page);
  await page.getByRole("link", { name: "De privacyverklaring van de gemeente publiceren" }).click();
  await page.waitForURL("**/privacyverklaring-beheren");
  await hydrated(page);
  await page.getByLabel("Contact over privacy bij de gemeente (optioneel)").fill("privacy@rotterdam.example");
  await page.getByLabel("Wat verandert er in deze versie?").fill("Contact van het privacyloket toegevoegd.");
  await page.getByRole("button", { name: "Nieuwe versie publiceren" }).click();
  await expect(page.getByRole("status")).toHaveText("Versie 2 is gepubliceerd.");
  await expectAccessible(page);

  await page.getByRole("link", { name: "De huidige privacyverklaring van gemeente Rotterdam" }).click();
  await page.waitForURL(/\/privacy\?gemeente=\d+$/);
  await expect(page.getByTestId("statement-version")).toContainText("Versie 2");
  await expect(page.getByTestId("statement")).toContainText("privacy@rotterdam.example");
  await page.getByTestId("statement-versions").getByRole("link", { name: "Versie 1" }).click();
  await page.waitForURL(/versie=1$/);
  await expect(page.getByText("Dit is een oudere versie.")).toBeVisible();
  await expect(page.getByTestId("statement")).not.toContainText("privacy@rotterdam.example");
  await expectAccessible(page);
});
