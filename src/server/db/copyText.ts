// COPY's text format for a value, apart from db/writes.ts (which opens connections): the intake's worker thread writes
// its rows' fields in it without loading the database drivers.

/** Backslash, tab and line endings are COPY's text format's own characters. */
const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_SPECIALS = new RegExp(COPY_SPECIAL.source, 'g');
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A text value in COPY's text format. */
export function copyText(text: string): string {
  return COPY_SPECIAL.test(text) ? text.replace(COPY_SPECIALS, (c) => COPY_ESCAPES[c]!) : text;
}
