-- Snapshot chunks carry their profiles' directory entries now (src/shared/sync/snapshotChunk.ts). Those stored in the
-- earlier layout (a JSON array of profiles) cannot be served to the app any more: they go, and the next first sync of
-- each jurisdiction builds its snapshot anew. A device that was downloading one starts its bootstrap again.
DELETE FROM profile_snapshots;
--> statement-breakpoint
DELETE FROM snapshot_chunks;
