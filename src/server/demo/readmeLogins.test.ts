// The README's demo logins are the demo data's: every username it lists signs in, and its ranges end where the data do.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_OFFICERS } from './catalogue';

const readme = readFileSync(path.resolve(import.meta.dirname, '../../../README.md'), 'utf8');
const table = readme.slice(readme.indexOf('## Demo logins'), readme.indexOf('\n## ', readme.indexOf('## Demo logins') + 1));
const usernames = new Set(DEMO_OFFICERS.map((o) => o.username));

describe('README demo logins', () => {
  it('lists only logins that exist, each range up to the last one of its kind', () => {
    const rows = table.split('\n').filter((line) => line.startsWith('| `'));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const [first, last] = [...row.split('|')[1]!.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
      if (!last) {
        expect(usernames.has(first!), first).toBe(true);
        continue;
      }
      const [, prefix, from] = /^(\D+)(\d+)$/.exec(first!)!;
      const to = Number(/(\d+)$/.exec(last)![1]);
      for (let n = Number(from); n <= to; n++)
        expect(usernames.has(`${prefix}${String(n).padStart(from!.length, '0')}`), `${prefix}${n}`).toBe(true);
      // The range ends with the data: the next one does not exist.
      expect(usernames.has(`${prefix}${String(to + 1).padStart(from!.length, '0')}`), `${prefix}${to + 1}`).toBe(false);
    }
  });
});
