// The template every fleet project is made from: a tiny ES module package whose config
// (config/service.yaml) still uses the deprecated `timeoutMs` key and whose package.json pins
// pino 8.16.2, so the demo campaigns' recipes (raise-pino, migrate-timeout-key) have work in each,
// and whose `node --test` suite passes before and after them.
import type { FleetRepo } from "./fleet";

const CONFIG_JS = `// Reads config/service.yaml: flat "key: value" lines. timeout_ms is the current key; the deprecated
// timeoutMs is still accepted until every service has moved.
import { readFileSync } from "node:fs";

export function parseConfig(text) {
  const out = {};
  for (const line of text.split("\\n")) {
    const m = /^([A-Za-z_]+):\\s*(.+?)\\s*$/.exec(line);
    if (m) out[m[1]] = /^\\d+$/.test(m[2]) ? Number(m[2]) : m[2];
  }
  return out;
}

export function loadConfig(url = new URL("../config/service.yaml", import.meta.url)) {
  const c = parseConfig(readFileSync(url, "utf8"));
  return { service: c.service, team: c.team, port: c.port, timeoutMs: c.timeout_ms ?? c.timeoutMs };
}
`;

/** The project's files, path -> content, as they are committed. */
export function fleetProjectFiles(r: FleetRepo): Record<string, string> {
  const version = `1.${r.port % 7}.0`;
  return {
    "package.json": `${JSON.stringify({
      name: `@acme/${r.name}`, version, private: true, description: r.description, type: "module", main: "src/config.js",
      scripts: { test: "node --test" }, dependencies: { pino: "8.16.2" },
    }, null, 2)}\n`,
    "README.md": `# ${r.name}\n\n${r.description}. Owned by the ${r.team} team.\n\n\`\`\`sh\nnpm test   # node --test, no network needed\n\`\`\`\n\nSettings live in \`config/service.yaml\`.\n`,
    "CHANGELOG.md": `# Changelog\n\n## [Unreleased]\n\n## [${version}] - 2024-01-08\n\n### Added\n\n- ${r.description}.\n`,
    "config/service.yaml": `# Settings of ${r.name}, read by src/config.js.\nservice: ${r.name}\nteam: ${r.team}\nport: ${r.port}\ntimeoutMs: ${r.timeoutMs}\n`,
    "src/config.js": CONFIG_JS,
    "test/config.test.js": `import assert from "node:assert/strict";
import { test } from "node:test";
import { loadConfig, parseConfig } from "../src/config.js";

test("the service's config names it, its team and its timeout", () => {
  assert.deepEqual(loadConfig(), { service: "${r.name}", team: "${r.team}", port: ${r.port}, timeoutMs: ${r.timeoutMs} });
});

test("numbers are numbers, other values stay text", () => {
  assert.deepEqual(parseConfig("port: 8080\\nservice: a-b\\n# a comment"), { port: 8080, service: "a-b" });
});
`,
  };
}
