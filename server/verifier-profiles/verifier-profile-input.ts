// What a verifier profile is made of, as the API and the console's form take it. No logic and no
// server imports: contracts and the browser use it too.
import { z } from "zod";

export const MAX_STEPS = 20;
export const MAX_TIMEOUT_SECONDS = 3600;
/** A tenant's profiles are bounded: the console lists them all, and a repository picks from them. */
export const MAX_PROFILES_PER_TENANT = 100;

/** How repositories and runs name a profile: fixed once the profile is created. */
export const ZVerifierProfileName = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "must be lowercase letters, digits and '-', starting with a letter or digit (at most 63)");

const noControl = (s: string) => !/[\u0000-\u001f\u007f]/.test(s);

/**
 * One step: a program and its arguments, run as they are (argv, never through a shell), in the
 * workspace's sandbox without network, stopped after timeoutSeconds. Its name is what a policy's
 * required_verifiers lists (the platform requires build and unit-tests).
 */
export const ZVerifierStep = z.object({
  name: z.string().trim().min(1, "name the step").max(64).refine(noControl, "must not contain control characters"),
  argv: z.array(z.string().min(1, "must not be empty").max(16_384).refine((a) => !a.includes("\0"), "must not contain NUL"))
    .min(1, "give the program to run and its arguments").max(64),
  timeoutSeconds: z.number().int("must be whole seconds").min(1).max(MAX_TIMEOUT_SECONDS),
}).strict();
export type VerifierStepInput = z.infer<typeof ZVerifierStep>;

/** A profile's steps run in order; none at all is a profile that verifies nothing (the built-in "none"). */
export const ZVerifierSteps = z.array(ZVerifierStep).max(MAX_STEPS).superRefine((steps, ctx) => {
  const seen = new Set<string>();
  steps.forEach((s, i) => {
    if (seen.has(s.name)) ctx.addIssue({ code: "custom", path: [i, "name"], message: `another step is already named "${s.name}"` });
    seen.add(s.name);
  });
});

const ZDescription = z.string().trim().max(500);

export const ZCreateVerifierProfile = z.object({
  name: ZVerifierProfileName,
  description: ZDescription.default(""),
  steps: ZVerifierSteps,
}).strict();
export type CreateVerifierProfileInput = z.infer<typeof ZCreateVerifierProfile>;

export const ZUpdateVerifierProfile = z.object({
  description: ZDescription.optional(),
  steps: ZVerifierSteps.optional(),
}).strict().refine((b) => Object.keys(b).length > 0, "change at least one field (the name is fixed once created)");
export type UpdateVerifierProfileInput = z.infer<typeof ZUpdateVerifierProfile>;
