// SHA-256 of attachment bytes in lower-case hex: the content address of photos and signatures (see attachmentMetaSchema).
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

export function bytesSha256Hex(bytes: Uint8Array): string {
  return bytesToHex(sha256(bytes));
}
