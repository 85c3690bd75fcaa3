import { describe, expect, it } from 'vitest';
import { canonicalJson, sha256Hex, sha256OfCanonicalArray } from '@shared/draw/canonical';
import { DrawRandom } from '@shared/draw/random';

describe('canonical JSON and hashes', () => {
  it('sorts keys at every depth, keeps array order, drops no data', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: '中' }], c: null } })).toBe('{"a":{"c":null,"d":[3,{"y":"中","z":1}]},"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(/non-finite/);
  });

  it('computes standard SHA-256 (FIPS 180-2 test vector)', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('hashes an array in slices exactly as the whole canonical text', () => {
    const items = Array.from({ length: 1000 }, (_, i) => [`id${i}`, { n: i }]);
    for (const slice of [1, 7, 4096]) expect(sha256OfCanonicalArray(items, slice)).toBe(sha256Hex(canonicalJson(items)));
    expect(sha256OfCanonicalArray([])).toBe(sha256Hex('[]'));
  });
});

describe('DrawRandom', () => {
  const seed = sha256Hex('seed');
  it('gives the same sequence for the same seed and another for another seed', () => {
    const sequence = (hex: string) => {
      const r = new DrawRandom(hex);
      return Array.from({ length: 20 }, () => r.int(0, 1_000_000));
    };
    expect(sequence(seed)).toEqual(sequence(seed));
    expect(sequence(seed)).not.toEqual(sequence(sha256Hex('seed2')));
  });

  it('stays within bounds and refuses malformed seeds', () => {
    const r = new DrawRandom(seed);
    for (let i = 0; i < 1000; i++) {
      const v = r.int(3, 7);
      expect(v).toBeGreaterThanOrEqual(3);
      expect(v).toBeLessThanOrEqual(7);
    }
    expect(() => new DrawRandom('xyz')).toThrow(/64 lowercase hex/);
    expect(() => new DrawRandom('0'.repeat(64))).toThrow(/all-zero/);
  });
});
