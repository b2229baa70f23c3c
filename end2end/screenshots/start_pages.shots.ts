import * as path from "path";
import { ACCOUNTS, login, test } from "../tests/helpers";

// The start page of each role at 1280 and at 320 CSS px, as PNG files in HW_SCREENSHOTS
// (scripts/screenshots; not committed).
const out = process.env.HW_SCREENSHOTS ?? path.join(__dirname, "..", "..", "target", "screenshots");

const ROLES: [string, string, string][] = [
  ["werkzoekende", ACCOUNTS.jobSeeker, "/vandaag"],
  ["werkgever", ACCOUNTS.employer, "/vandaag"],
  ["gemeente", ACCOUNTS.staffRotterdam, "/vandaag"],
  ["partner", ACCOUNTS.partner, "/vandaag"],
  ["beheerder", ACCOUNTS.admin, "/vandaag"],
];

for (const [role, email, start] of ROLES) {
  test(`start page of the ${role}`, async ({ page }) => {
    for (const width of [1280, 320]) {
      await page.setViewportSize({ width, height: width === 320 ? 640 : 800 });
      await login(page, email, start);
      await page.locator("main h1").first().waitFor();
      await page.screenshot({ path: path.join(out, `${role}-${width}.png`), fullPage: true });
    }
  });
}
