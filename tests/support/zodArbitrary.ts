// Inputs for a zod schema, for fuzzing the contract: values shaped like the schema whose strings are drawn from a
// hostile alphabet (controls, DEL, lone surrogates, markup, formula starts), mixed with JSON of any shape; and the
// string leaves of a schema that do not apply the shared text rule (src/shared/text/plainText.ts).
import fc from 'fast-check';
import type { z } from 'zod';
import { LINE_TEXT_CHECK, MULTI_LINE_TEXT_CHECK } from '@shared/text/plainText';

type Def = Record<string, unknown> & { type: string; checks?: { _zod: { def: Record<string, unknown> } }[] };
const defOf = (schema: unknown) => (schema as { _zod: { def: Def } })._zod.def;

const BENIGN_UNITS = ['a', 'Z', '7', '-', '_', ' ', '烟', '台', '市'];
/** Characters that break naive handling of text. */
export const HOSTILE_UNITS = [
  '\u0000',
  '\u0001',
  '\u001f',
  '\t',
  '\n',
  '\r',
  '\u007f',
  '\u0085',
  '\u2028',
  '\uD800',
  '\uDFFF',
  '\uD83D\uDE00',
  '\uFEFF',
  '<',
  '>',
  '"',
  "'",
  '&',
  '=',
  '+',
  '@',
  '%',
  '\\',
  '/',
  '.',
  ',',
  '|',
];

/** The characters a database or a parser refuses come up most. */
const hostileUnit = fc.oneof(
  { arbitrary: fc.constantFrom('\u0000', '\uD800', '\uDFFF'), weight: 3 },
  { arbitrary: fc.constantFrom(...HOSTILE_UNITS), weight: 2 },
);

export const hostileString = (maxLength = 40) => fc.string({ unit: fc.constantFrom(...BENIGN_UNITS, ...HOSTILE_UNITS), maxLength });

/** Plain strings the schema's length allows, well-formed values of its pattern, now and then anything. */
function stringArbitrary(def: Def): fc.Arbitrary<string> {
  let min = 0;
  let max = 60;
  const patterns: RegExp[] = [];
  for (const check of def.checks ?? []) {
    const c = check._zod.def;
    if (c.check === 'min_length') min = c.minimum as number;
    if (c.check === 'max_length') max = Math.min(max, c.maximum as number);
    if (c.check === 'length_equals') min = max = c.length as number;
    if (c.check === 'string_format' && c.pattern instanceof RegExp) patterns.push(c.pattern);
  }
  const benign = fc.string({ unit: fc.constantFrom(...BENIGN_UNITS), minLength: Math.min(min, max), maxLength: Math.max(min, max) });
  const formats = patterns.map((pattern) => ({ arbitrary: fc.stringMatching(pattern).map((s) => s.slice(0, 200)), weight: 8 }));
  const dates = def.format === 'datetime' ? [{ arbitrary: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), weight: 8 }] : [];
  return fc.oneof({ arbitrary: benign, weight: 4 }, ...formats, ...dates, { arbitrary: hostileString(300), weight: 1 });
}

/** The value with one hostile character put into one of its strings (chosen by `pick`), the rest untouched. */
export function withOneHostileCharacter(value: unknown, pick: number, unit: string): unknown {
  let seen = 0;
  let target = -1;
  const count = (v: unknown): void => {
    if (typeof v === 'string') seen++;
    else if (Array.isArray(v)) v.forEach(count);
    else if (typeof v === 'object' && v !== null) Object.values(v).forEach(count);
  };
  count(value);
  if (seen === 0) return value;
  target = pick % seen;
  let index = 0;
  const replace = (v: unknown): unknown => {
    if (typeof v === 'string') return index++ === target ? v.slice(0, pick % (v.length + 1)) + unit + v.slice(pick % (v.length + 1)) : v;
    if (Array.isArray(v)) return v.map(replace);
    if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, inner]) => [k, replace(inner)]));
    return v;
  };
  return replace(value);
}

function numberArbitrary(def: Def): fc.Arbitrary<number> {
  const integer = (def.checks ?? []).some((c) => c._zod.def.format === 'safeint') || def.format === 'safeint';
  return fc.oneof(
    integer ? fc.integer({ min: -5, max: 5 }) : fc.double({ min: -5, max: 5, noNaN: true }),
    fc.integer(),
    fc.constantFrom(0, -1, 0.5, 1e21, -0, Number.MAX_SAFE_INTEGER + 2),
  );
}

/**
 * Values shaped by the schema, most with one hostile character in one string (so the rest is plausible enough to reach
 * the service and the database), some without, now and then anything at all.
 */
