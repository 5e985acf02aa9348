// Reads the service's YAML config. The config only uses nested mappings and scalars, so a small
// reader here is cheaper than a dependency; lists, anchors and multi-line strings are refused.
import { readFileSync } from "node:fs";

// Keys renamed to snake_case in 2.0. Old names still load, with a warning, until 3.0.
const DEPRECATED_KEYS = { timeoutMs: "timeout_ms" };

export function parseYaml(text) {
  const root = {};
  const stack = [{ indent: -1, value: root }];
  text.split(/\r?\n/).forEach((raw, index) => {
    if (!raw.trim() || raw.trim().startsWith("#")) return;
    const line = raw.replace(/\s+#.*$/, "");
    const indent = line.length - line.trimStart().length;
    const match = /^([A-Za-z0-9_.-]+):(?:\s+(.+))?$/.exec(line.trim());
    if (!match) throw new SyntaxError(`line ${index + 1}: expected "key: value", got ${JSON.stringify(raw.trim())}`);
    while (stack.at(-1).indent >= indent) stack.pop();
    const parent = stack.at(-1).value;
    const [, key, value] = match;
    if (value === undefined) {
      parent[key] = {};
      stack.push({ indent, value: parent[key] });
    } else {
      parent[key] = scalar(value.trim());
    }
  });
  return root;
}

function scalar(text) {
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (text === "true" || text === "false") return text === "true";
  if (text === "null" || text === "~") return null;
  const quoted = /^"(.*)"$|^'(.*)'$/.exec(text);
  return quoted ? (quoted[1] ?? quoted[2]) : text;
}

/** Renames deprecated keys at any depth; when both names are set, the new one wins. */
export function migrateKeys(config, warn = (message) => process.emitWarning(message, "DeprecationWarning")) {
  for (const [key, value] of Object.entries(config)) {
    if (value && typeof value === "object") migrateKeys(value, warn);
    const renamed = DEPRECATED_KEYS[key];
    if (!renamed) continue;
    warn(`config key "${key}" is deprecated, use "${renamed}"`);
    if (!(renamed in config)) config[renamed] = value;
    delete config[key];
  }
  return config;
}

export function loadConfig(file, options = {}) {
  return migrateKeys(parseYaml(readFileSync(file, "utf8")), options.warn);
}
