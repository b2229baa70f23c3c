import { expect } from "@playwright/test";
import { expectAccessible, hydrated, test } from "./helpers";

test("the footer leads to how filtering and matching work and to the accessibility statement", async ({ page }) => {
  await page.goto("/");
  await hydrated(page);
  const footer = page.getByRole("contentinfo");
  await footer.getByRole("link", { name: "Hoe zoeken en vergelijken werken" }).click();
  await page.waitForURL("**/algoritme");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hoe zoeken en vergelijken werken");
  await expect(page.getByTestId("never-used")).toContainText("Geboortedatum");
  await expect(page.getByTestId("filter-fields")).not.toContainText("Geboortedatum");
  await expect(page.getByTestId("filter-fields")).toContainText("Voorkeursberoepen");
  await expectAccessible(page);

  // The same, as data in the Algoritmeregister's fields.
  const register = await page.request.get("/algoritme.json");
  expect(register.ok()).toBe(true);
  const entries = await register.json();
  expect(entries.map((e: { organization: string }) => e.organization)).toContain("Gemeente Rotterdam");

  await footer.getByRole("link", { name: "Toegankelijkheid" }).click();
  await page.waitForURL("**/toegankelijkheid");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Toegankelijkheidsverklaring");
  await expect(page.getByTestId("known-issues")).toContainText("1.4.10");
  await expectAccessible(page);
});
