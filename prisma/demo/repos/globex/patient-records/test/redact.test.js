import assert from "node:assert/strict";
import { test } from "node:test";
import { validateRecord } from "../src/record.js";
import { redact } from "../src/redact.js";

test("identifiers in free text are replaced by labels", () => {
  const note = "Pt MRN-00412345 called from 555.123.4567 re: SSN 078-05-1120, email jane.roe@example.com";
  assert.deepEqual(redact(note), { text: "Pt [MRN] called from [PHONE] re: SSN [SSN], email [EMAIL]", count: 4 });
});

test("phone formats seen in tickets are all redacted", () => {
  for (const phone of ["(555) 123-4567", "555-123-4567", "+1 555 123 4567"]) {
    assert.equal(redact(`call ${phone} back`).text, "call [PHONE] back", phone);
  }
});

test("text without identifiers is unchanged", () => {
  assert.deepEqual(redact("Follow-up in 2 weeks, 10 mg daily"), { text: "Follow-up in 2 weeks, 10 mg daily", count: 0 });
});

test("a valid record has no problems; a bad one lists each", () => {
  const now = new Date("2024-01-01T00:00:00Z");
  assert.deepEqual(validateRecord({ patientId: "MRN-00412345", kind: "visit_note", createdAt: "2023-06-01" }, now), []);
  const problems = validateRecord({ patientId: "412345", kind: "dream_journal", createdAt: "2030-01-01" }, now);
  assert.equal(problems.length, 3);
});
