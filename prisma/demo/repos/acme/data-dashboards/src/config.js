// Reads config/service.yaml: flat "key: value" lines. timeout_ms is the current key; the deprecated
// timeoutMs is still accepted until every service has moved.
import { readFileSync } from "node:fs";

export function parseConfig(text) {
  const out = {};
  for (const line of text.split("\n")) {
    const m = /^([A-Za-z_]+):\s*(.+?)\s*$/.exec(line);
    if (m) out[m[1]] = /^\d+$/.test(m[2]) ? Number(m[2]) : m[2];
  }
  return out;
}

export function loadConfig(url = new URL("../config/service.yaml", import.meta.url)) {
  const c = parseConfig(readFileSync(url, "utf8"));
  return { service: c.service, team: c.team, port: c.port, timeoutMs: c.timeout_ms ?? c.timeoutMs };
}
