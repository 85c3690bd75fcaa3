import { Alert, Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PagedRemote } from './usePagedRemote';

/** Below a paged list: the next page on demand, and why it could not be loaded. */
export function MoreButton({ paged }: { paged: PagedRemote<unknown> }) {
  const { t } = useTranslation();
  if (paged.remote.status !== 'ready') return null;
  const { items, hasMore } = paged.remote.data;
  return (
    <Space orientation="vertical" style={{ width: '100%', marginTop: 12, alignItems: 'center' }}>
      {paged.moreError && <Alert type="error" showIcon title={t('intake.moreFailed', { message: paged.moreError })} />}
      {hasMore && (
        <Button loading={paged.loadingMore} onClick={paged.loadMore} data-testid="intake-more" data-loaded={items.length}>
          {t('intake.more', { count: items.length })}
        </Button>
      )}
    </Space>
  );
}
