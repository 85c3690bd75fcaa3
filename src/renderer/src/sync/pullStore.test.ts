import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { enterprise } from '../../../../tests/support/memoryServer';
import { parseSnapshotChunk } from './pullStore';

const chunkOf = (text: string) => {
  const bytes = utf8ToBytes(text);
  return { bytes, address: bytesToHex(sha256(bytes)) };
};

describe('snapshot chunks', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('are taken when their bytes match their address (hashed by WebCrypto) and every profile its schema', async () => {
    const digest = vi.spyOn(globalThis.crypto.subtle, 'digest');
    const { bytes, address } = chunkOf(JSON.stringify([enterprise(1), enterprise(2)]));
    await expect(parseSnapshotChunk(address, bytes)).resolves.toEqual([enterprise(1), enterprise(2)]);
    expect(digest).toHaveBeenCalledWith('SHA-256', bytes);
  });

  it('are refused when the bytes are not those of the address, or hold a broken profile', async () => {
    const { bytes } = chunkOf(JSON.stringify([enterprise(1)]));
    await expect(parseSnapshotChunk('0'.repeat(64), bytes)).rejects.toThrow(/does not match its address/);
    const broken = chunkOf(JSON.stringify([{ ...enterprise(1), riskClass: 'Z' }]));
    await expect(parseSnapshotChunk(broken.address, broken.bytes)).rejects.toThrow(/unexpected snapshot chunk/);
    const notJson = chunkOf('[{');
    await expect(parseSnapshotChunk(notJson.address, notJson.bytes)).rejects.toThrow(/is not JSON/);
  });

  it('are checked in script where the page has no WebCrypto (not a secure context)', async () => {
    vi.stubGlobal('crypto', {});
    const { bytes, address } = chunkOf(JSON.stringify([enterprise(1)]));
    await expect(parseSnapshotChunk(address, bytes)).resolves.toEqual([enterprise(1)]);
    await expect(parseSnapshotChunk('0'.repeat(64), bytes)).rejects.toThrow(/does not match its address/);
  });
});
