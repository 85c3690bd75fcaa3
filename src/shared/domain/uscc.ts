// Unified Social Credit Code (GB 32100-2015), as described in DOMAIN.md.

/** The 31-character set; a character's index is its value (0–30). No I, O, Z, S, V. */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;
const REGISTRATION_AUTHORITIES = '123456789ANY';

export type UsccInvalidReason =
  | 'empty'
  | 'length'
  | 'charset'
  | 'registration_authority'
  | 'division_code'
  | 'organization_code_charset'
  | 'organization_code_check_digit'
  | 'check_digit';

export type UsccValidation = { ok: true } | { ok: false; reason: UsccInvalidReason; position?: number; expected?: string };

/** Check character (pos 18) for the first 17 characters, or null if one is outside the charset. */
export function computeUsccCheckChar(first17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = USCC_CHARSET.indexOf(first17.charAt(i));
    if (value < 0) return null;
    sum += value * USCC_WEIGHTS[i]!;
  }
  const c = (31 - (sum % 31)) % 31;
  return USCC_CHARSET.charAt(c);
}

/** Full-alphabet value used by the organization code (GB 11714): 0–9, A=10 … Z=35. */
function orgCodeValue(ch: string): number {
  if (ch >= '0' && ch <= '9') return ch.charCodeAt(0) - 48;
  if (ch >= 'A' && ch <= 'Z') return ch.charCodeAt(0) - 55;
  return -1;
}

/** Check character of an organization code body (8 characters), or null if the body is invalid. */
export function computeOrgCodeCheckChar(body8: string): string | null {
  if (body8.length !== 8) return null;
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const value = orgCodeValue(body8.charAt(i));
    if (value < 0) return null;
    sum += value * ORG_CODE_WEIGHTS[i]!;
  }
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** Validates a USCC. Input is taken as typed: no trimming or case folding, so callers decide that. */
export function validateUscc(code: string): UsccValidation {
  if (code.length === 0) return { ok: false, reason: 'empty' };
  if (code.length !== 18) return { ok: false, reason: 'length' };
  // Position 18 is judged by the check-digit rule below, so a wrong last character says what it should be.
  for (let i = 0; i < 17; i++) {
    if (!USCC_CHARSET.includes(code.charAt(i))) return { ok: false, reason: 'charset', position: i + 1 };
  }
  if (!REGISTRATION_AUTHORITIES.includes(code.charAt(0))) {
    return { ok: false, reason: 'registration_authority', position: 1 };
  }
  if (!/^[0-9]{6}$/.test(code.slice(2, 8))) return { ok: false, reason: 'division_code', position: 3 };
  const orgBody = code.slice(8, 16);
  const orgCheck = computeOrgCodeCheckChar(orgBody);
  if (orgCheck === null) return { ok: false, reason: 'organization_code_charset', position: 9 };
  if (orgCheck !== code.charAt(16)) {
    return { ok: false, reason: 'organization_code_check_digit', position: 17, expected: orgCheck };
  }
  const check = computeUsccCheckChar(code.slice(0, 17));
  if (check !== code.charAt(17)) {
    return { ok: false, reason: 'check_digit', position: 18, expected: check ?? undefined };
  }
  return { ok: true };
}

/** Builds a valid USCC from its parts; used by the demo data generator. */
export function buildUscc(authority: string, category: string, divisionCode: string, orgBody8: string): string {
  const orgCheck = computeOrgCodeCheckChar(orgBody8);
  if (orgCheck === null) throw new Error(`invalid organization code body: ${orgBody8}`);
  const first17 = `${authority}${category}${divisionCode}${orgBody8}${orgCheck}`;
  const check = computeUsccCheckChar(first17);
  if (check === null) throw new Error(`USCC characters outside the charset: ${first17}`);
  return first17 + check;
}
