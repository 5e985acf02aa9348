// The fleet's project folders are what the template makes (regenerated, not edited by hand), and the
// fleet is one a campaign can show: every team of the demo tenant, every risk tier, restricted
// repositories among them for the policy to exclude.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { TENANTS } from "../../seed";
import { ACME_FLEET } from "./fleet";
import { fleetProjectFiles } from "./fleet-template";

const DIR = path.resolve(import.meta.dirname, "../repos/acme");

function filesUnder(root: string, prefix = ""): string[] {
  return readdirSync(path.join(root, prefix), { withFileTypes: true }).flatMap((e) => {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    return e.isDirectory() ? filesUnder(root, rel) : [rel];
  }).sort();
}

describe("acme's fleet", () => {
  it("has each project folder exactly as the template writes it (npx tsx prisma/demo/fleet/write-fleet.ts)", () => {
    for (const r of ACME_FLEET) {
      const want = fleetProjectFiles(r);
      const root = path.join(DIR, r.name);
      expect(filesUnder(root), r.name).toEqual(Object.keys(want).sort());
      for (const [file, content] of Object.entries(want)) expect(readFileSync(path.join(root, file), "utf8"), `${r.name}/${file}`).toBe(content);
    }
  });

  it("spreads over the demo tenant's teams and every risk tier, with unique names, and is seeded", () => {
    const acme = TENANTS.find((t) => t.slug === "acme")!;
    expect(new Set(ACME_FLEET.map((r) => r.name)).size).toBe(ACME_FLEET.length);
    expect(ACME_FLEET.length).toBeGreaterThanOrEqual(30);
    expect(new Set(ACME_FLEET.map((r) => r.team))).toEqual(new Set(acme.teams.map(([slug]) => slug)));
    expect(new Set(ACME_FLEET.map((r) => r.tier))).toEqual(new Set(["low", "standard", "high", "regulated", "critical"]));
    for (const r of ACME_FLEET) expect(acme.repos).toContainEqual({ owner: "acme", name: r.name, tier: r.tier, team: r.team });
  });
});
