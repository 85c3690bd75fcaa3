// Persistent storage: without it a browser may evict the officer's IndexedDB (unsent work included) when the disk runs
// low. The app asks once it is signed in and shows the answer.
export type StoragePersistence = 'persisted' | 'not_persisted' | 'unsupported';

export async function requestPersistentStorage(
  storage: Pick<StorageManager, 'persist' | 'persisted'> | undefined = globalThis.navigator?.storage,
): Promise<StoragePersistence> {
  if (!storage?.persist || !storage.persisted) return 'unsupported';
  try {
    if (await storage.persisted()) return 'persisted';
    return (await storage.persist()) ? 'persisted' : 'not_persisted';
  } catch {
    return 'not_persisted';
  }
}
