// A record is validated before it is stored; a wrong kind or a date in the future is a bug in the
// caller, and storing it would make the retention job purge too early or never.
import { readFileSync } from "node:fs";

const retention = JSON.parse(readFileSync(new URL("../config/retention.json", import.meta.url), "utf8"));
export const RECORD_KINDS = Object.keys(retention.kinds);

export function validateRecord(record, now = new Date()) {
  const problems = [];
  if (!/^MRN-\d{8}$/.test(record.patientId ?? "")) problems.push("patientId must be MRN- followed by eight digits");
  if (!RECORD_KINDS.includes(record.kind)) problems.push(`kind must be one of ${RECORD_KINDS.join(", ")}`);
  const created = new Date(record.createdAt);
  if (Number.isNaN(created.getTime())) problems.push("createdAt must be a date");
  else if (created > now) problems.push("createdAt is in the future");
  if (record.kind === "minor_record" && Number.isNaN(new Date(record.patientBirthDate).getTime())) {
    problems.push("minor records need patientBirthDate");
  }
  return problems;
}
