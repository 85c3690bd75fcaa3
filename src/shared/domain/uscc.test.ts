import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { USCC_CHARSET, buildUscc, computeOrgCodeCheckChar, computeUsccCheckChar, validateUscc } from '@shared/domain/uscc';
import { loadDistrictOutlines } from '../../server/demo/districts';
import { generateDemoData } from '../../server/demo/generate';

// Public test vectors from DOMAIN.md.
const VALID_VECTORS = [
  '91110000600037341L',
  '121200004013590816',
  '911522010783762860',
  '9115220107837941X1',
  '91310112087994932F',
  '91310115MA1K3BTP2B',
  '91371082775260043P',
  '9144030071526726XG',
  '92340602MA2PBQAH7E',
  '92340603MA2PBN17X5',
];
const AUTHORITIES = '123456789ANY';
const CHARS = [...USCC_CHARSET];

const charsetString = (length: number) =>
  fc.array(fc.constantFrom(...CHARS), { minLength: length, maxLength: length }).map((chars) => chars.join(''));
const digitString = (length: number) =>
  fc.array(fc.constantFrom(...'0123456789'), { minLength: length, maxLength: length }).map((chars) => chars.join(''));
/** Any structurally valid USCC, built from random parts. */
const validUscc = fc
  .tuple(fc.constantFrom(...AUTHORITIES), fc.constantFrom(...CHARS), digitString(6), charsetString(8))
  .map(([authority, category, division, body]) => buildUscc(authority, category, division, body));

/** The code with the character at `index` (0-based) replaced. */
function replaceAt(code: string, index: number, char: string): string {
  return code.slice(0, index) + char + code.slice(index + 1);
}
/** The first 17 characters completed with their correct check character, so only earlier rules can fail. */
function withCheckChar(first17: string): string {
  return first17 + computeUsccCheckChar(first17)!;
}

let generatedCodes: string[] = [];
beforeAll(() => {
  const demo = generateDemoData({ seed: 'uscc-test', enterpriseCount: 400 }, loadDistrictOutlines());
  generatedCodes = Array.from({ length: 60 }, (_, i) => demo.enterpriseAt(i * 6).uscc);
});

describe('validateUscc', () => {
  it.each(VALID_VECTORS)('accepts the public vector %s', (code) => {
    expect(validateUscc(code)).toEqual({ ok: true });
  });

  it('rejects the invalid example with the check character it should have', () => {
    expect(validateUscc('91350100M000100Y4Z')).toEqual({ ok: false, reason: 'check_digit', position: 18, expected: '3' });
    expect(validateUscc('91350100M000100Y43')).toEqual({ ok: true });
  });

  it('detects every single-character substitution within the charset', () => {
    const check = (code: string) => {
      const undetected: string[] = [];
      for (let i = 0; i < 18; i++) {
        for (const char of CHARS) {
          const mutated = replaceAt(code, i, char);
          if (char !== code[i] && validateUscc(mutated).ok) undetected.push(mutated);
        }
      }
      expect(undetected, `mutations of ${code}`).toEqual([]);
    };
    expect(generatedCodes.length).toBe(60);
    [...VALID_VECTORS, ...generatedCodes].forEach(check);
    fc.assert(
      fc.property(validUscc, (code) => check(code)),
      { numRuns: 50 },
    );
  });

  it('rejects empty input and wrong lengths', () => {
    expect(validateUscc('')).toEqual({ ok: false, reason: 'empty' });
    for (const code of VALID_VECTORS) {
      expect(validateUscc(code.slice(0, 17))).toMatchObject({ ok: false, reason: 'length' });
      expect(validateUscc(`${code}0`)).toMatchObject({ ok: false, reason: 'length' });
    }
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.length !== 18),
        (s) => {
          expect(validateUscc(s)).toMatchObject({ ok: false, reason: 'length' });
        },
      ),
    );
  });

  it('takes input as typed: lowercase letters are outside the charset', () => {
    expect(validateUscc('91310115ma1k3btp2b')).toEqual({ ok: false, reason: 'charset', position: 9 });
    // A lowercase check character is compared as is and fails.
    expect(validateUscc('91110000600037341l')).toMatchObject({ ok: false, reason: 'check_digit', expected: 'L' });
    for (const code of generatedCodes.filter((c) => /[A-Z]/.test(c))) {
      expect(validateUscc(code.toLowerCase()).ok).toBe(false);
    }
  });

  it.each(['I', 'O', 'Z', 'S', 'V'])('rejects the excluded letter %s in every position', (letter) => {
    for (const code of [...VALID_VECTORS, ...generatedCodes.slice(0, 10)]) {
      for (let i = 0; i < 17; i++) {
        expect(validateUscc(replaceAt(code, i, letter))).toEqual({ ok: false, reason: 'charset', position: i + 1 });
      }
      expect(validateUscc(replaceAt(code, 17, letter))).toMatchObject({ ok: false, reason: 'check_digit', position: 18 });
    }
  });

  it('rejects registration authorities outside 1–9, A, N, Y even with a correct check character', () => {
    const badAuthorities = CHARS.filter((c) => !AUTHORITIES.includes(c));
    expect(badAuthorities).toContain('0');
    for (const code of VALID_VECTORS) {
      for (const authority of badAuthorities) {
        const mutated = withCheckChar(authority + code.slice(1, 17));
        expect(validateUscc(mutated)).toEqual({ ok: false, reason: 'registration_authority', position: 1 });
      }
    }
  });

  it('rejects a non-numeric division code', () => {
    const mutated = withCheckChar(`91A70602MA1K3BTP${computeOrgCodeCheckChar('MA1K3BTP')}`);
    expect(validateUscc(mutated)).toEqual({ ok: false, reason: 'division_code', position: 3 });
  });

  it('rejects a wrong organization-code check character even when position 18 matches', () => {
    const check = (code: string) => {
      const orgCheck = code[16]!;
      for (const wrong of '0123456789X') {
        if (wrong === orgCheck) continue;
        const mutated = withCheckChar(code.slice(0, 16) + wrong);
        expect(validateUscc(mutated)).toEqual({ ok: false, reason: 'organization_code_check_digit', position: 17, expected: orgCheck });
      }
    };
    [...VALID_VECTORS, ...generatedCodes].forEach(check);
    fc.assert(fc.property(validUscc, check), { numRuns: 50 });
  });
});

