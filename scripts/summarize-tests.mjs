// Adds up the JSON reports of every tier and prints one line: "tests: N passed, N failed".
// Arguments are the names of steps that failed outright (typecheck, build, ...).
import { existsSync, readFileSync } from "node:fs";

const failedSteps = process.argv.slice(2);
let passed = 0;
let failed = 0;
const lines = [];

for (const tier of ["unit", "integration"]) {
  const file = `test-reports/${tier}.json`;
  if (!existsSync(file)) { lines.push(`${tier}: no report`); continue; }
  const r = JSON.parse(readFileSync(file, "utf8"));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  lines.push(`${tier}: ${r.numPassedTests} passed, ${r.numFailedTests} failed`);
}
// The policy suites (fleetgate policy test) end with "policy tests: N passed, N failed".
const policy = "test-reports/policy.txt";
const policyLine = existsSync(policy) ? /policy tests: (\d+) passed, (\d+) failed/.exec(readFileSync(policy, "utf8")) : null;
if (policyLine) {
  passed += Number(policyLine[1]);
  failed += Number(policyLine[2]);
  lines.push(`policy: ${policyLine[1]} passed, ${policyLine[2]} failed`);
} else lines.push("policy: no report");

const e2e = "test-reports/e2e.json";
if (existsSync(e2e)) {
  const s = JSON.parse(readFileSync(e2e, "utf8")).stats;
  passed += s.expected;
  failed += s.unexpected + s.flaky;
  lines.push(`e2e: ${s.expected} passed, ${s.unexpected + s.flaky} failed, ${s.skipped} skipped`);
} else lines.push("e2e: no report");

console.log("\n=== summary");
for (const l of lines) console.log(l);
if (failedSteps.length) console.log(`failed steps: ${failedSteps.join(", ")}`);
const ok = failedSteps.length === 0 && failed === 0 && passed > 0;
console.log(`tests: ${passed} passed, ${failed + (ok ? 0 : failedSteps.length)} failed`);
process.exit(ok ? 0 : 1);
