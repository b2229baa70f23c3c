import { expect } from "@playwright/test";
import { ACCOUNTS, expectAccessible, hydrated, login, test, waitForMail, waitLikeAPerson } from "./helpers";

test("contact form: bad input is explained, a sent message lands in the right region's inbox", async ({ page }) => {
  await page.goto("/contact");
  await hydrated(page);
  await expectAccessible(page);
  const shownAt = Date.now();

  await page.getByLabel("Voornaam").fill("Joyce");
  await page.getByLabel("Achternaam").fill("Pinas");
  await page.getByLabel("E-mailadres").fill("joyce@");
  await page.getByLabel("Werkgever").check();
  await page.getByLabel("Regio").selectOption({ label: "Rijnmond" });
  await page.getByLabel("Je vraag of bericht").fill("Hoe plaats ik een vacature voor een orderpicker?");
  await waitLikeAPerson(page, shownAt);

  // The browser's own check lets "joyce@" through only partly: force the server's check.
  await page.getByLabel("E-mailadres").evaluate((el: HTMLInputElement) => (el.type = "text"));
  await page.getByRole("button", { name: "Versturen" }).click();
  await expect(page.getByText("Vul een geldig e-mailadres in")).toBeVisible();
  await expect(page.getByLabel("E-mailadres")).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("E-mailadres").fill("joyce.pinas@voorbeeld.nl");
  await page.getByRole("button", { name: "Versturen" }).click();
  await expect(page.getByRole("status")).toContainText("Bedankt");

  await login(page, ACCOUNTS.staffRotterdam, "/werkzoekenden");
  await page.getByRole("link", { name: "Contactberichten" }).click();
  await expect(page).toHaveURL(/\/contactberichten$/);
  const inbox = page.getByTestId("contact-inbox");
  await expect(inbox).toContainText("Joyce Pinas");
  await expect(inbox).toContainText("orderpicker");
  await expectAccessible(page);
  await inbox.getByLabel("Notitie bij het antwoord").first().fill("Teruggebeld, vacature samen aangemaakt.");
  await inbox.getByRole("button", { name: "Markeer als afgehandeld" }).first().click();
  await expect(inbox).toContainText("Afgehandeld: Teruggebeld");
});

test("a privacy request through the contact form counts once its mailed link is opened, then staff of the region decide it and the answer reaches the confirmed address", async ({ page }) => {
  const address = `kim.${Date.now()}@voorbeeld.nl`;
  await page.goto("/contact");
  await hydrated(page);
  const shownAt = Date.now();
  await page.getByLabel("Voornaam").fill("Kim");
  await page.getByLabel("Achternaam").fill("Aanvrager");
  await page.getByLabel("E-mailadres").fill(address);
  await page.getByLabel("Overig").check();
  await page.getByLabel("Regio").selectOption({ label: "Rijnmond" });
  await page.getByLabel("Waar gaat het om?").selectOption({ label: "Privacyverzoek: Inzage" });
  await page.getByLabel("Je vraag of bericht").fill("Welke gegevens hebben jullie van mij?");
  await expectAccessible(page);
  await waitLikeAPerson(page, shownAt);
  await page.getByRole("button", { name: "Versturen" }).click();
  await expect(page.getByRole("status")).toContainText("bevestigen");

  // The link in the mail, then a button (a mail scanner opening the link confirms nothing).
  const mail = await waitForMail(address, "/privacyverzoek-bevestigen/");
  const link = mail.match(/https?:\/\/[^\s"<>]+\/privacyverzoek-bevestigen\/[0-9a-f]{64}/)![0];
  await page.goto(link);
  await hydrated(page);
  await expectAccessible(page);
  await page.getByRole("button", { name: "Verzoek bevestigen" }).click();
  await expect(page.getByTestId("request-confirmed")).toBeVisible();

  await login(page, ACCOUNTS.staffRotterdam, "/werkzoekenden");
  await page.goto("/privacyverzoeken");
  await hydrated(page);
  const card = page.getByTestId("region-queue").locator("li").filter({ hasText: address });
  await expect(card).toContainText("Inzage");
  await expect(card).toContainText("Via het contactformulier");
  await expectAccessible(page);
  await card.getByLabel("Toekennen").check();
  await card.getByLabel("Toelichting voor de aanvrager").fill("Hierbij alles wat we van je bewaren.");
  await card.getByRole("button", { name: "Besluit vastleggen" }).click();
  await expect(page.getByTestId("region-queue").locator("li").filter({ hasText: address })).toContainText("Toegekend");

  // The decision mail carries a link to the data, which only that address received.
  const decision = await waitForMail(address, "alles wat we van je bewaren");
  const answer = decision.match(/https?:\/\/[^\s"<>]+\/verzoek-antwoord\/[0-9a-f]{64}/)![0];
  const download = await page.request.get(answer);
  expect(download.status()).toBe(200);
  const data = await download.json();
  expect(data.requests[0].kind).toBe("access");
  expect(data.requests[0].status).toBe("granted");
  expect(data.processing_log.some((e: { action: string }) => e.action === "decide_subject_request")).toBe(true);
});
