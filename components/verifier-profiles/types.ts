import type { VerifierProfileView } from "@/server/verifier-profiles/verifier-profile-view";
import type { VerifierStepInput } from "@/server/verifier-profiles/verifier-profile-input";

export type { VerifierProfileView, VerifierStepInput };

export const profileKeys = { all: (t: string) => ["tenant", t, "verifier-profiles"] as const };

/** A step as the form holds it: the time limit as typed, each argument as its own text. */
export type StepDraft = { name: string; argv: string[]; timeoutSeconds: string };

export const draftOf = (s: VerifierStepInput): StepDraft => ({ name: s.name, argv: [...s.argv], timeoutSeconds: String(s.timeoutSeconds) });

/** What the API takes. A time limit that is not a number is sent as typed, so the server names the field. */
export const stepOf = (d: StepDraft): Record<string, unknown> => {
  const t = d.timeoutSeconds.trim();
  return { name: d.name, argv: d.argv, timeoutSeconds: /^\d+$/.test(t) ? Number(t) : t };
};

export const newStep = (): StepDraft => ({ name: "", argv: [""], timeoutSeconds: "300" });
