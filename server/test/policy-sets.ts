// The platform's default policies (policies/platform), compiled as a tenant's effective policy, for
// tests and benchmarks that build a Scope without a database.
import path from "node:path";
import { loadPolicyFiles } from "../policy/load-policy-files";
import type { PolicySets } from "../policy/load-policy-sets";

let cached: PolicySets | undefined;

export function defaultPolicySets(): PolicySets {
  if (cached) return cached;
  const loaded = loadPolicyFiles(path.join(import.meta.dirname, "../../policies/platform"));
  if (!loaded.set) throw new Error(`policies/platform does not load: ${loaded.errors.join("; ")}`);
  return (cached = { key: "files", active: loaded.set, shadow: null });
}
