// Faults the tests and the bench ask for, each for the next N content-creating requests (or the
// next N webhooks). GitHub's secondary limits answer 403 or 429, with or without retry-after;
// "was submitted too quickly" is a 422; `502-after` performs the request and then answers 502,
// as a proxy in front of GitHub does when it times out after the object was created.
import { z } from "zod";
import { GithubError } from "./github-error";

export const ZFault = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("secondary-403"), count: z.number().int().min(1), retryAfter: z.number().int().min(0).optional() }),
  z.object({ kind: z.literal("secondary-429"), count: z.number().int().min(1), retryAfter: z.number().int().min(0).optional() }),
  z.object({ kind: z.literal("too-quickly-422"), count: z.number().int().min(1) }),
  z.object({ kind: z.literal("502-after"), count: z.number().int().min(1) }),
  z.object({ kind: z.literal("drop-webhooks"), count: z.number().int().min(1) }),
]);
export type Fault = z.infer<typeof ZFault>;

export type FaultPlan = {
  add(fault: Fault): void;
  clear(): void;
  pending(): Fault[];
  /** The fault for this content-creating request, consumed; null for none. */
  takeRequestFault(): Exclude<Fault, { kind: "drop-webhooks" }> | null;
  takeWebhookDrop(): boolean;
};

export function makeFaultPlan(): FaultPlan {
  let faults: Fault[] = [];
  const take = <K extends Fault["kind"]>(pred: (f: Fault) => boolean): Extract<Fault, { kind: K }> | null => {
    const f = faults.find(pred);
    if (!f) return null;
    f.count--;
    faults = faults.filter((x) => x.count > 0);
    return f as Extract<Fault, { kind: K }>;
  };
  return {
    add: (fault) => void faults.push({ ...fault }),
    clear: () => void (faults = []),
    pending: () => faults.map((f) => ({ ...f })),
    takeRequestFault: () => take((f) => f.kind !== "drop-webhooks"),
    takeWebhookDrop: () => take((f) => f.kind === "drop-webhooks") !== null,
  };
}

const SECONDARY_DOCS = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits";

/** The answer a fault gives before the request runs; 502-after is applied by the caller afterwards. */
export function faultError(fault: Exclude<Fault, { kind: "drop-webhooks" | "502-after" }>): GithubError {
  const retry: Record<string, string> = "retryAfter" in fault && fault.retryAfter !== undefined ? { "retry-after": String(fault.retryAfter) } : {};
  switch (fault.kind) {
    case "secondary-403":
    case "secondary-429":
      return new GithubError(
        fault.kind === "secondary-403" ? 403 : 429,
        "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID.",
        { documentation_url: SECONDARY_DOCS },
        { ...retry, "x-ratelimit-remaining": fault.kind === "secondary-403" ? "4999" : "0" },
      );
    case "too-quickly-422":
      return new GithubError(422, "Validation Failed", { errors: [{ resource: "PullRequest", code: "custom", message: "was submitted too quickly" }] });
  }
}
