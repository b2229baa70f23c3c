import { expect, Page } from "@playwright/test";
import { ACCOUNTS, expectAccessible, hydrated, login, test, totp, waitForMail } from "./helpers";
import * as fs from "fs";

// Keywords search interests, talents, motivation and the kind of work wanted; of these only the
// kind of work is on a candidate's card ("Soort werk: …"). Each kind of work of the demo data
// (DESIRED_WORK in server/src/demo/fake.rs) holds a word that no other searchable demo text holds,
// not even as the start of a longer word (keywords match word beginnings): typing it finds
// exactly the candidates who want that work.
const WORK_KEYWORD: Record<string, string> = {
  "werk in de keuken of bediening": "bediening",
  "buitenwerk in het groen": "buitenwerk",
  "productiewerk in ploegendienst": "ploegendienst",
  "magazijn en logistiek": "magazijn",
  "zorg en welzijn": "welzijn",
  "schoonmaak in kantoren": "kantoren",
  "winkel en kassa": "kassa",
  "bouw en onderhoud": "onderhoud",
  "administratief werk": "administratief",
  "chauffeurswerk": "chauffeurswerk",
  "werken met kinderen": "kinderen",
  "techniek en installatie": "installatie",
};

/** What the candidate list shows: each card's name and kind of work ("" without one). */
async function shownCandidates(page: Page): Promise<{ name: string; work: string }[]> {
  return page
    .getByTestId("candidate-list")
    .locator("li.hw-card")
    .evaluateAll((cards) =>
      cards.map((card) => {
        const work = Array.from(card.querySelectorAll("p"))
          .map((p) => p.textContent ?? "")
          .find((t) => t.startsWith("Soort werk: "));
        return {
          name: (card.querySelector("h2")?.textContent ?? "").trim(),
          work: work ? work.slice("Soort werk: ".length).trim() : "",
        };
      }),
    );
}

