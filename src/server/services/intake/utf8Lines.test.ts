import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { utf8Lines } from './utf8Lines';

describe('utf8Lines', () => {
  it('writes any texts as UTF-8, each ended by a line feed, with where each line ends', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom('a', '中', '😀', '\\', '"', ' ') })), (texts) => {
        const { bytes, ends } = utf8Lines(texts);
        expect(Buffer.from(bytes).toString('utf8')).toBe(texts.map((text) => `${text}\n`).join(''));
        expect(ends).toEqual(texts.map((_, i) => Buffer.byteLength(texts.slice(0, i + 1).join('\n')) + 1));
        // A buffer of its own, never Node's pool of small buffers, which a transfer would take from every other user.
        expect(bytes.buffer).not.toBe(Buffer.allocUnsafe(1).buffer);
      }),
    );
  });
});
