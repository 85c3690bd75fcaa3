// A snapshot chunk (protocol.ts SnapshotManifest) in the layout a device stores profiles in: the directory entries of
// its profiles (domain/directory.ts), then its profiles' JSON texts in blocks of PROFILE_BLOCK, one line each, every
// part gzip-compressed on its own. The endpoint builds a chunk once for every officer of the jurisdiction, so the keys
// (pinyin above all) are computed and the profiles compressed there; the device checks the entries and stores each
// block as the compressed bytes it came in, decompressing one block when a profile in it is read (a dossier), and
// checking that profile against its schema then. Neither the window nor IndexedDB ever handles the profiles
// uncompressed during a first sync (about a ninth of the bytes).
//
// Bytes: the number of parts (a 32-bit little-endian integer), each part's length (the same), then the parts: the
// gzip of the entries' JSON text, then the gzip of each block's profile texts joined by line breaks.
import { gunzipSync } from 'fflate';
import { z } from 'zod';
import { profileEntrySchema, type ProfileEntry } from '../domain/directory';

/** The chunk layout a client asks for (`sync.snapshot?layout=`): an endpoint serves snapshots in this layout only. */
export const SNAPSHOT_LAYOUT = 'entries-gzip-blocks';

/**
 * Profiles per block, as a device stores them: a dossier reads and decompresses one block (about 120 KB of JSON at
 * 100,000 profiles, some 14 KB stored) instead of its whole chunk (about 2 MB per 1,000 profiles), while a chunk is
 * written as 16 rows: with blocks of 16 profiles, storing a chunk took a third longer (more, smaller rows).
 */
export const PROFILE_BLOCK = 64;

export interface SnapshotChunkContent {
  entries: ProfileEntry[];
  /** One JSON text per profile, at its entry's slot. */
  texts: string[];
}

const entriesSchema = z.array(profileEntrySchema);

/** The bytes of a chunk, its parts compressed by `gzip`; a profile text holding a line break (JSON never needs one) is refused. */
export function encodeSnapshotChunk({ entries, texts }: SnapshotChunkContent, gzip: (bytes: Uint8Array) => Uint8Array): Uint8Array {
  if (entries.length !== texts.length) throw new Error(`a snapshot chunk of ${texts.length} profiles has ${entries.length} entries`);
  entries.forEach((entry, i) => {
    if (entry.slot !== i) throw new Error(`entry ${entry.id} of a snapshot chunk is at slot ${entry.slot}, not ${i}`);
    if (texts[i]!.includes('\n')) throw new Error(`the profile ${entry.id} of a snapshot chunk holds a line break`);
  });
  const encoder = new TextEncoder();
  const parts = [gzip(encoder.encode(JSON.stringify(entries)))];
  for (let start = 0; start < texts.length; start += PROFILE_BLOCK) {
    parts.push(gzip(encoder.encode(texts.slice(start, start + PROFILE_BLOCK).join('\n'))));
  }
  return framedParts(parts);
}

/** Parts framed as a chunk's bytes are: their count and lengths, then the parts (decodeSnapshotChunk reads them so). */
export function framedParts(parts: readonly Uint8Array[]): Uint8Array {
  const head = 4 * (1 + parts.length);
  const bytes = new Uint8Array(head + parts.reduce((sum, part) => sum + part.length, 0));
  const view = new DataView(bytes.buffer);
  view.setUint32(0, parts.length, true);
  let at = head;
  parts.forEach((part, i) => {
    view.setUint32(4 * (1 + i), part.length, true);
    bytes.set(part, at);
    at += part.length;
  });
  return bytes;
}

/** A chunk as a device takes it: its entries, checked, and its blocks of profiles as they came, compressed. */
export interface DecodedSnapshotChunk {
  entries: ProfileEntry[];
  /** Block b holds the profiles at slots b × PROFILE_BLOCK on (see blockLines); views into the chunk's bytes. */
  blocks: Uint8Array[];
}

/**
 * The entries and compressed blocks of a chunk's bytes, its entries checked; throws an Error saying what is wrong. Only
 * the entries are decompressed: each block is checked when a profile in it is read.
 */
export function decodeSnapshotChunk(bytes: Uint8Array): DecodedSnapshotChunk {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = bytes.length >= 4 ? view.getUint32(0, true) : 0;
  const head = 4 * (1 + count);
  if (count === 0 || head > bytes.length) throw new Error('it does not start with its parts');
  const parts: Uint8Array[] = [];
  let at = head;
  for (let i = 0; i < count; i++) {
    const length = view.getUint32(4 * (1 + i), true);
    parts.push(bytes.subarray(at, at + length));
    at += length;
  }
  if (at !== bytes.length) throw new Error(`its parts take ${at} bytes, not ${bytes.length}`);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(gunzipSync(parts[0]!)));
  } catch (error) {
    throw new Error(`its entries are not gzip-compressed JSON: ${String(error)}`, { cause: error });
  }
  const parsed = entriesSchema.safeParse(header);
  if (!parsed.success) throw new Error(`its entries are not as expected: ${parsed.error.message}`);
  const entries = parsed.data;
  entries.forEach((entry, i) => {
    if (entry.slot !== i) throw new Error(`its entry ${entry.id} is at slot ${entry.slot}, not ${i}`);
  });
  const blocks = parts.slice(1);
  if (blocks.length !== Math.ceil(entries.length / PROFILE_BLOCK))
    throw new Error(`it has ${entries.length} entries and ${blocks.length} blocks of profiles`);
  return { entries, blocks };
}

/** The profile texts of a compressed block; throws where the bytes are not gzip-compressed UTF-8. */
export function blockLines(block: Uint8Array): string[] {
  return new TextDecoder('utf-8', { fatal: true }).decode(gunzipSync(block)).split('\n');
}
