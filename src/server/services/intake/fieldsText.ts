// A checked record's fields as the two texts the intake needs of every row: the canonical text its content hash is
// taken of (the sorted [name, value] pairs as JSON, the form every stored content_hash was made from), and the JSON
// object stored in intake_records.fields. Both are written in one pass over the kind's sorted field names: sorting the
// keys, building the pairs and stringifying the object again cost a record about three microseconds more.
import { hash as digest } from 'node:crypto';
import type { IntakeKind } from '@shared/intake/kinds';
import { INTAKE_TEMPLATES } from '@shared/intake/templates';

export interface FieldsText {
  /** md5 (base64url) of the canonical text. */
  hash: string;
  /** The fields as a JSON object, keys in sorted order. */
  json: string;
}

/**
 * Characters JSON.stringify may escape in a string: quote, backslash, control characters, lone surrogates. Values
 * without any (nearly all) are quoted as they are; the rest are left to JSON.stringify.
 */
const JSON_ESCAPED = /["\\\p{Cc}\p{Cs}]/u;
const jsonString = (value: string) => (JSON_ESCAPED.test(value) ? JSON.stringify(value) : `"${value}"`);

interface SortedField {
  name: string;
  /** `["name",` */
  pair: string;
  /** `"name":` */
  property: string;
}

const SORTED_FIELDS = new Map<IntakeKind, readonly SortedField[]>();

function sortedFields(kind: IntakeKind): readonly SortedField[] {
  let fields = SORTED_FIELDS.get(kind);
  if (!fields) {
    fields = INTAKE_TEMPLATES[kind].fields
      .map((field) => field.name)
      .sort()
      .map((name) => ({ name, pair: `[${JSON.stringify(name)},`, property: `${JSON.stringify(name)}:` }));
    SORTED_FIELDS.set(kind, fields);
  }
  return fields;
}

/** The texts of a checked record's fields (every name one of the kind's fields, as checkRecord writes them). */
export function fieldsText(kind: IntakeKind, fields: Readonly<Record<string, string>>): FieldsText {
  let pairs = '';
  let json = '';
  for (const field of sortedFields(kind)) {
    const value = fields[field.name];
    if (value === undefined) continue;
    const text = jsonString(value);
    if (json !== '') {
      pairs += ',';
      json += ',';
    }
    pairs += `${field.pair}${text}]`;
    json += `${field.property}${text}`;
  }
  // One call, no Hash object per record.
  return { hash: digest('md5', `[${pairs}]`, 'base64url'), json: `{${json}}` };
}
