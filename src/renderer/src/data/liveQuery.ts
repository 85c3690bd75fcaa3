// Dexie's live reads, for the hooks that pace them (hooks/usePacedLiveQuery): only data/ and sync/ import Dexie.
export { liveQuery } from 'dexie';
