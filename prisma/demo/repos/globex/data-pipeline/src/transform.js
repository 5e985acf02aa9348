// Schema checks and normalisation. A rejected row carries its reason so the run summary can say
// why data was dropped instead of just how much.
export function normalizeRow(row, schema) {
  const out = {};
  for (const [name, rule] of Object.entries(schema)) {
    const raw = (row[name] ?? "").trim();
    if (raw === "") return { reject: `${name} is empty` };
    let value = raw;
    if (rule.type === "integer") {
      if (!/^-?\d+$/.test(raw)) return { reject: `${name} is not an integer` };
      value = Number(raw);
      if (rule.min !== undefined && value < rule.min) return { reject: `${name} is below ${rule.min}` };
    } else if (rule.type === "decimal") {
      if (!/^\d+(\.\d{1,2})?$/.test(raw)) return { reject: `${name} is not a decimal` };
      value = raw.includes(".") ? raw.padEnd(raw.indexOf(".") + 3, "0") : `${raw}.00`;
    } else if (rule.type === "timestamp") {
      if (Number.isNaN(Date.parse(raw))) return { reject: `${name} is not a timestamp` };
      value = new Date(raw).toISOString();
    }
    if (rule.pattern && !new RegExp(rule.pattern).test(String(value))) return { reject: `${name} does not match ${rule.pattern}` };
    out[name] = value;
  }
  return { row: out };
}

/** Keeps one row per key: the one with the latest `latestBy` (ISO timestamps compare as text). */
export function dedupe(rows, key, latestBy) {
  const kept = new Map();
  for (const row of rows) {
    const current = kept.get(row[key]);
    if (!current || row[latestBy] > current[latestBy]) kept.set(row[key], row);
  }
  return [...kept.values()];
}

export function transform(records, config) {
  const rows = [];
  const rejected = {};
  for (const record of records) {
    const result = normalizeRow(record, config.schema);
    if (result.reject) rejected[result.reject] = (rejected[result.reject] ?? 0) + 1;
    else rows.push(result.row);
  }
  return { rows: dedupe(rows, config.dedupe_key, config.latest_by), rejected };
}
