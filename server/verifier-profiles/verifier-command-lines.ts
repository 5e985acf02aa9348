// A run's verifier steps as the command lines an agent would type (node --test). The run executes
// them itself, so the platform policy lets an agent run exactly these too (context.verifierCommands).
import type { VerifierStep } from "../sandbox/types";

/** Shell quoting of one word, so a step's argv reads as the command line that runs exactly it. */
const quote = (w: string) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(w) ? w : `'${w.replaceAll("'", `'\\''`)}'`);

export const verifierCommandLines = (steps: readonly VerifierStep[]): string[] => steps.map((step) => step.argv.map(quote).join(" "));
