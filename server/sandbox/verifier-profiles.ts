// Named verifier profiles: what "verified" means for a repository. A repository names one; each
// step runs in the sandbox without network, and its name is what a policy's requiredVerifiers
// lists.
import type { VerifierStep } from "./types";

// Parses every *.json below the workspace (not .git or node_modules). tsconfig/jsconfig files are
// JSON with comments by convention and are left out.
const JSON_VALID = `
const fs = require("fs"), path = require("path");
let ok = 0; const bad = [];
(function walk(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === ".git" || e.name === "node_modules") continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.isFile() && e.name.endsWith(".json") && !/^(ts|js)config.*\\.json$/.test(e.name)) {
      try { JSON.parse(fs.readFileSync(p, "utf8")); ok++; } catch (err) { bad.push(path.relative(".", p) + ": " + err.message); }
    }
  }
})(".");
for (const b of bad) console.error(b);
console.log(ok + " JSON file(s) valid, " + bad.length + " invalid");
process.exit(bad.length ? 1 : 0);
`;

// A Node package without a build step is "built" when every module parses (node --check).
const NODE_CHECK = `
const fs = require("fs"), path = require("path"), { execFileSync } = require("child_process");
let n = 0;
(function walk(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === ".git" || e.name === "node_modules") continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.isFile() && /\\.(c|m)?js$/.test(e.name)) { execFileSync(process.execPath, ["--check", p], { stdio: "inherit" }); n++; }
  }
})(".");
console.log(n + " module(s) parse");
`;

// Step names are what a policy's required_verifiers lists (the platform requires build and unit-tests).
export const VERIFIER_PROFILES = {
  "node-test": [{ name: "build", argv: ["node", "-e", NODE_CHECK] }, { name: "unit-tests", argv: ["node", "--test"] }],
  "json-valid": [{ name: "json valid", argv: ["node", "-e", JSON_VALID] }],
  none: [],
} as const satisfies Record<string, readonly VerifierStep[]>;

export type VerifierProfileName = keyof typeof VERIFIER_PROFILES;

export const isVerifierProfile = (name: string): name is VerifierProfileName => Object.hasOwn(VERIFIER_PROFILES, name);

/** Shell quoting of one word, so a step's argv reads as the command line an agent would type. */
const quote = (w: string) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(w) ? w : `'${w.replaceAll("'", `'\\''`)}'`);

/**
 * The profile's steps as command lines (node --test). The run executes them itself, so the platform
 * policy lets an agent run exactly these too (context.verifierCommands); an unknown profile has none.
 */
export const verifierCommandLines = (profile: string): string[] =>
  isVerifierProfile(profile) ? VERIFIER_PROFILES[profile].map((step: VerifierStep) => step.argv.map(quote).join(" ")) : [];
