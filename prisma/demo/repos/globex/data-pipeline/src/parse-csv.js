// RFC 4180 CSV: quoted fields may hold commas, newlines and doubled quotes. The shop's export uses
// all three in product names, so splitting on commas is not enough.
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (quoted) throw new SyntaxError("unterminated quoted field");
  if (field !== "" || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** The first row names the columns; every other row becomes an object keyed by them. */
export function parseRecords(text) {
  const [header, ...rows] = parseCsv(text);
  if (!header) return [];
  return rows.map((values, index) => {
    if (values.length !== header.length) throw new SyntaxError(`row ${index + 2}: ${values.length} fields, expected ${header.length}`);
    return Object.fromEntries(header.map((name, i) => [name, values[i]]));
  });
}
