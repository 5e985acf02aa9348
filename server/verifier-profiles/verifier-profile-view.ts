// What the API and the console show of a verifier profile: its steps, and the repositories that
// name it (the first few by name, and how many in all).
import { z } from "zod";
import type { VerifierProfile } from "../db/generated/client";
import { ZVerifierStep } from "./verifier-profile-input";

/** How many of the repositories using a profile are named in its view. */
export const REPOSITORIES_SHOWN = 25;

export const ZVerifierProfile = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  steps: z.array(ZVerifierStep),
  usedBy: z.object({
    total: z.number().int().describe("repositories whose runs end with this profile"),
    repositories: z.array(z.object({ id: z.string(), fullName: z.string() })).describe(`the first ${REPOSITORIES_SHOWN} of them by name`),
  }),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type VerifierProfileView = z.infer<typeof ZVerifierProfile>;
export type UsedBy = VerifierProfileView["usedBy"];

export const storedSteps = (steps: unknown) => z.array(ZVerifierStep).parse(steps);

export const profileView = (p: VerifierProfile, usedBy: UsedBy): VerifierProfileView => ({
  id: p.id, name: p.name, description: p.description, steps: storedSteps(p.steps), usedBy,
  createdAt: p.createdAt.toISOString(), updatedAt: p.updatedAt.toISOString(),
});

/** The audit event's shape of a profile: what it runs. */
export const auditShape = (p: Pick<VerifierProfileView, "name" | "description" | "steps">) => ({ name: p.name, description: p.description, steps: p.steps });
