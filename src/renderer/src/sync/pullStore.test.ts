import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { enterprise, lineTexts, snapshotChunkText } from '../../../../tests/support/memoryServer';
import { parseSnapshotChunk } from './pullStore';

const chunkOf = (text: string) => {
  const bytes = utf8ToBytes(text);
  return { bytes, address: bytesToHex(sha256(bytes)) };
};

/** A chunk's text with its first line (the entries) rewritten. */
const withEntries = (text: string, change: (entries: Record<string, unknown>[]) => unknown) => {
  const [header, ...lines] = text.split('\n');
  return [JSON.stringify(change(JSON.parse(header!) as Record<string, unknown>[])), ...lines].join('\n');
};

describe('snapshot chunks', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('are taken when their bytes match their address (hashed by WebCrypto) and their entries their schema', async () => {
    const digest = vi.spyOn(globalThis.crypto.subtle, 'digest');
    const { bytes, address } = chunkOf(snapshotChunkText([enterprise(1), enterprise(2)]));
    const { entries, profiles } = await parseSnapshotChunk(address, bytes);
    expect(lineTexts(profiles).map((text) => JSON.parse(text) as unknown)).toEqual([enterprise(1), enterprise(2)]);
    expect(entries.map((e) => [e.id, e.slot, e.name, e.initials])).toEqual([
      [enterprise(1).id, 0, enterprise(1).name, expect.stringMatching(/^[0-9A-Z]+$/)],
      [enterprise(2).id, 1, enterprise(2).name, expect.stringMatching(/^[0-9A-Z]+$/)],
    ]);
    expect(digest).toHaveBeenCalledWith('SHA-256', bytes);
  });

  it('are refused when the bytes are not those of the address, or the entries do not describe the profiles', async () => {
    const text = snapshotChunkText([enterprise(1), enterprise(2)]);
    const { bytes } = chunkOf(text);
    await expect(parseSnapshotChunk('0'.repeat(64), bytes)).rejects.toThrow(/does not match its address/);
    const refused = async (broken: string, reason: RegExp) => {
      const chunk = chunkOf(broken);
      await expect(parseSnapshotChunk(chunk.address, chunk.bytes)).rejects.toThrow(reason);
    };
    await refused(
      withEntries(text, (entries) => entries.map((e) => ({ ...e, riskClass: 'Z' }))),
      /unexpected snapshot chunk .*entries/,
    );
    await refused(
      withEntries(text, (entries) => entries.reverse()),
      /is at slot 1, not 0/,
    );
    await refused(
      withEntries(text, (entries) => entries.slice(1)),
      /has 1 entries and 2 profiles/,
    );
    await refused(text.replace(/\n[^\n]*$/, '\nnull'), /profile at slot 1 is not a JSON object/);
    await refused('[{', /first line is not JSON/);
  });

  it('are checked in script where the page has no WebCrypto (not a secure context)', async () => {
    vi.stubGlobal('crypto', {});
    const { bytes, address } = chunkOf(snapshotChunkText([enterprise(1)]));
    expect(lineTexts((await parseSnapshotChunk(address, bytes)).profiles)).toEqual([JSON.stringify(enterprise(1))]);
    await expect(parseSnapshotChunk('0'.repeat(64), bytes)).rejects.toThrow(/does not match its address/);
  });
});
