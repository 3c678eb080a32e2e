/**
 * Reading the CSV the exports write (report exports, archive tables) back into fields, so the suites
 * can check values and formula-injection guards (R16, R17) field by field.
 */

/**
 * Parses CSV text as RFC 4180: fields separated by `,`, quoted fields with doubled quotes and line
 * breaks inside quotes, records ended by LF, CR or CRLF. A final record without a line break counts;
 * a trailing line break adds no empty record. A byte order mark is NOT removed (strip it first).
 * @returns the records, each an array of field texts (quotes removed).
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let isQuoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index];
    if (isQuoted) {
      if (character === '"' && text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (character === '"') isQuoted = false;
      else field += character;
    } else if (character === '"') isQuoted = true;
    else if (character === ',') {
      row.push(field);
      field = '';
    } else if (character === '\n' || character === '\r') {
      if (character === '\r' && text[index + 1] === '\n') index += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += character;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
