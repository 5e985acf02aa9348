import { describe, expect, it } from "vitest";
import { parseYamlWith } from "../policy/parse-document";
import { ZCampaignSpec } from "./campaign-spec";

const base = {
  name: "lodash",
  change: { taskClass: "dependency_patch_minor", instruction: "Raise lodash", agent: { kind: "model" } },
  targets: { teams: ["payments"] },
  waves: { canary: 2, sizes: ["100%"] },
};
const problems = (spec: unknown) => {
  const r = ZCampaignSpec.safeParse(spec);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.code === "unrecognized_keys" ? `unknown ${i.keys.join(",")}` : i.message}`);
};

describe("campaign spec", () => {
  it("accepts a minimal spec and fills the defaults", () => {
    const r = ZCampaignSpec.parse(base);
    expect(r).toMatchObject({ description: "", autonomy: "draft_pr", waves: { canary: 2, sizes: ["100%"] } });
  });

  it("refuses unknown keys at every level", () => {
    expect(problems({ ...base, colour: "red" })).toEqual([": unknown colour"]);
    expect(problems({ ...base, waves: { ...base.waves, speed: 3 } })).toEqual(["waves: unknown speed"]);
    expect(problems({ ...base, targets: { teams: ["payments"], owners: ["x"] } })).toEqual(["targets: unknown owners"]);
  });

  it("needs some way to choose targets", () => {
    expect(problems({ ...base, targets: {} })).toEqual(["targets: choose targets: teams, riskTiers, namePattern or repositories"]);
    expect(problems({ ...base, targets: { exclude: ["acme/x"] } })).toEqual(["targets: choose targets: teams, riskTiers, namePattern or repositories"]);
    expect(problems({ ...base, targets: { repositories: ["not-a-full-name"] } })).toEqual(["targets.repositories.0: must be owner/name"]);
  });

  it("refuses caps of zero or less, naming each", () => {
    expect(problems({ ...base, caps: { openPerTeam: 0, perWave: -3, prsPerHour: { rate: 10, burst: 0 } } })).toEqual([
      "caps.prsPerHour.burst: prsPerHour.burst must be at least 1",
      "caps.openPerTeam: openPerTeam must be at least 1",
      "caps.perWave: perWave must be at least 1",
    ]);
  });

  it("refuses wave sizes that are not counts or percentages between 1 and 100", () => {
    expect(problems({ ...base, waves: { canary: 0, sizes: [0, "0%", "150%", "half"] } })).toEqual([
      "waves.canary: the canary wave's size must be at least 1",
      "waves.sizes.0: a wave size must be at least 1",
      "waves.sizes.1: a percentage is between 1% and 100%",
      "waves.sizes.2: a percentage is between 1% and 100%",
      'waves.sizes.3: a wave size is a count or a percentage such as "25%"',
    ]);
  });

  it("refuses schedule windows that never open and unknown time zones", () => {
    const schedule = (windows: unknown[], timezone = "Europe/Berlin") => problems({ ...base, schedule: { timezone, windows } });
    expect(schedule([{ days: [], start: "09:00", end: "17:00" }])).toEqual(["schedule.windows.0: a window with no day never opens"]);
    expect(schedule([{ days: ["mon"], start: "09:00", end: "09:00" }])).toEqual(["schedule.windows.0: a window from 09:00 to 09:00 never opens"]);
    expect(schedule([{ days: ["mon"], start: "22:00", end: "06:00" }])).toEqual([]);
    expect(schedule([{ days: ["mon"], start: "9", end: "17:00" }])[0]).toMatch(/^schedule.windows.0.start: a time of day/);
    expect(schedule([{ days: ["mon"], start: "09:00", end: "17:00" }], "Mars/Olympus")).toEqual(["schedule.timezone: must be an IANA time zone such as Europe/Berlin"]);
    expect(schedule([])).toEqual(["schedule.windows: give at least one window, or leave the schedule out to run at any time"]);
  });

  it("refuses gate rates outside 0..1", () => {
    expect(problems({ ...base, gates: { runFailureRate: 1.5, revertRate: 0.05, soakMinutes: 30 } })).toEqual(["gates.runFailureRate: a rate is between 0 and 1"]);
  });

  it("reads YAML with each problem at its line and column", () => {
    const yaml = "name: x\nchange:\n  taskClass: docs_update\n  instruction: go\n  agent: { kind: model }\ntargets: { riskTiers: [low] }\nwaves:\n  canary: 1\n  sizes: [10, \"200%\"]\nspeed: 3\n";
    const r = parseYamlWith(yaml, ZCampaignSpec);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => [p.line, p.column, p.path, p.message])).toEqual([
      [9, 15, "waves.sizes.1", "a percentage is between 1% and 100%"],
      [10, 1, "speed", 'unknown key "speed"'],
    ]);
  });
});
