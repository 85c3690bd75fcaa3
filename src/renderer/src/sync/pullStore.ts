// Where pulled pages are written. The app writes them in a Web Worker (workerPullStore) so validating and storing
// 100,000 profiles never blocks the window; tests and the worker itself use the in-process store.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { ApiError } from '@shared/api/client';
import { pullResponseSchema, type PullResponse, type SnapshotManifest } from '@shared/sync/protocol';
import { decodeSnapshotChunk, type DecodedSnapshotChunk } from '@shared/sync/snapshotChunk';
import type { OneVisitDb } from '../data/db';
import { scheduleDirectorySnapshot } from '../data/enterpriseDirectory';
import { loadPinyin } from '../data/pinyin';
import { compactProfiles } from '../data/profileStore';
import { pullRepository, type Bootstrap } from '../data/pullRepository';

export interface PullState {
  cursor: string;
  /** A replacement sync (after a cursor reset) is being staged. */
  replacing: boolean;
  /** A first sync bootstrapping from a snapshot: the pull sends its seq until the pull completes. */
  bootstrap?: Bootstrap;
}

export interface PullStore {
  state(): Promise<PullState>;
  /** Validates a page as the bridge handed it over and writes it together with its cursor. */
  applyPage(page: unknown): Promise<void>;
  /** Records the snapshot a first sync bootstraps from. */
  beginBootstrap(manifest: SnapshotManifest): Promise<Bootstrap>;
  /** Checks a snapshot chunk against its address and stores it with the bootstrap's progress, in one transaction. */
  applySnapshotChunk(sha256: string, bytes: Uint8Array): Promise<void>;
  /** Drops an unfinished bootstrap and the chunks it stored. */
  abandonBootstrap(): Promise<void>;
  /** Starts staging a replacement sync from the empty cursor. */
  beginReplacement(): Promise<void>;
  /** Swaps the completed replacement in (and schedules the directory snapshot, see scheduleDirectorySnapshot). */
  finishReplacement(): Promise<void>;
  /** Folds the overlay of small profile chunks back into full ones once it has grown (see compactProfiles), then schedules the directory snapshot. */
  compact(): Promise<void>;
}

export function parsePullPage(page: unknown): PullResponse {
  const parsed = pullResponseSchema.safeParse(page);
  if (!parsed.success) throw new ApiError('invalid_response', `unexpected pull page: ${parsed.error.message}`);
  return parsed.data as PullResponse;
}

/**
 * SHA-256 of a chunk in hex: WebCrypto where the page is a secure context (Electron's app://, https, localhost), which
 * hashes a snapshot's hundreds of MB in a fraction of the time script takes; @noble/hashes elsewhere.
 */
async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  // WebCrypto reads no views of shared memory; a downloaded chunk is never one.
  if (!subtle || !(bytes.buffer instanceof ArrayBuffer)) return bytesToHex(sha256(bytes));
  return bytesToHex(new Uint8Array(await subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)));
}

/**
 * The entries and profile lines of a snapshot chunk, once its bytes match its address and its entries their schema
 * (snapshotChunk.ts: each profile is checked against its schema when it is read).
 */
export async function parseSnapshotChunk(address: string, bytes: Uint8Array): Promise<DecodedSnapshotChunk> {
  // WebCrypto hashes a copy on its own thread: the chunk is decoded meanwhile, and used only once it matched.
  const hashed = sha256Hex(bytes);
  let content: DecodedSnapshotChunk | undefined;
  let problem: unknown;
  try {
    content = decodeSnapshotChunk(bytes);
  } catch (error) {
    problem = error;
  }
  if ((await hashed) !== address) throw new ApiError('invalid_response', `snapshot chunk ${address} does not match its address`);
  if (!content)
    throw new ApiError(
      'invalid_response',
      `unexpected snapshot chunk ${address}: ${problem instanceof Error ? problem.message : String(problem)}`,
    );
  return content;
}

/** The in-process store, once what it needs is loaded: the profiles it stores carry their names' pinyin initials. */
export async function openLocalPullStore(db: OneVisitDb): Promise<PullStore> {
  await loadPinyin();
  const repo = pullRepository(db);
  return {
    state: () => repo.pullState(),
    applyPage: (page) => repo.applyPullPage(parsePullPage(page)),
    beginBootstrap: (manifest) => repo.beginBootstrap(manifest),
    applySnapshotChunk: async (address, bytes) => repo.applySnapshotChunk(address, await parseSnapshotChunk(address, bytes)),
    abandonBootstrap: () => repo.abandonBootstrap(),
    beginReplacement: () => repo.beginReplacement(),
    // Both end a pull: the directory snapshot for the next cold start is written after it, in the worker.
    finishReplacement: async () => {
      await repo.finishReplacement();
      scheduleDirectorySnapshot(db);
    },
    compact: async () => {
      await compactProfiles(db);
      scheduleDirectorySnapshot(db);
    },
  };
}
