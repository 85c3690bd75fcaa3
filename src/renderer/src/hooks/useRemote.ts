// Endpoint data the device does not keep (plans, draws, devices): pages load it on demand, over the network.
import { useCallback, useEffect, useState } from 'react';
import { errorKind, errorMessage, type ErrorKind } from '../platform/errors';

export type Remote<T> = { status: 'loading' } | { status: 'ready'; data: T } | { status: 'error'; kind: ErrorKind; message: string };

/** Loads `load()` when mounted and whenever `reload` is called; the latest answer wins. */
export function useRemote<T>(load: () => Promise<T>): { remote: Remote<T>; reload: () => void } {
  const [remote, setRemote] = useState<Remote<T>>({ status: 'loading' });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let current = true;
    setRemote({ status: 'loading' });
    load().then(
      (data) => current && setRemote({ status: 'ready', data }),
      (error: unknown) => current && setRemote({ status: 'error', kind: errorKind(error), message: errorMessage(error) }),
    );
    return () => {
      current = false;
    };
  }, [load, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { remote, reload };
}
