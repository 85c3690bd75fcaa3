import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { stringsWithoutTextRule } from '../../../tests/support/zodArbitrary';
import { OPERATION_NAMES, operations, type OperationRow } from '../api/operations';
import { collectionSchemas } from '../sync/protocol';
import { lineText, multiLineText, textProblem } from './plainText';

describe('the text every field accepts', () => {
  it.each([
    ['王经理', false],
    ['Tab\there', false],
    ['😀 emoji pairs', false],
    ['行一\n行二\r\n', true],
  ])('accepts %j (multi-line: %s)', (value, multiLine) => {
    expect(textProblem(value, multiLine)).toBeNull();
  });

  it.each([
    ['王\u0000经理', false, /U\+0000/],
    ['bell\u0007', true, /U\+0007/],
    ['line\nbreak', false, /U\+000A.*one line/],
    ['vertical\u000Btab', true, /U\+000B/],
    ['del\u007F', true, /U\+007F/],
    ['lone \uD800 high', true, /lone surrogate/],
    ['lone \uDC00 low', false, /lone surrogate/],
    ['\uDE00\uD83D reversed pair', false, /lone surrogate/],
  ])('refuses %j (multi-line: %s)', (value, multiLine, message) => {
    expect(textProblem(value, multiLine)).toMatch(message);
    expect((multiLine ? multiLineText() : lineText()).safeParse(value).success).toBe(false);
  });

  it('chains like any string schema', () => {
    const name = lineText().trim().min(1).max(3);
    expect(name.parse(' 烟台 ')).toBe('烟台');
    expect(name.safeParse('    ').success).toBe(false);
    expect(name.safeParse('烟台市芝罘区').success).toBe(false);
  });
});

describe('every field of the contract and the domain model applies it', () => {
  // Rows added later are checked as they come: the list is the table itself.
  it.each(OPERATION_NAMES)('%s', (name) => {
    const row: OperationRow = operations[name];
    const parts = { params: row.params, query: row.query, body: row.body } as Record<string, z.ZodType | undefined>;
    const untexted = Object.entries(parts).flatMap(([part, schema]) => (schema ? stringsWithoutTextRule(schema, part) : []));
    expect(untexted).toEqual([]);
  });

  // Pushed mutations carry records of these collections (their data is parsed against them).
  it.each(Object.keys(collectionSchemas))('records of %s', (collection) => {
    expect(stringsWithoutTextRule(collectionSchemas[collection as keyof typeof collectionSchemas], collection)).toEqual([]);
  });
});
