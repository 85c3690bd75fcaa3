// Dexie's live reads, for the hooks that share and pace them (hooks/sharedLiveQuery): only data/ and sync/ import Dexie.
export { liveQuery } from 'dexie';
