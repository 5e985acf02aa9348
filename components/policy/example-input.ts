import { parse } from "yaml";
import { EXAMPLE_INPUT } from "./policy-template";

/** The try-an-input box starts with the suite's first test input, so it means something for this policy. */
export function exampleInput(tests: string): string {
  try {
    const suite = parse(tests) as { tests?: { input?: unknown }[] } | null;
    const input = suite?.tests?.find((t) => t && typeof t.input === "object")?.input;
    if (input) return JSON.stringify(input, null, 2);
  } catch {
    // An unreadable suite is the editor's problem to show; the box falls back to the generic example.
  }
  return EXAMPLE_INPUT;
}
