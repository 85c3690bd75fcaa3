// Checks the UI strings against the code that uses them: every key the code names exists in every language, every
// key exists because some code names it, and every file only names keys it may use.
//
// Ownership rule: the first part of a key is its owner. A file may use the keys of its own layer and of the layers
// below it: app/ uses app.*, components.*, common.*; features/<name>/ uses <name>.*, components.*, common.* (never
// another feature's keys); components/ (with its subfolders) uses components.*, common.*; anything else only common.*.
// components/<folder>/messages.json, where there is one, holds components.<folder>.*.
//
// A key counts as named by any string literal equal to it (so keys kept in tables or returned by helpers count), and
// by template literals: substitutions that are string literals, conditionals of them or `as` a union of literal
// types expand to exactly those keys; any other substitution matches one key segment, and is only accepted after
// `<namespace>.<group>.`, so that t(`x.${y}`) can never vouch for a whole namespace.
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from './languages';
import components from '../components/messages.json';
import { MESSAGES, resources } from './resources';

const SOURCES = import.meta.glob<string>(['../**/*.{ts,tsx}', '!../**/*.test.{ts,tsx}', '!../i18n/**'], {
  query: '?raw',
  import: 'default',
  eager: true,
});
const FEATURE_MESSAGES = import.meta.glob<{ default: unknown }>('../features/*/messages.json', { eager: true });
const COMPONENT_MESSAGES = import.meta.glob<{ default: object }>('../components/*/messages.json', { eager: true });

const NAMESPACES = new Set(Object.keys(MESSAGES));
const KEY_SHAPE = /^[A-Za-z][\w-]*(\.[\w-]+)+$/;
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

/** The keys a file may use (see the rule above); `path` is relative to src/renderer/src. */
function allowedNamespaces(path: string): string[] {
  const [top, feature] = path.split('/');
  if (top === 'app') return ['app', 'components', 'common'];
  if (top === 'features' && feature) return [feature, 'components', 'common'];
  if (top === 'components') return ['components', 'common'];
  return ['common'];
}

