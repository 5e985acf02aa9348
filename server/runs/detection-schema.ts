// A detection step: a read-only command that says whether a repository still needs a change (exit 0:
// needed, 1: done, anything else: it could not tell). A recipe may declare one for every campaign
// that uses it; a campaign spec may give its own. A schema with no logic: contracts and the browser load it.
import { z } from "zod";

export const DETECTION_TIMEOUT_SECONDS = { default: 120, max: 600 } as const;

export const ZDetection = z.strictObject({
  argv: z.array(z.string().min(1, "an argument is empty").max(1000).refine((a) => !/[\0\r\n]/.test(a), "an argument is one line")).min(1, "give the command as argv: [program, args...]").max(64),
  description: z.string().max(500).optional(),
  /** Wall-clock limit; past it the detection is an error ("timed out"). */
  timeoutSeconds: z.int("timeoutSeconds must be a whole number").min(1, "timeoutSeconds must be at least 1").max(DETECTION_TIMEOUT_SECONDS.max, `timeoutSeconds is at most ${DETECTION_TIMEOUT_SECONDS.max}`).optional(),
});
export type Detection = z.output<typeof ZDetection>;
