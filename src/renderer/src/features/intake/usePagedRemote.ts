// A list the endpoint pages with a cursor (a batch may hold a million records): the first page on mount, more on demand.
import { useCallback, useEffect, useState } from 'react';
import { useRemote, type Remote } from '../../hooks/useRemote';
import { errorMessage } from '../../platform/errors';

export interface Page<T> {
  items: T[];
  cursor: string | null;
  hasMore: boolean;
}

/** The pages loaded so far as one list; the cursor and whether there is more are the last page's. */
export function appendPage<T>(loaded: Page<T>, page: Page<T>): Page<T> {
  return { items: [...loaded.items, ...page.items], cursor: page.cursor, hasMore: page.hasMore };
}

export interface PagedRemote<T> {
  remote: Remote<Page<T>>;
  reload: () => void;
  loadMore: () => void;
  loadingMore: boolean;
  /** Why the last "more" failed; the pages already shown stay. */
  moreError: string | null;
}

/** `loadPage(cursor)` answers one page; a new `loadPage` (other filters) starts over from the first page. */
export function usePagedRemote<T>(loadPage: (cursor: string | undefined) => Promise<Page<T>>): PagedRemote<T> {
  const { remote: first, reload } = useRemote(useCallback(() => loadPage(undefined), [loadPage]));
  const [loaded, setLoaded] = useState<Page<T> | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);

  useEffect(() => {
    setLoaded(first.status === 'ready' ? first.data : null);
    setMoreError(null);
  }, [first]);

  const loadMore = useCallback(() => {
    if (!loaded?.hasMore || loadingMore) return;
    setLoadingMore(true);
    setMoreError(null);
    loadPage(loaded.cursor ?? undefined).then(
      (page) => {
        setLoaded((current) => (current ? appendPage(current, page) : page));
        setLoadingMore(false);
      },
      (error: unknown) => {
        setMoreError(errorMessage(error));
        setLoadingMore(false);
      },
    );
  }, [loaded, loadingMore, loadPage]);

  const remote: Remote<Page<T>> = first.status === 'ready' ? { status: 'ready', data: loaded ?? first.data } : first;
  return { remote, reload, loadMore, loadingMore, moreError };
}
