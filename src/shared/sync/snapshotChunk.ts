// A snapshot chunk's text (protocol.ts SnapshotManifest) in the layout a device stores profiles in: its first line the
// directory entries of its profiles (domain/directory.ts), then one line per profile, its JSON text, in slot order.
// The endpoint builds a chunk once for every officer of the jurisdiction, so the keys (pinyin above all) are computed
// there; the device checks the entries and stores the profile texts as they are, each checked against the profile
// schema when it is read (a dossier), instead of parsing, checking and re-serialising a thousand profiles per chunk.
import { z } from 'zod';
import { profileEntrySchema, type ProfileEntry } from '../domain/directory';

/** The chunk layout a client asks for (`sync.snapshot?layout=`): an endpoint serves snapshots in this layout only. */
export const SNAPSHOT_LAYOUT = 'entries-lines';

export interface SnapshotChunkContent {
  entries: ProfileEntry[];
  /** One JSON text per profile, at its entry's slot. */
  texts: string[];
}

const entriesSchema = z.array(profileEntrySchema);

/** The text of a chunk; a profile text holding a line break (JSON never needs one) is refused. */
export function encodeSnapshotChunk({ entries, texts }: SnapshotChunkContent): string {
  if (entries.length !== texts.length) throw new Error(`a snapshot chunk of ${texts.length} profiles has ${entries.length} entries`);
  entries.forEach((entry, i) => {
    if (entry.slot !== i) throw new Error(`entry ${entry.id} of a snapshot chunk is at slot ${entry.slot}, not ${i}`);
    if (texts[i]!.includes('\n')) throw new Error(`the profile ${entry.id} of a snapshot chunk holds a line break`);
  });
  return [JSON.stringify(entries), ...texts].join('\n');
}

/**
 * A chunk's profiles as the UTF-8 bytes they came in (a device stores them so, never decoding them until one is read):
 * profile `i` is `bytes` from `starts[i]` up to the line break before `starts[i + 1]`, the last up to the end.
 */
export interface ProfileLines {
  bytes: Uint8Array;
  starts: number[];
}

/** A chunk as a device takes it: its entries, checked, and its profiles' bytes, each checked to open a JSON object. */
export interface DecodedSnapshotChunk {
  entries: ProfileEntry[];
  /** The entries' JSON text as the chunk brought it, once checked: stored as it is instead of serialised again. */
  entriesJson: string;
  profiles: ProfileLines;
}

const LINE_BREAK = 0x0a;
const OPEN_BRACE = 0x7b;

/**
 * The entries and profile lines of a chunk's bytes, its entries checked; throws an Error saying what is wrong. Only the
 * entries are decoded: no byte of UTF-8 other than a line break is 0x0a, so lines are found in the bytes.
 */
export function decodeSnapshotChunk(bytes: Uint8Array): DecodedSnapshotChunk {
  const firstBreak = bytes.indexOf(LINE_BREAK);
  const entriesJson = new TextDecoder().decode(firstBreak < 0 ? bytes : bytes.subarray(0, firstBreak));
  let header: unknown;
  try {
    header = JSON.parse(entriesJson);
  } catch (error) {
    throw new Error(`its first line is not JSON: ${String(error)}`, { cause: error });
  }
  const parsed = entriesSchema.safeParse(header);
  if (!parsed.success) throw new Error(`its entries are not as expected: ${parsed.error.message}`);
  const entries = parsed.data;
  const starts: number[] = [];
  for (let at = firstBreak; at >= 0; at = bytes.indexOf(LINE_BREAK, at + 1)) starts.push(at + 1);
  if (starts.length !== entries.length) throw new Error(`it has ${entries.length} entries and ${starts.length} profiles`);
  entries.forEach((entry, i) => {
    if (entry.slot !== i) throw new Error(`its entry ${entry.id} is at slot ${entry.slot}, not ${i}`);
    if (bytes[starts[i]!] !== OPEN_BRACE) throw new Error(`its profile at slot ${i} is not a JSON object`);
  });
  return { entries, entriesJson, profiles: { bytes, starts } };
}

/** The end (exclusive) of profile line `i`. */
export function lineEnd({ bytes, starts }: ProfileLines, i: number): number {
  return i + 1 < starts.length ? starts[i + 1]! - 1 : bytes.length;
}
