// A policy test suite: inputs and the decisions they must get, with time frozen per suite.
import { z } from "zod";
import { EFFECTS } from "./document-schema";

const ZExpectedShellFacts = z.strictObject({
  usesNetwork: z.boolean().optional(),
  pipesRemoteToShell: z.boolean().optional(),
  executesDownloadedScript: z.boolean().optional(),
  runsWorkspaceCode: z.boolean().optional(),
  malformed: z.boolean().optional(),
  opaque: z.boolean().optional(),
  verifierCommand: z.boolean().optional(),
  /** Every program run, in order (context.shell.programs). */
  programs: z.array(z.string()).optional(),
  /** The names of the workspace code run (context.shell.workspaceCode[].name). */
  workspaceCode: z.array(z.string()).optional(),
});

export const ZPolicyTestSuite = z.strictObject({
  suite: z.string().trim().min(1),
  now: z.iso.datetime({ offset: true }).optional(),
  tests: z
    .array(
      z.strictObject({
        name: z.string().trim().min(1),
        input: z.record(z.string(), z.unknown()),
        expect: z.strictObject({
          decision: z.enum(EFFECTS),
          reason_contains: z.string().min(1).optional(),
          /** The deciding rule, as "rule-id" or "policy/rule-id". */
          rule: z.string().min(1).optional(),
          /** The layer that decided: rbac, policy or boundary (server/policy/decide-input.ts). */
          layer: z.enum(["rbac", "policy", "boundary"]).optional(),
          /** Facts the input's command line must yield (context.shell); only the fields given are compared. */
          shell: ZExpectedShellFacts.optional(),
        }),
      }),
    )
    .min(1),
});
export type PolicyTestSuite = z.infer<typeof ZPolicyTestSuite>;
