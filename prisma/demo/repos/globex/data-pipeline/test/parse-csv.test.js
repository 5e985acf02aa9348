import assert from "node:assert/strict";
import { test } from "node:test";
import { parseCsv, parseRecords } from "../src/parse-csv.js";

test("quoted fields keep commas, newlines and doubled quotes", () => {
  assert.deepEqual(parseCsv('a,"b, c","say ""hi""","line\nbreak"\n'), [["a", "b, c", 'say "hi"', "line\nbreak"]]);
});

test("CRLF line endings and a missing final newline are accepted", () => {
  assert.deepEqual(parseCsv("a,b\r\n1,2"), [["a", "b"], ["1", "2"]]);
});

test("records are keyed by the header", () => {
  assert.deepEqual(parseRecords("id,qty\nx,1\n"), [{ id: "x", qty: "1" }]);
});

test("a row with the wrong number of fields names its line", () => {
  assert.throws(() => parseRecords("id,qty\nx\n"), /row 2/);
});

test("an unterminated quote is an error, not a silently merged row", () => {
  assert.throws(() => parseCsv('a,"b\n'), SyntaxError);
});