function flatten(tree: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out.set(prefix + key, value);
    else for (const [k, v] of flatten(value as object, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

const TEXTS = new Map(LANGUAGES.map((l) => [l, flatten(resources[l]!.translation as object)]));
const DEFINED = [...TEXTS.get('zh-CN')!.keys()];

const WILDCARD = null;
type Part = string | typeof WILDCARD;

/** The alternatives an expression can take as key text; WILDCARD where it cannot be told. */
function alternatives(node: ts.Expression): Part[][] {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [[node.text]];
  if (ts.isParenthesizedExpression(node)) return alternatives(node.expression);
  if (ts.isConditionalExpression(node)) return [...alternatives(node.whenTrue), ...alternatives(node.whenFalse)];
  if (ts.isAsExpression(node) || ts.isSatisfiesExpression(node)) {
    const types = ts.isUnionTypeNode(node.type) ? node.type.types : [node.type];
    const literals = types.map((t) => (ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal) ? t.literal.text : null));
    if (literals.every((l) => l !== null)) return literals.map((l) => [l]);
    return alternatives(node.expression);
  }
  if (ts.isTemplateExpression(node)) {
    let out: Part[][] = [[node.head.text]];
    for (const span of node.templateSpans) {
      const inner = alternatives(span.expression);
      out = out.flatMap((a) => inner.map((b) => [...a, ...b, span.literal.text]));
    }
    return out;
  }
  return [[WILDCARD]];
}

interface Use {
  file: string;
  line: number;
  /** A key, or a pattern with `*` for one unknown segment. */
  key: string;
  exact: boolean;
}

const uses: Use[] = [];
const malformed: string[] = [];
for (const [path, text] of Object.entries(SOURCES)) {
  const file = path.replace(/^\.\.\//, '');
  const source = ts.createSourceFile(
    file,
    text,
    ts.ScriptTarget.Latest,
    true,
    file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const line = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const isT = (ts.isIdentifier(callee) && callee.text === 't') || (ts.isPropertyAccessExpression(callee) && callee.name.text === 't');
      const [first] = node.arguments;
      if (isT && first && (ts.isStringLiteralLike(first) || ts.isTemplateExpression(first))) {
        for (const parts of alternatives(first)) {
          if (typeof parts[0] !== 'string' || !NAMESPACES.has(parts[0].split('.')[0]!) || !parts[0].includes('.'))
            malformed.push(`${file}:${line(first)}: t() of ${first.getText(source)} names no namespace`);
        }
      }
    }
    // The first argument of `call(…)` names a remote operation (src/shared/api/operations.ts), not a message.
    const operationName =
      node.parent !== undefined &&
      ts.isCallExpression(node.parent) &&
      node.parent.arguments[0] === node &&
      ts.isPropertyAccessExpression(node.parent.expression) &&
      node.parent.expression.name.text === 'call';
    if ((ts.isStringLiteralLike(node) || ts.isTemplateExpression(node)) && !operationName) {
      for (const parts of alternatives(node)) {
        const joined = parts.map((p) => (p === WILDCARD ? '*' : p)).join('');
        const head = joined.split('*')[0]!;
        if (!NAMESPACES.has(head.split('.')[0]!) || !head.includes('.')) continue;
        if (!joined.includes('*')) {
          if (KEY_SHAPE.test(joined)) uses.push({ file, line: line(node), key: joined, exact: true });
        } else if (head.split('.').length < 3) {
          malformed.push(`${file}:${line(node)}: ${node.getText(source)} could be any key of ${head.split('.')[0]}.*; name a group`);
        } else uses.push({ file, line: line(node), key: joined, exact: false });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
}

const escape = (s: string) => s.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&');
const matcher = (use: Use) =>
  use.exact
    ? (key: string) => key === use.key
    : (
        (re) => (key: string) =>
          re.test(key)
      )(new RegExp(`^${use.key.split('*').map(escape).join('[^.]+')}$`));
/** i18next finds `k` through its plural forms `k_one`, `k_other`… too. */
const base = (key: string) => key.replace(PLURAL_SUFFIX, '');
const where = (u: Use) => `${u.file}:${u.line}`;

describe('UI messages', () => {
  it('scans the code for keys', () => {
    expect(Object.keys(SOURCES).length).toBeGreaterThan(50);
    expect(uses.length).toBeGreaterThan(300);
  });

  it('every key used in code is there in every language', () => {
    const missing: string[] = [];
    for (const use of uses) {
      const matches = matcher(use);
      for (const [language, texts] of TEXTS) {
        if (![...texts.keys()].some((k) => matches(k) || matches(base(k)))) missing.push(`${where(use)}: ${use.key} (${language})`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('names every key it uses plainly enough to check', () => {
    expect(malformed).toEqual([]);
  });

  it('every key is used by some code', () => {
    const matchers = uses.map(matcher);
    const unused = DEFINED.filter((k) => !matchers.some((m) => m(k) || m(base(k))));
    expect(unused).toEqual([]);
  });

  it('a file only uses the keys of its own layer and those below (features never use each other’s)', () => {
    const foreign = uses
      .filter((u) => !allowedNamespaces(u.file).includes(u.key.split('.')[0]!))
      .map((u) => `${where(u)}: ${u.key} (may use ${allowedNamespaces(u.file).join(', ')})`);
    expect(foreign).toEqual([]);
  });

  it('every namespace is a feature’s messages.json, app/, components/ or common', () => {
    const features = Object.fromEntries(Object.entries(FEATURE_MESSAGES).map(([path, module]) => [path.split('/')[2]!, module.default]));
    for (const [namespace, messages] of Object.entries(MESSAGES)) {
      if (['common', 'app', 'components'].includes(namespace)) continue;
      expect(features[namespace], `features/${namespace}/messages.json`).toBe(messages);
    }
    expect(Object.keys(features).filter((f) => !NAMESPACES.has(f))).toEqual([]);
  });

  it('components/ is its messages.json plus, under components.<folder>, each subfolder’s messages.json', () => {
    const folders = Object.entries(COMPONENT_MESSAGES).map(([path, module]) => [path.split('/')[2]!, module.default] as const);
    expect(Object.keys(components).filter((k) => folders.some(([folder]) => folder === k))).toEqual([]);
    expect(MESSAGES.components).toStrictEqual({ ...components, ...Object.fromEntries(folders) });
  });

  it('every language has the same keys and the same {{placeholders}}', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{\{\s*([^}\s,]+)[^}]*\}\}/g)].map((m) => m[1]).sort();
    const zh = TEXTS.get('zh-CN')!;
    for (const [language, texts] of TEXTS) {
      expect([...texts.keys()].sort(), language).toEqual([...zh.keys()].sort());
      const differing = [...texts].filter(([k, v]) => JSON.stringify(placeholders(v)) !== JSON.stringify(placeholders(zh.get(k)!)));
      expect(
        differing.map(([k]) => k),
        language,
      ).toEqual([]);
    }
  });
});
