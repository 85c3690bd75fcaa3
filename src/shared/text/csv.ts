// CSV as spreadsheet programs read it (RFC 4180, UTF-8 with a BOM), with every cell defused: a cell that begins with
// `=`, `+`, `-`, `@`, a tab or a carriage return is a formula to Excel, WPS and LibreOffice, so it gets a leading
// apostrophe. Exports write with `csvDocument`; an upload reads its cells back with `restoreCsvCell`.

/** A cell a spreadsheet would run as a formula; apostrophes already in front are matched, so the prefix can be undone. */
const FORMULA_START = /^'*[=+\-@\t\r]/;

/** The cell as a spreadsheet shows it as text: prefixed with an apostrophe when it would otherwise run. */
export function defuseCsvCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** What `defuseCsvCell` was given: the reverse, for cells read from an uploaded file. */
export function restoreCsvCell(cell: string): string {
  return FORMULA_START.test(cell) && cell.startsWith("'") ? cell.slice(1) : cell;
}

/** One defused cell, quoted when it holds a quote, a comma or a line break. */
export function csvCell(value: string): string {
  const text = defuseCsvCell(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The whole file: a header row and the rows, CRLF line ends, a BOM so spreadsheet programs read Chinese as UTF-8. */
export function csvDocument(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [header, ...rows].map((row) => row.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
