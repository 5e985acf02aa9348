import { describe, expect, it } from "vitest";
import { AppError } from "../core/app-error";
import { readCampaignSpec } from "./read-campaign-spec";
import { ZCampaignSpec } from "./campaign-spec";

const YAML = `name: docs
change:
  taskClass: docs_update
  instruction: Refresh the guide
  agent: { kind: model }
targets: { riskTiers: [low] }
waves:
  canary: 1
  sizes: [2]
`;

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return { code: e.code, issues: e.details?.issues };
    throw e;
  }
  throw new Error("not refused");
};

describe("reading a campaign spec", () => {
  it("keeps YAML as written and names later problems at their line", () => {
    const read = readCampaignSpec({ yaml: YAML });
    expect(read.yaml).toBe(YAML);
    expect(read.spec.waves).toEqual({ canary: 1, sizes: [2] });
    const e = read.refuse([{ path: "waves.sizes", message: "the waves cover 3 of 9 eligible targets" }]);
    expect(e.details?.issues).toEqual([{ path: "body.yaml.waves.sizes", message: "line 9, column 10: the waves cover 3 of 9 eligible targets", line: 9, column: 10 }]);
  });

  it("reports YAML syntax and schema problems with line and column, under body.yaml", () => {
    expect(refusal(() => readCampaignSpec({ yaml: "name: [unclosed\n" }))).toMatchObject({ code: "validation_failed", issues: [{ path: "body.yaml", line: 2 }] });
    const bad = refusal(() => readCampaignSpec({ yaml: YAML.replace("canary: 1", "canary: 0\n  speed: 2") }));
    expect(bad.issues?.map((i) => i.path)).toEqual(["body.yaml.waves.canary", "body.yaml.waves.speed"]);
    expect(bad.issues?.[0]?.message).toBe("line 8, column 11: the canary wave's size must be at least 1");
  });

  it("checks a recipe agent's recipe as a recipe, naming the recipe's own line", () => {
    const spec = ZCampaignSpec.parse({
      name: "r", change: { taskClass: "docs_update", instruction: "x", agent: { kind: "recipe", recipe: "apiVersion: fleetgate/v1\nkind: Recipe\nmetadata: { name: x }\nsteps: []\n" } },
      targets: { riskTiers: ["low"] }, waves: { canary: 1 },
    });
    expect(refusal(() => readCampaignSpec({ spec }))).toEqual({
      code: "validation_failed", issues: [{ path: "body.spec.change.agent.recipe", message: "recipe line 4: steps: a recipe needs at least one step" }],
    });
  });

  it("writes a JSON spec out as YAML, which reads back to the same spec", () => {
    const read = readCampaignSpec({ yaml: YAML });
    const again = readCampaignSpec({ spec: read.spec });
    expect(readCampaignSpec({ yaml: again.yaml }).spec).toEqual(read.spec);
  });
});