export function arbitraryOf(schema: z.ZodType): fc.Arbitrary<unknown> {
  const shaped = shapeOf(schema);
  const poisoned = fc.tuple(shaped, fc.nat(), hostileUnit).map(([value, pick, unit]) => withOneHostileCharacter(value, pick, unit));
  return fc.oneof(
    { arbitrary: poisoned, weight: 4 },
    { arbitrary: shaped, weight: 2 },
    { arbitrary: fc.jsonValue({ maxDepth: 2 }), weight: 1 },
  );
}

/** Values shaped by the schema, their strings plain (or, rarely, anything). */
export function shapeOf(schema: z.ZodType, depth = 0): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const anything = fc.jsonValue({ maxDepth: 2 });
  if (depth > 8) return anything;
  const of = (inner: unknown) => shapeOf(inner as z.ZodType, depth + 1);
  let shaped: fc.Arbitrary<unknown>;
  switch (def.type) {
    case 'string':
      shaped = stringArbitrary(def);
      break;
    case 'number':
      shaped = numberArbitrary(def);
      break;
    case 'boolean':
      shaped = fc.boolean();
      break;
    case 'literal':
      shaped = fc.constantFrom(...(def.values as unknown[]));
      break;
    case 'enum':
      shaped = fc.constantFrom(...Object.values(def.entries as Record<string, unknown>));
      break;
    case 'object': {
      const shape = def.shape as Record<string, z.ZodType>;
      const keys = Object.keys(shape);
      shaped = fc.record(Object.fromEntries(keys.map((key) => [key, of(shape[key])])), {
        requiredKeys: keys.filter((key) => !['optional', 'default', 'prefault'].includes(defOf(shape[key]).type)),
      });
      break;
    }
    case 'array':
      shaped = fc.array(of(def.element), { maxLength: 4 });
      break;
    case 'tuple':
      shaped = fc.tuple(...(def.items as unknown[]).map(of));
      break;
    case 'record':
      shaped = fc.dictionary(of(def.keyType) as fc.Arbitrary<string>, of(def.valueType), { maxKeys: 3 });
      break;
    case 'union':
      shaped = fc.oneof(...(def.options as unknown[]).map(of));
      break;
    case 'optional':
    case 'default':
    case 'prefault':
      shaped = fc.option(of(def.innerType), { nil: undefined });
      break;
    case 'nullable':
      shaped = fc.option(of(def.innerType), { nil: null });
      break;
    case 'pipe':
      // A preprocess pipes from a transform into the schema; a transform pipes from the schema into its function.
      shaped = defOf(def.in).type === 'transform' ? of(def.out) : of(def.in);
      break;
    case 'lazy':
      shaped = of((def.getter as () => unknown)());
      break;
    default:
      // unknown, any, custom (bytes), transform: the schema says nothing usable about the shape.
      return anything;
  }
  return shaped;
}

const appliesTextRule = (def: Def) =>
  (def.checks ?? []).some(
    (check) =>
      (check as unknown) === LINE_TEXT_CHECK || (check as unknown) === MULTI_LINE_TEXT_CHECK || check._zod.def.check === 'string_format', // a pattern (date, hash, digits) admits no control character
  ) || typeof def.format === 'string';

/** Paths of the string leaves of a schema that accept any text (no shared text rule, no pattern). */
export function stringsWithoutTextRule(schema: z.ZodType, path = '', seen = new Set<unknown>()): string[] {
  if (seen.has(schema)) return [];
  seen.add(schema);
  const def = defOf(schema);
  const walk = (inner: unknown, at: string) => stringsWithoutTextRule(inner as z.ZodType, at, seen);
  switch (def.type) {
    case 'string':
      return appliesTextRule(def) ? [] : [path || '(root)'];
    case 'object':
      return Object.entries(def.shape as Record<string, unknown>).flatMap(([key, inner]) => walk(inner, `${path}.${key}`));
    case 'array':
      return walk(def.element, `${path}[]`);
    case 'tuple':
      return (def.items as unknown[]).flatMap((inner, i) => walk(inner, `${path}[${i}]`));
    case 'record':
      return [...walk(def.keyType, `${path}{key}`), ...walk(def.valueType, `${path}{}`)];
    case 'union':
      return (def.options as unknown[]).flatMap((inner) => walk(inner, path));
    case 'optional':
    case 'default':
    case 'prefault':
    case 'nullable':
      return walk(def.innerType, path);
    case 'pipe':
      return [...walk(def.in, path), ...walk(def.out, path)];
    case 'lazy':
      return walk((def.getter as () => unknown)(), path);
    default:
      return [];
  }
}
