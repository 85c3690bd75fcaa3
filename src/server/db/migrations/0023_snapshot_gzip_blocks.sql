-- Snapshot chunks come in a new layout (src/shared/sync/snapshotChunk.ts): their profiles in blocks compressed one by
-- one, stored and served as they are. Chunks in the earlier layout (one text, compressed whole) cannot be served to the
-- app any more: they go, and the next first sync of each jurisdiction builds its snapshot anew. A device that was
-- downloading one starts its bootstrap again.
DELETE FROM profile_snapshots;
--> statement-breakpoint
DELETE FROM snapshot_chunks;
