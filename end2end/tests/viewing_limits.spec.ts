import { expect, Page } from "@playwright/test";
import { ACCOUNTS, expectAccessible, hydrated, login, test, watch } from "./helpers";

// The demo's second employer: no other browser test opens profiles as it.
const LOGISTICS = "h.koster@logistiek.hallowerk-demo.nl";
const ACCOUNT_CEILING = "Geopende profielen per account per dag";
// A second staff member of the same region (Rijnmond): lifting a block takes two people.
const SCHIEDAM_STAFF = "s.visser@schiedam.hallowerk-demo.nl";

/** Clicks `button` on every block of the logistics employer that has one, one at a time. */
async function clickEach(staff: Page, button: string) {
  await staff.goto("/kijklimieten");
  await hydrated(staff);
  const buttons = staff
    .getByTestId("viewing-blocks")
    .locator("li")
    .filter({ hasText: "Logistiek Rijnmond BV" })
    .getByRole("button", { name: button });
  for (let open = await buttons.count(); open > 0; open--) {
    await buttons.first().click();
    await expect(buttons).toHaveCount(open - 1);
  }
}

/** The region's ceiling for opened profiles per account before this test lowered it; set only
 * while it is lowered. Every test shares one server and database, so a ceiling left at 3 (or
 * the employer left blocked) would fail whatever test opens profiles next. */
let ceilingToRestore: string | undefined;

async function setAccountCeiling(staff: Page, value: string) {
  await staff.goto("/kijklimieten");
  await hydrated(staff);
  await staff.getByLabel(ACCOUNT_CEILING).fill(value);
  await staff.getByRole("button", { name: "Daggrenzen opslaan" }).click();
  await expect(staff.getByRole("status")).toHaveText("De daggrenzen zijn opgeslagen.");
}

// When the test stops between lowering the ceiling and restoring it (a failed expectation or
// its time-out; Playwright gives after-hooks fresh time after a time-out), restore it here, in a
// session of its own: the test's pages may be anywhere, or closed. The employer's block of
// today is lifted too, so a retry starts as the first run did.
test.afterEach(async ({ browser }) => {
  if (ceilingToRestore === undefined) return;
  const context = watch(await browser.newContext());
  try {
    const staff = await context.newPage();
    await login(staff, ACCOUNTS.staffRotterdam, "/werkzoekenden");
    await setAccountCeiling(staff, ceilingToRestore);
    ceilingToRestore = undefined;
    // Four eyes: Rotterdam asks, Schiedam lifts.
    await clickEach(staff, "Blokkade opheffen");
    const second = await context.newPage();
    await login(second, SCHIEDAM_STAFF, "/werkzoekenden");
    await clickEach(second, "Opheffen bevestigen");
  } finally {
    await context.close();
  }
});

test("staff set a daily ceiling, an employer is warned and then blocked, staff lift the block", async ({ browser }) => {
  const staff = await (watch(await browser.newContext())).newPage();
  const employer = await (watch(await browser.newContext())).newPage();

  await login(staff, ACCOUNTS.staffRotterdam, "/werkzoekenden");
  await staff.goto("/werkgevers");
  await hydrated(staff);
  await staff.getByRole("link", { name: /Kijklimieten/ }).click();
  await staff.waitForURL("**/kijklimieten");
  await expectAccessible(staff);
  // Remembered before saving: from the click on, the ceiling may be lowered.
  const ceiling = await staff.getByLabel(ACCOUNT_CEILING).inputValue();
  ceilingToRestore = ceiling;
  await setAccountCeiling(staff, "3");

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
  // Four eyes: this staff member asks; a second one of the region lifts the block.
  await blocks.getByRole("button", { name: "Blokkade opheffen" }).first().click();
  await expect(blocks).toContainText("Je vroeg om opheffen");
  await employer.goto(links[0]);
  await hydrated(employer);
  await expect(employer.getByText(/daggrens/)).toBeVisible();
  const second = await (watch(await browser.newContext())).newPage();
  await login(second, SCHIEDAM_STAFF, "/werkzoekenden");
  await second.goto("/kijklimieten");
  await hydrated(second);
  await expectAccessible(second);
  const theirs = second.getByTestId("viewing-blocks");
  await theirs.getByRole("button", { name: "Opheffen bevestigen" }).first().click();
  await expect(theirs).toContainText("Opgeheven op");

  await employer.goto(links[0]);
  await hydrated(employer);
  await expect(employer.getByText(/daggrens/)).toHaveCount(0);
  await expect(employer.getByRole("heading", { level: 1 })).not.toBeEmpty();

  // Back to what it was, for the tests that follow (checked here; `afterEach` only if not).
  await setAccountCeiling(staff, ceiling);
  ceilingToRestore = undefined;
});
