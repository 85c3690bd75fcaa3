import { useEffect, useState } from 'react';
import { requestPersistentStorage, type StoragePersistence } from '../platform/storage';

/** Asks for persistent storage once; null until the browser answered. */
export function useStoragePersistence(): StoragePersistence | null {
  const [state, setState] = useState<StoragePersistence | null>(null);
  useEffect(() => {
    let current = true;
    void requestPersistentStorage().then((answer) => current && setState(answer));
    return () => {
      current = false;
    };
  }, []);
  return state;
}
