import { test, expect } from "@playwright/test";
import { ACCOUNTS, expectAccessible, hydrated, login } from "./helpers";

// The demo's second employer: no other browser test opens profiles as it.
const LOGISTICS = "h.koster@logistiek.hallowerk-demo.nl";

test("staff set a daily ceiling, an employer is warned and then blocked, staff lift the block", async ({ browser }) => {
  const staff = await (await browser.newContext()).newPage();
  const employer = await (await browser.newContext()).newPage();
  const setAccountCeiling = async (value: string) => {
    await staff.goto("/kijklimieten");
    await hydrated(staff);
    await staff.getByLabel("Geopende profielen per account per dag").fill(value);
    await staff.getByRole("button", { name: "Daggrenzen opslaan" }).click();
    await expect(staff.getByRole("status")).toHaveText("De daggrenzen zijn opgeslagen.");
  };

  await login(staff, ACCOUNTS.staffRotterdam, "/werkzoekenden");
  await staff.goto("/werkgevers");
  await hydrated(staff);
  await staff.getByRole("link", { name: /Kijklimieten/ }).click();
  await staff.waitForURL("**/kijklimieten");
  await expectAccessible(staff);
  await setAccountCeiling("3");

  await login(employer, LOGISTICS, "/kandidaten");
  const links = await employer.getByTestId("candidate-list").getByRole("link").evaluateAll(
    (as) => as.map((a) => (a as HTMLAnchorElement).getAttribute("href")!),
  );
  expect(links.length).toBeGreaterThan(4);
  // Open profiles until refused; a warning must come first.
  let warned = false;
  let refused = false;
  for (const href of links.slice(0, 6)) {
    await employer.goto(href);
    await hydrated(employer);
    if (await employer.getByText(/daggrens voor geopende profielen bereikt/).isVisible()) {
      refused = true;
      break;
    }
    await expect(employer.getByRole("heading", { level: 1 })).not.toBeEmpty();
    if (await employer.getByTestId("viewing-notice").isVisible()) warned = true;
  }
  expect(warned).toBe(true);
  expect(refused).toBe(true);

  await staff.reload();
  await hydrated(staff);
  const blocks = staff.getByTestId("viewing-blocks");
  await expect(blocks).toContainText("Logistiek Rijnmond BV");
  await blocks.getByRole("button", { name: "Blokkade opheffen" }).first().click();
  await expect(blocks).toContainText("Opgeheven op");

  await employer.goto(links[0]);
  await hydrated(employer);
  await expect(employer.getByText(/daggrens/)).toHaveCount(0);
  await expect(employer.getByRole("heading", { level: 1 })).not.toBeEmpty();

  // Back to the default for the tests that follow.
  await setAccountCeiling("200");
});
