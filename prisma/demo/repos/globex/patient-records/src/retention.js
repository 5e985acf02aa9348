// When a record may be purged. Retention runs from the record's creation, except for records of
// minors, whose period starts when the patient comes of age. A legal hold stops any purge.
import { readFileSync } from "node:fs";

const defaultPolicy = JSON.parse(readFileSync(new URL("../config/retention.json", import.meta.url), "utf8"));

function addYears(date, years) {
  const d = new Date(date);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d;
}

/** The first moment the record may be purged. */
export function purgeableFrom(record, policy = defaultPolicy) {
  const rule = policy.kinds[record.kind] ?? { years: policy.defaultYears };
  const start = rule.afterMajority
    ? new Date(Math.max(new Date(record.createdAt), addYears(record.patientBirthDate, policy.ageOfMajority)))
    : new Date(record.createdAt);
  return addYears(start, rule.years);
}

export function isPurgeable(record, now = new Date(), policy = defaultPolicy) {
  if (record.legalHold) return false;
  return now >= purgeableFrom(record, policy);
}

export function purgeCandidates(records, now = new Date(), policy = defaultPolicy) {
  return records.filter((r) => isPurgeable(r, now, policy)).map((r) => r.id);
}
