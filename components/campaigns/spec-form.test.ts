import { describe, expect, it } from "vitest";
import { ZCampaignSpec } from "@/server/campaigns/campaign-spec";
import { emptyForm, fieldOfIssue, formToSpec, specToForm } from "./spec-form";

describe("the New campaign form", () => {
  it("makes a spec the server's schema accepts, with only the sections filled in", () => {
    const f = { ...emptyForm(), name: "bump", instruction: "Raise lodash", teams: ["web"], repositories: "acme/a\nacme/b", sizes: "10, 50%, 100%" };
    const spec = formToSpec(f);
    expect(ZCampaignSpec.safeParse(spec).success).toBe(true);
    expect(spec).toMatchObject({ targets: { teams: ["web"], riskTiers: ["low", "standard"], repositories: ["acme/a", "acme/b"] }, waves: { canary: 2, sizes: [10, "50%", "100%"] } });
    expect(spec).not.toHaveProperty("gates");
    expect(spec).not.toHaveProperty("schedule");
    expect(spec).not.toHaveProperty("caps");
  });

  it("sends what it cannot read as typed, for the server to name", () => {
    const spec = formToSpec({ ...emptyForm(), name: "x", instruction: "y", canary: "two", openPerTeam: "0", timezone: "Europe/Berlin" });
    expect(spec).toMatchObject({ waves: { canary: "two" }, caps: { openPerTeam: 0 }, schedule: { windows: [{ days: ["mon", "tue", "wed", "thu", "fri"], start: "09:00", end: "17:00" }] } });
    const r = ZCampaignSpec.safeParse(spec);
    expect(r.success ? [] : r.error.issues.map((i) => i.path.join("."))).toEqual(["waves.canary", "caps.openPerTeam"]);
  });

  it("reads a spec back into the same form", () => {
    const f = { ...emptyForm(), name: "bump", instruction: "go", teams: ["web"], revertRate: "0.05", soakMinutes: "30", prsPerHour: "20", burst: "5", timezone: "UTC" };
    expect(specToForm(ZCampaignSpec.parse(formToSpec(f)))).toEqual({ ...f, description: "" });
    expect(specToForm({ schedule: { windows: [{}, {}] } })).toBeNull();
  });

  it("puts each server issue next to its field", () => {
    expect(fieldOfIssue("body.spec.waves.sizes")).toBe("sizes");
    expect(fieldOfIssue("body.spec.waves.canary")).toBe("canary");
    expect(fieldOfIssue("body.spec.targets.repositories.3")).toBe("repositories");
    expect(fieldOfIssue("body.spec.targets")).toBe("teams");
    expect(fieldOfIssue("body.spec.caps.prsPerHour.burst")).toBe("burst");
    expect(fieldOfIssue("body.spec.schedule.windows.0")).toBe("days");
    expect(fieldOfIssue("body.spec.change.agent.recipe")).toBe("recipe");
    expect(fieldOfIssue("body.yaml")).toBeNull();
  });
});
