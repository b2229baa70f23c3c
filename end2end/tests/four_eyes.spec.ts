import { expect } from "@playwright/test";
import { ACCOUNTS, expectAccessible, login, test, waitForMail, watch } from "./helpers";

const SCHIEDAM_STAFF = "s.visser@schiedam.hallowerk-demo.nl";

test("an account the administrator makes waits until staff of its gemeente approve it", async ({ page, browser }) => {
  await login(page, ACCOUNTS.admin, "/beheer");
  await page.locator("#staff-municipality").selectOption({ label: "Schiedam" });
  await page.locator("#staff-first").fill("Nadia");
  await page.locator("#staff-last").fill("Nieuw");
  await page.locator("#staff-email").fill("n.nieuw@schiedam.example.nl");
  await page.getByRole("button", { name: "Medewerker toevoegen en activatielink sturen" }).click();
  const row = page.getByTestId("accounts").getByRole("row").filter({ hasText: "n.nieuw@schiedam.example.nl" });
  await expect(row).toContainText("Wacht op goedkeuring");
  // The administrator made it, so the administrator cannot approve it.
  await expect(row.getByRole("button", { name: /Goedkeuren/ })).toHaveCount(0);

  // Schiedam's staff are told, and approve it on their accounts page.
  const mail = await waitForMail(SCHIEDAM_STAFF, "n.nieuw@schiedam.example.nl");
  expect(mail).toContain("/accounts");
  const context = watch(await browser.newContext());
  const staff = await context.newPage();
  await login(staff, SCHIEDAM_STAFF, "/werkzoekenden");
  await staff.getByRole("link", { name: "Accounts" }).click();
  await staff.waitForURL("**/accounts");
  const waiting = staff.getByTestId("gemeente-accounts").getByRole("row").filter({ hasText: "n.nieuw@schiedam.example.nl" });
  await expect(waiting).toContainText("Wacht op goedkeuring");
  await expectAccessible(staff);
  await waiting.getByRole("button", { name: "Goedkeuren: n.nieuw@schiedam.example.nl" }).click();
  await expect(staff.getByRole("status").filter({ hasText: "goedgekeurd" })).toBeVisible();
  await expect(waiting).toContainText("Nog niet geactiveerd");
  // The list searches names and e-mail addresses while one types.
  await staff.getByLabel("Zoek op naam of e-mailadres").fill("nieuw");
  await staff.waitForURL("**/accounts?q=nieuw");
  await expect(staff.getByTestId("gemeente-accounts").getByRole("row")).toHaveCount(2);
  await expect(waiting).toBeVisible();
  await context.close();
});
