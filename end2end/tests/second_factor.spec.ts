import { expect, Page } from "@playwright/test";
import { ACCOUNTS, expectAccessible, freshCode, hydrated, login, PASSWORD, test, totp, watch } from "./helpers";

// A staff member no other browser test uses: the administrator resets their second factor here.
const VLAARDINGEN = "k.deboer@vlaardingen.hallowerk-demo.nl";

async function password(page: Page, email: string) {
  await page.goto("/inloggen");
  await hydrated(page);
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord").fill(PASSWORD);
  await page.getByRole("button", { name: "Inloggen" }).click();
  await page.waitForURL("**/inloggen/tweede-stap");
  await hydrated(page);
}

test("staff reach nothing with the password alone, and finish with a code", async ({ page }) => {
  await password(page, ACCOUNTS.staffRotterdam);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Inloggen: tweede stap");
  await expectAccessible(page);
  await page.goto("/werkzoekenden");
  await expect(page.getByRole("alert")).toContainText("code uit je authenticator-app");
  await page.getByRole("link", { name: "Naar de tweede stap" }).click();
  await page.waitForURL("**/inloggen/tweede-stap");
  await hydrated(page);
  await page.getByLabel("Code", { exact: true }).fill("000000");
  await page.getByRole("button", { name: "Inloggen afronden" }).click();
  await expect(page.getByRole("alert")).toContainText("klopt niet");
  const code = await freshCode(ACCOUNTS.staffRotterdam);
  await page.getByLabel("Code", { exact: true }).fill(code);
  await page.getByRole("button", { name: "Inloggen afronden" }).click();
  await page.waitForURL("**/vandaag");
  await hydrated(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Vandaag");

  // The same code once more, on a new log-in (as someone who saw it typed would try), while
  // its time step is still accepted: refused, and the new session stays short of the code.
  await page.getByRole("button", { name: "Uitloggen", exact: true }).click();
  await page.waitForURL((url) => url.pathname === "/");
  await password(page, ACCOUNTS.staffRotterdam);
  await page.getByLabel("Code", { exact: true }).fill(code);
  await page.getByRole("button", { name: "Inloggen afronden" }).click();
  await expect(page.getByRole("alert")).toContainText("al gebruikt");
  await expect(page).toHaveURL(/\/inloggen\/tweede-stap$/);
  await page.goto("/werkzoekenden");
  await expect(page.getByRole("alert")).toContainText("code uit je authenticator-app");
});

test("after a reset by the administrator, staff enrol again with a QR code and get recovery codes", async ({ page, browser }) => {
  await login(page, ACCOUNTS.admin, "/beheer");
  await page.getByRole("button", { name: `Tweede factor opnieuw instellen voor ${VLAARDINGEN}` }).click();
  await expect(page.getByTestId("accounts").getByRole("row").filter({ hasText: VLAARDINGEN })).toContainText("Nog niet ingesteld");

  const context = watch(await browser.newContext());
  const staff = await context.newPage();
  await password(staff, VLAARDINGEN);
  await expect(staff.getByRole("img", { name: /QR-code/ })).toBeVisible();
  await expectAccessible(staff);
  // The app would scan the QR code; the test types the secret over, as a person can.
  const secret = (await staff.getByTestId("totp-secret").textContent())!.replace(/\s/g, "");
  expect(secret).toHaveLength(32);
  await staff.getByLabel("Code", { exact: true }).fill(totp(secret, Math.floor(Date.now() / 30_000)));
  await staff.getByRole("button", { name: "Bevestigen" }).click();
  await expect(staff.getByRole("status")).toContainText("gekoppeld");
  const codes = await staff.getByTestId("recovery-codes").locator("li").allTextContents();
  expect(codes).toHaveLength(10);
  await expectAccessible(staff);
  await staff.getByRole("link", { name: "Ik heb ze bewaard, ga verder" }).click();
  await staff.waitForURL("**/vandaag");
  // The log-out button works once the page is hydrated (a click before that posts the form
  // natively and stays on the page).
  await hydrated(staff);
  await expect(staff.getByTestId("signed-in-as")).toContainText("Kees de Boer");

  // Phone lost: a recovery code signs in, once.
  await staff.getByRole("button", { name: "Uitloggen", exact: true }).click();
  await staff.waitForURL((url) => url.pathname === "/");
  await password(staff, VLAARDINGEN);
  await staff.getByLabel("Code", { exact: true }).fill(codes[0]);
  await staff.getByRole("button", { name: "Inloggen afronden" }).click();
  await staff.waitForURL("**/vandaag");
  // The log-out button works once the page is hydrated (a click before that posts the form
  // natively and stays on the page).
  await hydrated(staff);
  await staff.getByRole("button", { name: "Uitloggen", exact: true }).click();
  await staff.waitForURL((url) => url.pathname === "/");
  await password(staff, VLAARDINGEN);
  await staff.getByLabel("Code", { exact: true }).fill(codes[0]);
  await staff.getByRole("button", { name: "Inloggen afronden" }).click();
  await expect(staff.getByRole("alert")).toContainText("al gebruikt");
  await context.close();
});

test("a bookmark opened signed out leads through the log-in, both steps, back to the page", async ({ page }) => {
  // A job seeker: the password is the whole log-in.
  await page.goto("/vacatures-voor-mij");
  await expect(page).toHaveURL(/\/inloggen\?terug=\/vacatures-voor-mij$/);
  await hydrated(page);
  await expectAccessible(page);
  await page.getByLabel("E-mailadres").fill(ACCOUNTS.jobSeeker);
  await page.getByLabel("Wachtwoord").fill(PASSWORD);
  await page.getByRole("button", { name: "Inloggen" }).click();
  await page.waitForURL((url) => url.pathname === "/vacatures-voor-mij");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Vacatures voor mij");
  await page.context().clearCookies();

  // An employer: the page asked for, with its query, rides along the second step.
  await page.goto("/kandidaten?q=klant");
  await expect(page).toHaveURL(/\/inloggen\?terug=\/kandidaten%3Fq%3Dklant$/);
  await hydrated(page);
  await page.getByLabel("E-mailadres").fill(ACCOUNTS.employer);
  await page.getByLabel("Wachtwoord").fill(PASSWORD);
  await page.getByRole("button", { name: "Inloggen" }).click();
  await page.waitForURL((url) => url.pathname === "/inloggen/tweede-stap");
  await hydrated(page);
  await page.getByLabel("Code", { exact: true }).fill(await freshCode(ACCOUNTS.employer));
  await page.getByRole("button", { name: "Inloggen afronden" }).click();
  await page.waitForURL((url) => url.pathname === "/kandidaten");
  expect(new URL(page.url()).searchParams.get("q")).toBe("klant");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Kandidaten");

  // Sent to log in while the session runs (a mailed link from webmail comes without the strict
  // cookie): the log-in page sees the session and goes on to the page.
  await page.goto("/inloggen?terug=%2Fuitnodigingen");
  await page.waitForURL((url) => url.pathname === "/uitnodigingen");

  // A link to another site is not followed after the log-in.
  await page.context().clearCookies();
  await page.goto("/inloggen?terug=//evil.example/");
  await hydrated(page);
  await page.getByLabel("E-mailadres").fill(ACCOUNTS.jobSeeker);
  await page.getByLabel("Wachtwoord").fill(PASSWORD);
  await page.getByRole("button", { name: "Inloggen" }).click();
  await page.waitForURL((url) => url.pathname === "/vandaag");
});