describe('check characters', () => {
  it('computes the organization-code check with full-alphabet letter values', () => {
    // MA1K3BTP → 2 (from 91310115MA1K3BTP2B); letters count A=10 … Z=35, not their 31-set values.
    expect(computeOrgCodeCheckChar('MA1K3BTP')).toBe('2');
    expect(computeOrgCodeCheckChar('71526726')).toBe('X');
    expect(computeOrgCodeCheckChar('1234567')).toBeNull();
    expect(computeOrgCodeCheckChar('1234567-')).toBeNull();
  });

  it('maps a check sum of 31 to 0', () => {
    // Varying position 17 walks the weighted sum through every residue, so one of them is 0 mod 31.
    const zero = CHARS.map((c) => `9137060200000000${c}`).find((first17) => computeUsccCheckChar(first17) === '0');
    expect(zero).toBeDefined();
    expect(computeUsccCheckChar('9137060200000000I')).toBeNull();
  });
});

describe('buildUscc', () => {
  it('round-trips its parts through validateUscc', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...AUTHORITIES),
        fc.constantFrom(...CHARS),
        digitString(6),
        charsetString(8),
        (authority, category, division, body) => {
          const code = buildUscc(authority, category, division, body);
          expect(code).toHaveLength(18);
          expect(validateUscc(code)).toEqual({ ok: true });
          expect(code.slice(0, 1)).toBe(authority);
          expect(code.slice(1, 2)).toBe(category);
          expect(code.slice(2, 8)).toBe(division);
          expect(code.slice(8, 16)).toBe(body);
          expect(code[16]).toBe(computeOrgCodeCheckChar(body));
        },
      ),
    );
  });

  it('rebuilds every public vector from its parts', () => {
    for (const code of VALID_VECTORS) {
      expect(buildUscc(code[0]!, code[1]!, code.slice(2, 8), code.slice(8, 16))).toBe(code);
    }
  });

  it('refuses bodies it cannot encode', () => {
    expect(() => buildUscc('9', '1', '370602', 'MA1K3BT')).toThrow(/organization code body/);
    // I is a letter for the organization code but outside the USCC charset.
    expect(() => buildUscc('9', '1', '370602', 'MA1K3BTI')).toThrow(/outside the charset/);
  });
});
