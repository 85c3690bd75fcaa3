// What the intake stores of a row that does not depend on what the platform holds: the rule checks' verdict, the
// natural key, the content hash and the text of the fields to store. Computed where the file is read (for an upload, a
// worker thread: worker.ts), so that the storing is left with the decisions that need the database's answers.
// A chunk is kept as columns, not an object per row: it crosses between threads as a few arrays.
import type { IntakeProblem } from '@shared/api/intake';
import { checkRecord, isDisputed, type RawRecord } from '@shared/intake/check';
import type { IntakeKind } from '@shared/intake/kinds';
import { INTAKE_TEMPLATES } from '@shared/intake/templates';
import { restoreCsvCell } from '@shared/text/csv';
import { packFields, type FieldsColumn } from './fieldsColumn';
import { fieldsText } from './fieldsText';
import type { ParsedRow } from './parse';

/** Rows prepared and stored per round trip: a handful of statements per chunk, none per row. */
export const INGEST_CHUNK = 2000;

/** A chunk's prepared rows but their fields, while the chunk is filled. */
export interface PreparedColumns {
  /** 1-based data row of the file. */
  row: number[];
  /** The return a returns file's row corrects (its `退回编号` column). */
  returnId: (string | null)[];
  /** The written values of a row with a return id (masked cells of a correction take the stored values); else null. */
  values: (RawRecord | null)[];
  key: (string | null)[];
  /** The USCC of the enterprise the record names (valid), or null. */
  uscc: (string | null)[];
  /** The enterprise's name as the record gives it, checked against the register's. */
  name: (string | null)[];
  /** A repair's penalty: its authority and decision number, when both are given. */
  penalty: (readonly [string, string] | null)[];
  disputed: boolean[];
  /** The rule checks' problems (null: none). */
  problems: (IntakeProblem[] | null)[];
  hash: string[];
}

export interface PreparedRows extends PreparedColumns {
  /** The fields to store as JSON: the checked ones, and for a row with problems what was written where a check failed. */
  fields: FieldsColumn;
}

const emptyPrepared = (): PreparedColumns => ({
  row: [],
  returnId: [],
  values: [],
  key: [],
  uscc: [],
  name: [],
  penalty: [],
  disputed: [],
  problems: [],
  hash: [],
});

/** The written values of a row, as read back (trimmed, defused cells restored), empty ones left out. */
function writtenValues(values: RawRecord): Record<string, string> {
  const written: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) {
    const text = restoreCsvCell((value ?? '').trim());
    if (text !== '') written[name] = text;
  }
  return written;
}

/** Checks a row and appends it to `into`, or sets it at `at`; answers the JSON text of the fields to store. */
export function prepareRow(
  into: PreparedColumns,
  kind: IntakeKind,
  parsed: ParsedRow,
  today: string,
  at: number = into.row.length,
): string {
  const { enterprise } = INTAKE_TEMPLATES[kind];
  const record = checkRecord(kind, parsed.values, today);
  const { fields } = record;
  const text = fieldsText(kind, fields);
  const failed = record.problems.length > 0;
  into.row[at] = parsed.row;
  into.returnId[at] = parsed.returnId;
  into.values[at] = parsed.returnId === null ? null : parsed.values;
  into.key[at] = record.key;
  into.uscc[at] = record.enterpriseUscc;
  into.name[at] = (enterprise && fields[enterprise.name]) ?? null;
  into.penalty[at] =
    kind === 'repairs' && fields.penaltyAuthority && fields.penaltyDecisionNumber
      ? [fields.penaltyAuthority, fields.penaltyDecisionNumber]
      : null;
  into.disputed[at] = isDisputed(kind, fields);
  into.problems[at] = failed ? record.problems : null;
  into.hash[at] = text.hash;
  // Without problems every written value passed its check, so the checked fields are all that was written.
  return failed ? JSON.stringify({ ...writtenValues(parsed.values), ...fields }) : text.json;
}

/** Rows read from a file, checked and prepared, INGEST_CHUNK at a time. */
export async function* prepareRows(
  kind: IntakeKind,
  rows: AsyncIterable<readonly ParsedRow[]>,
  today: string,
): AsyncGenerator<PreparedRows> {
  let chunk = emptyPrepared();
  let fields: string[] = [];
  for await (const batch of rows) {
    for (const row of batch) {
      fields.push(prepareRow(chunk, kind, row, today));
      if (fields.length === INGEST_CHUNK) {
        yield { ...chunk, fields: packFields(fields) };
        chunk = emptyPrepared();
        fields = [];
      }
    }
  }
  if (fields.length > 0) yield { ...chunk, fields: packFields(fields) };
}
