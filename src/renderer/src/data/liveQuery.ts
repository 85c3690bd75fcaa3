// Dexie's live reads, for the hooks that share, pace or hurry them (hooks/): only data/ and sync/ import Dexie.
export { liveQuery } from 'dexie';
