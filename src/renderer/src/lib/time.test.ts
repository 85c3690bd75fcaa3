import { describe, expect, it } from 'vitest';
import { formatDateTime, nowIsoWithOffset, todayInShanghai } from './time';

/** The Asia/Shanghai zone's own wall clock, as ICU has it. */
const shanghai = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});
function wallClock(at: Date): string {
  const part = Object.fromEntries(shanghai.formatToParts(at).map((p) => [p.type, p.value]));
  return `${part.year}-${part.month}-${part.day}T${part.hour}:${part.minute}:${part.second}`;
}

// Around midnight in Yantai and in UTC, a leap day, a year's end, and dates well ahead.
const INSTANTS = [
  '2026-12-07T15:59:59Z',
  '2026-12-07T16:00:00Z',
  '2026-12-07T23:30:00Z',
  '2028-02-28T16:00:00Z',
  '2026-12-31T16:00:01Z',
  '2040-06-30T12:34:56Z',
].map((iso) => new Date(iso));

describe('times in Yantai', () => {
  it('are those of the Asia/Shanghai zone, whatever the machine’s own zone', () => {
    for (const at of INSTANTS) {
      const wall = wallClock(at);
      expect(todayInShanghai(at)).toBe(wall.slice(0, 10));
      expect(formatDateTime(at.toISOString())).toBe(wall.slice(0, 16).replace('T', ' '));
      expect(nowIsoWithOffset(at)).toBe(`${wall}+08:00`);
    }
  });
});
