// Cells written for spreadsheet programs: a value that starts like a formula is defused with a leading apostrophe on
// the way out (CSV injection), and read back to its value when the file comes back.

const FORMULA_START = /^[=+\-@\t\r]/;

/** The value as a spreadsheet cell that no program evaluates. */
export function defuseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** A cell as written by defuseCell, read back to its value. */
export function undefuseCell(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}
