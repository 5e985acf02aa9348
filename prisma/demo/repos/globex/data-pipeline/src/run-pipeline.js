#!/usr/bin/env node
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseRecords } from "./parse-csv.js";
import { transform } from "./transform.js";

export function runPipeline(csvText, config) {
  const records = parseRecords(csvText);
  const { rows, rejected } = transform(records, config);
  const rejectedCount = Object.values(rejected).reduce((a, b) => a + b, 0);
  const ratio = records.length ? rejectedCount / records.length : 0;
  return { read: records.length, written: rows.length, rejected, ok: ratio <= config.max_reject_ratio, rows };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const config = JSON.parse(readFileSync(new URL("../config/pipeline.json", import.meta.url), "utf8"));
  const result = runPipeline(readFileSync(process.argv[2], "utf8"), config);
  const { rows, ...summary } = result;
  console.error(JSON.stringify(summary));
  for (const row of rows) console.log(JSON.stringify(row));
  process.exitCode = result.ok ? 0 : 1;
}
