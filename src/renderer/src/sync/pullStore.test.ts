import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { enterprise } from '../../../../tests/support/memoryServer';
import { parseSnapshotChunk } from './pullStore';

const chunkOf = (text: string) => {
  const bytes = utf8ToBytes(text);
  return { bytes, address: bytesToHex(sha256(bytes)) };
};

describe('snapshot chunks', () => {
  it('are taken when their bytes match their address and every profile its schema', () => {
    const { bytes, address } = chunkOf(JSON.stringify([enterprise(1), enterprise(2)]));
    expect(parseSnapshotChunk(address, bytes)).toEqual([enterprise(1), enterprise(2)]);
  });

  it('are refused when the bytes are not those of the address, or hold a broken profile', () => {
    const { bytes } = chunkOf(JSON.stringify([enterprise(1)]));
    expect(() => parseSnapshotChunk('0'.repeat(64), bytes)).toThrow(/does not match its address/);
    const broken = chunkOf(JSON.stringify([{ ...enterprise(1), riskClass: 'Z' }]));
    expect(() => parseSnapshotChunk(broken.address, broken.bytes)).toThrow(/unexpected snapshot chunk/);
    const notJson = chunkOf('[{');
    expect(() => parseSnapshotChunk(notJson.address, notJson.bytes)).toThrow(/is not JSON/);
  });
});
