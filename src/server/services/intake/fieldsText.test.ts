// The texts of a record's fields: the content hash must stay the one stored revisions were given (or an identical
// resubmission would no longer be a duplicate of them), and the JSON must be the fields.
import { hash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { INTAKE_KINDS } from '@shared/intake/kinds';
import { INTAKE_TEMPLATES } from '@shared/intake/templates';
import { fieldsText } from './fieldsText';

/** The canonical text the content hashes of stored revisions were made from. */
const storedHash = (fields: Record<string, string>) =>
  hash(
    'md5',
    JSON.stringify(
      Object.keys(fields)
        .sort()
        .map((key) => [key, fields[key]]),
    ),
    'base64url',
  );

const awkward = [
  '烟台市芝罘区市场监督管理局',
  'say "no"',
  'back\\slash',
  'tab\there',
  'line\nbreak',
  '\u2028',
  '😀',
  'lone \ud800',
  '\u007f\u0085',
  '',
];

describe('fieldsText', () => {
  it.each(INTAKE_KINDS)('gives %s records the content hash stored revisions have, and their fields as JSON', (kind) => {
    const names = INTAKE_TEMPLATES[kind].fields.map((field) => field.name);
    // Every field, every other field (in template order and reversed), none.
    const samples = [
      Object.fromEntries(names.map((name, i) => [name, awkward[i % awkward.length]!])),
      Object.fromEntries(names.filter((_, i) => i % 2 === 0).map((name, i) => [name, `${name}-${i}`])),
      Object.fromEntries([...names].reverse().map((name, i) => [name, awkward[(i + 3) % awkward.length]!])),
      {},
    ];
    for (const fields of samples) {
      const text = fieldsText(kind, fields);
      expect(text.hash).toBe(storedHash(fields));
      expect(JSON.parse(text.json)).toEqual(fields);
    }
  });

  it('tells records apart by any value', () => {
    const fields = { uscc: '91370602MA3C4D5E6F', name: '烟台测试有限公司' };
    expect(fieldsText('registrations', fields).hash).not.toBe(fieldsText('registrations', { ...fields, name: '烟台测试有限公司 ' }).hash);
  });
});
