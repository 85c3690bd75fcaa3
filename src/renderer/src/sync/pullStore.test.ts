import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { gzipSync } from 'fflate';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { pinyin } from 'pinyin-pro';
import { directoryKeys } from '@shared/domain/directory';
import { framedParts as framed, PROFILE_BLOCK } from '@shared/sync/snapshotChunk';
import { chunkTexts, enterprise, snapshotChunkBytes } from '../../../../tests/support/memoryServer';
import { parseSnapshotChunk } from './pullStore';

const { profileEntryOf } = directoryKeys(pinyin);
const chunkOf = (bytes: Uint8Array) => ({ bytes, address: bytesToHex(sha256(bytes)) });
const gz = (text: string) => gzipSync(utf8ToBytes(text), { mtime: 0 });

const profiles = [enterprise(1), enterprise(2)];
const entries = profiles.map((profile, slot) => profileEntryOf(profile, slot));
const block = gz(profiles.map((profile) => JSON.stringify(profile)).join('\n'));

describe('snapshot chunks', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('are taken when their bytes match their address (hashed by WebCrypto) and their entries their schema', async () => {
    const digest = vi.spyOn(globalThis.crypto.subtle, 'digest');
    const { bytes, address } = chunkOf(snapshotChunkBytes(profiles));
    const parsed = await parseSnapshotChunk(address, bytes);
    expect(chunkTexts(parsed).map((text) => JSON.parse(text) as unknown)).toEqual(profiles);
    expect(parsed.entries.map((e) => [e.id, e.slot, e.name, e.initials])).toEqual([
      [enterprise(1).id, 0, enterprise(1).name, expect.stringMatching(/^[0-9A-Z]+$/)],
      [enterprise(2).id, 1, enterprise(2).name, expect.stringMatching(/^[0-9A-Z]+$/)],
    ]);
    expect(digest).toHaveBeenCalledWith('SHA-256', bytes);
  });

  it('keep their profiles compressed in blocks of PROFILE_BLOCK, the last one shorter', async () => {
    const many = Array.from({ length: PROFILE_BLOCK + 2 }, (_, i) => enterprise(i));
    const { bytes, address } = chunkOf(snapshotChunkBytes(many));
    const parsed = await parseSnapshotChunk(address, bytes);
    expect(parsed.blocks).toHaveLength(2);
    expect(chunkTexts(parsed)).toEqual(many.map((profile) => JSON.stringify(profile)));
    // A ninth of the JSON or less: the profiles never take more room than compressed.
    expect(parsed.blocks[0]!.length * 4).toBeLessThan(
      utf8ToBytes(
        many
          .slice(0, PROFILE_BLOCK)
          .map((p) => JSON.stringify(p))
          .join('\n'),
      ).length,
    );
  });

  it('are refused when the bytes are not those of the address, or the entries do not describe the profiles', async () => {
    const { bytes } = chunkOf(snapshotChunkBytes(profiles));
    await expect(parseSnapshotChunk('0'.repeat(64), bytes)).rejects.toThrow(/does not match its address/);
    const refused = async (broken: Uint8Array, reason: RegExp) => {
      const chunk = chunkOf(broken);
      await expect(parseSnapshotChunk(chunk.address, chunk.bytes)).rejects.toThrow(reason);
    };
    // As encoded, framed again: the frame itself is not what is refused below.
    const reframed = chunkOf(framed([gz(JSON.stringify(entries)), block]));
    expect(chunkTexts(await parseSnapshotChunk(reframed.address, reframed.bytes))).toHaveLength(2);
    await refused(
      framed([gz(JSON.stringify(entries.map((e) => ({ ...e, riskClass: 'Z' })))), block]),
      /unexpected snapshot chunk .*entries/,
    );
    await refused(framed([gz(JSON.stringify([...entries].reverse())), block]), /is at slot 1, not 0/);
    const tooMany = Array.from({ length: PROFILE_BLOCK + 1 }, (_, slot) => profileEntryOf(enterprise(slot), slot));
    await refused(framed([gz(JSON.stringify(tooMany)), block]), /has 65 entries and 1 blocks of profiles/);
    await refused(framed([gz('[{'), block]), /entries are not gzip-compressed JSON/);
    await refused(framed([utf8ToBytes(JSON.stringify(entries)), block]), /entries are not gzip-compressed JSON/);
    await refused(bytes.subarray(0, bytes.length - 1), /its parts take \d+ bytes, not \d+/);
    await refused(new Uint8Array([0, 0, 0, 0]), /does not start with its parts/);
    await refused(utf8ToBytes(`[${JSON.stringify(entries)}]`), /does not start with its parts|its parts take/);
  });

  it('are checked in script where the page has no WebCrypto (not a secure context)', async () => {
    vi.stubGlobal('crypto', {});
    const { bytes, address } = chunkOf(snapshotChunkBytes([enterprise(1)]));
    expect(chunkTexts(await parseSnapshotChunk(address, bytes))).toEqual([JSON.stringify(enterprise(1))]);
    await expect(parseSnapshotChunk('0'.repeat(64), bytes)).rejects.toThrow(/does not match its address/);
  });
});
