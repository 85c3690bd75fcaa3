import { useEffect, useState } from 'react';
import { getBridge } from '../platform/bridge';
import { requestPersistentStorage, type StoragePersistence } from '../platform/storage';

/**
 * In the browser, asks for persistent storage once; null until it answered, and always in Electron, whose data folder
 * no browser evicts.
 */
export function useStoragePersistence(): StoragePersistence | null {
  const [state, setState] = useState<StoragePersistence | null>(null);
  useEffect(() => {
    let current = true;
    void getBridge()
      .getAppInfo()
      .then(async (info) => {
        if (info.host !== 'web') return;
        const answer = await requestPersistentStorage();
        if (current) setState(answer);
      });
    return () => {
      current = false;
    };
  }, []);
  return state;
}