/** The count line above the list for `n` candidates. */
function countText(n: number): string {
  return n === 0 ? "Geen kandidaten gevonden. Maak je zoekopdracht ruimer: minder trefwoorden, of meer gemeenten, beroepen of doelgroepen." : n === 1 ? "1 kandidaat gevonden." : `${n} kandidaten gevonden.`;
}

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

  // Four eyes: one staff member of the region approves, which opens nothing yet ...
  await login(page, ACCOUNTS.staffRotterdam, "/werkzoekenden");
  await page.goto("/werkgevers");
  await hydrated(page);
  const card = page.getByTestId("registrations").locator("li").filter({ hasText: "Schoonmaakbedrijf Sprankel" });
  await card.getByRole("button", { name: "Goedkeuren" }).click();
  await expect(page.getByRole("status")).toContainText("Een tweede medewerker van de regio moet de goedkeuring bevestigen");
  await expect(card).toContainText("Wacht op bevestiging");
  await expect(card).toContainText("Goedgekeurd door jou");
  // ... and the one who approved cannot confirm.
  await expect(card.getByRole("button", { name: /bevestigen/ })).toHaveCount(0);
  await expect(page.locator("article").filter({ hasText: "Schoonmaakbedrijf Sprankel" })).toHaveCount(0);
  await page.getByRole("button", { name: "Uitloggen", exact: true }).click();
  await page.waitForURL((u) => u.pathname === "/");

  // A second staff member of the region (another gemeente) confirms; only now does the
  // organisation exist and the contact person get the activation link.
  await login(page, ACCOUNTS.staffSchiedam, "/werkzoekenden");
  await page.goto("/werkgevers");
  await hydrated(page);
  const waiting = page.getByTestId("registrations").locator("li").filter({ hasText: "Schoonmaakbedrijf Sprankel" });
  await expect(waiting).toContainText("Goedgekeurd door");
  await expectAccessible(page);
  await waiting.getByRole("button", { name: "Goedkeuring bevestigen" }).click();
  await expect(page.getByRole("status")).toContainText("Bevestigd");
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
  // Employers open profiles with contact data: the first log-in links an authenticator app.
  await page.waitForURL("**/inloggen/tweede-stap");
  await hydrated(page);
  const secret = (await page.getByTestId("totp-secret").textContent())!.replace(/\s/g, "");
  await page.getByLabel("Code", { exact: true }).fill(totp(secret, Math.floor(Date.now() / 30_000)));
  await page.getByRole("button", { name: "Bevestigen" }).click();
  await expect(page.getByTestId("recovery-codes").locator("li")).toHaveCount(10);
  await page.getByRole("link", { name: "Ik heb ze bewaard, ga verder" }).click();
  await page.waitForURL("**/vandaag");
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
  await expect(page).toHaveURL(/banenafspraak=1/);
  // The Banenafspraak candidates, all on this one page (the count says so), so what a keyword
  // should leave of them is known in full.
  const banenafspraak = await shownCandidates(page);
  await expect(count).toHaveText(countText(banenafspraak.length));
  // The least common kind of work among them, and its keyword: the list must shrink to exactly
  // the candidates with that kind of work.
  const kinds = [...new Set(banenafspraak.map((c) => c.work).filter((w) => w !== ""))];
  expect(kinds.length, "the demo's Banenafspraak candidates want more than one kind of work").toBeGreaterThan(1);
  const often = (kind: string) => banenafspraak.filter((c) => c.work === kind).length;
  const kind = kinds.sort((a, b) => often(a) - often(b))[0];
  const keyword = WORK_KEYWORD[kind];
  expect(keyword, `a keyword for the kind of work "${kind}" (DESIRED_WORK in server/src/demo/fake.rs)`).toBeTruthy();
  const expected = banenafspraak.filter((c) => c.work === kind).map((c) => c.name).sort();
  expect(expected.length).toBeLessThan(banenafspraak.length);

  // Type it; the list follows each keystroke, so wait for the answer to the whole word.
  const answered = page.waitForResponse(
    (r) => r.url().includes("/api/candidates/search") && (r.request().postData() ?? "").includes(`"q":"${keyword}"`),
  );
  await page.getByLabel(/Zoek op interesses/).pressSequentially(keyword, { delay: 40 });
  await answered;
  await expect(page).toHaveURL(new RegExp(`[?&]q=${keyword}(&|$)`));
  await expect(page).toHaveURL(/banenafspraak=1/);
  await expect.poll(async () => (await shownCandidates(page)).map((c) => c.name).sort()).toEqual(expected);
  await expect(count).toHaveText(countText(expected.length));
  for (const card of await page.getByTestId("candidate-list").locator("li.hw-card").all()) {
    await expect(card).toContainText(`Soort werk: ${kind}`);
    await expect(card).toContainText(keyword);
  }
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

test("an employer's contact person sees and corrects their own data, and can download it", async ({ page }) => {
  const logistics = "h.koster@logistiek.hallowerk-demo.nl";
  await login(page, logistics, "/kandidaten");
  await page.getByRole("link", { name: "Mijn account" }).click();
  await expect(page).toHaveURL(/\/mijn-account$/);
  await hydrated(page);
  await expect(page.getByTestId("my-account")).toContainText(logistics);
  await expectAccessible(page);

  // A wrong phone number is explained beside its field, and nothing changes.
  await page.getByLabel("Zakelijk telefoonnummer").fill("bel me");
  await page.getByRole("button", { name: "Opslaan" }).click();
  await expect(page.getByLabel("Zakelijk telefoonnummer")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Zakelijk telefoonnummer").fill("010 765 4321");
  await page.getByRole("button", { name: "Opslaan" }).click();
  await expect(page.getByTestId("account-saved")).toContainText("Opgeslagen");
  // Stored as the validator normalises it.
  await expect(page.getByTestId("my-account")).toContainText("0107654321");

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download je gegevens (JSON)" }).click();
  const file = await (await download).path();
  const doc = JSON.parse(fs.readFileSync(file, "utf8"));
  expect(doc.account.email).toBe(logistics);
  expect(doc.account.phone).toBe("0107654321");
});
