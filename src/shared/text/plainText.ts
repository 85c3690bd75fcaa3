// The text every field accepts, defined once for the endpoint's contract, the app's forms and the domain model: no C0
// control character but tab (line feed and carriage return only in multi-line fields such as notes and reasons), no
// DEL, no lone surrogate. PostgreSQL stores no NUL, spreadsheets and PDFs choke on the rest, and a lone surrogate is not
// text at all: such input is refused as invalid (400) before it reaches a service.
import { z } from 'zod';

// eslint-disable-next-line no-control-regex -- control characters are what the rule is about
const SINGLE_LINE_REFUSED = /[\u0000-\u0008\u000A-\u001F\u007F]/;
// eslint-disable-next-line no-control-regex -- control characters are what the rule is about
const MULTI_LINE_REFUSED = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a value is not acceptable text, or null when it is. */
export function textProblem(value: string, multiLine = false): string | null {
  const refused = (multiLine ? MULTI_LINE_REFUSED : SINGLE_LINE_REFUSED).exec(value);
  if (refused) {
    const code = refused[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    return `must not contain the control character U+${code}${multiLine ? '' : ' (one line, no line breaks)'}`;
  }
  return LONE_SURROGATE.test(value) ? 'must not contain a lone surrogate (not valid Unicode text)' : null;
}

/** A check per kind, shared by every field of that kind, so a test can tell which string schemas apply one. */
const textCheck = (multiLine: boolean) =>
  z.superRefine<string>((value, ctx) => {
    const problem = textProblem(value, multiLine);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, input: value });
  });
export const LINE_TEXT_CHECK = textCheck(false);
export const MULTI_LINE_TEXT_CHECK = textCheck(true);

/** A one-line text field: names, ids, places. Chain `.min()`, `.max()`, `.trim()` as on any string. */
export const lineText = () => z.string().check(LINE_TEXT_CHECK);

/** A multi-line text field: notes, reasons. */
export const multiLineText = () => z.string().check(MULTI_LINE_TEXT_CHECK);
