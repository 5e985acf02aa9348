import { describe, expect, it } from "vitest";
import { AppError } from "../core/app-error";
import { parseWith } from "../http/parse-input";
import { ZCreateVerifierProfile, ZUpdateVerifierProfile } from "./verifier-profile-input";

const step = { name: "unit-tests", argv: ["node", "--test"], timeoutSeconds: 60 };
const profile = { name: "node-20", steps: [step] };

/** The field paths a body is refused for ([] when it is accepted). */
function refused(schema: typeof ZCreateVerifierProfile | typeof ZUpdateVerifierProfile, body: unknown): string[] {
  try {
    parseWith(schema, body, "body");
    return [];
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe("validation_failed");
    return (e as AppError).details!.issues!.map((i) => i.path);
  }
}

describe("a verifier profile's body", () => {
  it("takes a name, a description and steps of argv with a time limit; none at all is a profile that verifies nothing", () => {
    expect(ZCreateVerifierProfile.parse({ ...profile, description: "  Node 20  " })).toEqual({ ...profile, description: "Node 20" });
    expect(ZCreateVerifierProfile.parse({ name: "none-2", steps: [] })).toEqual({ name: "none-2", description: "", steps: [] });
    expect(refused(ZCreateVerifierProfile, { name: "a", steps: Array.from({ length: 20 }, (_, i) => ({ ...step, name: `s${i}`, timeoutSeconds: i === 0 ? 1 : 3600 })) })).toEqual([]);
  });

  it("refuses names that are not slugs, naming the field", () => {
    for (const name of ["", "Node", "-node", "node test", "node_test", "ü", "a".repeat(64)]) expect(refused(ZCreateVerifierProfile, { ...profile, name }), name).toEqual(["body.name"]);
    expect(refused(ZCreateVerifierProfile, { steps: [step] })).toEqual(["body.name"]);
  });

  it("refuses unknown keys, in the body and in a step", () => {
    expect(refused(ZCreateVerifierProfile, { ...profile, shell: true })).toEqual(["body.shell"]);
    expect(refused(ZCreateVerifierProfile, { ...profile, steps: [{ ...step, command: "make check" }] })).toEqual(["body.steps.0.command"]);
    expect(refused(ZUpdateVerifierProfile, { name: "renamed", description: "x" })).toEqual(["body.name"]);
  });

  it("refuses a command line where argv is wanted, empty arguments and an empty argv", () => {
    expect(refused(ZCreateVerifierProfile, { ...profile, steps: [{ ...step, argv: "node --test" }] })).toEqual(["body.steps.0.argv"]);
    expect(refused(ZCreateVerifierProfile, { ...profile, steps: [{ ...step, argv: [] }] })).toEqual(["body.steps.0.argv"]);
    expect(refused(ZCreateVerifierProfile, { ...profile, steps: [step, { ...step, name: "b", argv: ["node", ""] }] })).toEqual(["body.steps.1.argv.1"]);
    expect(refused(ZCreateVerifierProfile, { ...profile, steps: [{ ...step, argv: ["node", 3] }] })).toEqual(["body.steps.0.argv.1"]);
    expect(refused(ZCreateVerifierProfile, { ...profile, steps: [{ ...step, argv: ["node", "a\u0000b"] }] })).toEqual(["body.steps.0.argv.1"]);
  });

  it("bounds time limits to whole seconds from 1 to 3600", () => {
    for (const timeoutSeconds of [0, -1, 3601, 1.5, "60", null]) {
      expect(refused(ZCreateVerifierProfile, { ...profile, steps: [{ ...step, timeoutSeconds }] }), String(timeoutSeconds)).toEqual(["body.steps.0.timeoutSeconds"]);
    }
    expect(refused(ZCreateVerifierProfile, { ...profile, steps: [{ name: "x", argv: ["true"] }] })).toEqual(["body.steps.0.timeoutSeconds"]);
  });

  it("refuses more than 20 steps, unnamed steps and two steps of one name", () => {
    expect(refused(ZCreateVerifierProfile, { ...profile, steps: Array.from({ length: 21 }, (_, i) => ({ ...step, name: `s${i}` })) })).toEqual(["body.steps"]);
    expect(refused(ZCreateVerifierProfile, { ...profile, steps: [{ ...step, name: "  " }] })).toEqual(["body.steps.0.name"]);
    expect(refused(ZCreateVerifierProfile, { ...profile, steps: [{ ...step, name: "a\nb" }] })).toEqual(["body.steps.0.name"]);
    expect(refused(ZCreateVerifierProfile, { ...profile, steps: [step, { ...step, argv: ["npm", "test"] }] })).toEqual(["body.steps.1.name"]);
  });

  it("changes at least one field on update, never the name", () => {
    expect(refused(ZUpdateVerifierProfile, {})).toEqual(["body"]);
    expect(ZUpdateVerifierProfile.parse({ steps: [] })).toEqual({ steps: [] });
    expect(refused(ZUpdateVerifierProfile, { description: "x".repeat(501) })).toEqual(["body.description"]);
  });
});
