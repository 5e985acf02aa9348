// Each person's navigation shows exactly the screens the permission registry lets them open, each
// of those opens, and every other screen answers "not found" (404), never "forbidden". Whether a
// screen opens for a person is the server's answer (its rendering and permission checks), fetched
// with their session; how each screen behaves in the browser once open is security-headers.spec.ts's
// (each screen, hydrated, under the CSP, through axe).
import { expect, test, type Page } from "@playwright/test";
import {
  CONSULTANT, FOREIGN_TENANT, OWN_TENANT, permissionsIn, PLATFORM_ADMIN, ROLE_USERS, storageStateOf, TENANTS, type Persona,
} from "./fixtures";
import { SCREENS, SUB_SCREENS } from "./support/screens";

const PEOPLE: Persona[] = [...Object.values(ROLE_USERS[OWN_TENANT]), PLATFORM_ADMIN, CONSULTANT];

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", "#x27": "'" };

/** The text of every h1 in a server-rendered page (a streamed page's content included). */
function headingsIn(html: string): string[] {
  return [...html.matchAll(/<h1\b[^>]*>([\s\S]*?)<\/h1>/g)].map((m) =>
    m[1]!.replace(/<[^>]+>/g, "").replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_, e: string) => ENTITIES[e]!).trim());
}

/** A test that opens many screens gets the time they need: a limit per screen, not one for the lot. */
const timeFor = (screens: number) => test.setTimeout(30_000 + 20_000 * screens);

/**
 * The first URL is opened in the browser and must show the not-found page without the console
 * around it; the others are fetched with the page's own session (same server rendering, a fraction
 * of the time) and must answer 404 with that page.
 */
async function expectNotFound(page: Page, urls: string[]): Promise<void> {
  const [first, ...rest] = urls;
  if (first) {
    const res = await page.goto(first, { waitUntil: "domcontentloaded" });
    expect(res?.status(), first).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
    await expect(page.getByText(/forbidden|permission/i)).toHaveCount(0);
  }
  for (const url of rest) {
    const res = await page.request.get(url, { maxRedirects: 0 });
    expect(res.status(), url).toBe(404);
    const html = await res.text();
    expect(html, url).toContain("Page not found");
    expect(html, url).not.toMatch(/missing permission/i);
  }
}

for (const person of PEOPLE) {
  test.describe(`${person.key}`, () => {
    test.use({ storageState: storageStateOf(person) });

    for (const tenant of TENANTS) {
      const granted = permissionsIn(person, tenant);
      if (!granted) {
        test(`${tenant} is not theirs: every screen there is not found`, async ({ page }) => {
          timeFor(SCREENS.length + SUB_SCREENS.length);
          await expectNotFound(page, [...SCREENS, ...SUB_SCREENS].map((s) => `/${tenant}${s.path}`));
          await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);
        });
        continue;
      }
      const allowed = SCREENS.filter((s) => granted.has(s.permission));
      const forbidden = [...SCREENS, ...SUB_SCREENS].filter((s) => !granted.has(s.permission));

      test(`${tenant}: the navigation lists exactly ${allowed.map((s) => s.label).join(", ")}`, async ({ page }) => {
        const res = await page.goto(`/${tenant}`);
        expect(res?.status()).toBe(200);
        const nav = page.getByRole("navigation", { name: "Main" });
        await expect(nav.getByRole("link")).toHaveText(allowed.map((s) => s.label));
        for (const s of allowed) await expect(nav.getByRole("link", { name: s.label, exact: true })).toHaveAttribute("href", `/${tenant}${s.path}`);
      });

      test(`${tenant}: each listed screen opens`, async ({ page }) => {
        const screens = [...allowed, ...SUB_SCREENS.filter((x) => granted.has(x.permission))];
        timeFor(screens.length);
        for (const s of screens) {
          const url = `/${tenant}${s.path}`;
          const res = await page.request.get(url, { maxRedirects: 0 });
          expect(res.status(), url).toBe(200);
          const headings = headingsIn(await res.text());
          expect(headings, url).not.toContain("Page not found");
          expect(headings.length, url).toBeGreaterThan(0);
          if (s.heading) expect(headings, url).toContain(s.heading);
        }
      });

      if (forbidden.length) {
        test(`${tenant}: ${forbidden.map((s) => s.label).join(", ")} answer not found`, async ({ page }) => {
          timeFor(forbidden.length);
          await expectNotFound(page, forbidden.map((s) => `/${tenant}${s.path}`));
        });
      }
    }
  });
}

test.describe("signed out", () => {
  test("every console screen sends one to the sign-in page, remembering where they were going", async ({ page }) => {
    timeFor(SCREENS.length);
    // In the browser once, through the redirect; then the server's answer for every screen.
    const [first, ...rest] = SCREENS.map((s) => `/${OWN_TENANT}${s.path}`);
    await page.goto(first!);
    await expect(page).toHaveURL(/\/signin(\?|$)/);
    expect(new URL(page.url()).searchParams.get("callbackUrl")).toBe(first);
    for (const path of [...rest, `/${FOREIGN_TENANT}`]) {
      const res = await page.request.get(path, { maxRedirects: 0 });
      expect([302, 303, 307], path).toContain(res.status());
      const to = new URL(res.headers().location ?? "", page.url());
      expect(to.pathname, path).toBe("/signin");
      expect(to.searchParams.get("callbackUrl"), path).toBe(path);
    }
  });
});
