import { Alert, Button, Result, Skeleton } from 'antd';
import { DisconnectOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Remote } from './useRemote';

/** Loading, offline, refused or failed: what a plan page shows instead of its content. */
export function RemoteState({ remote, onRetry }: { remote: Exclude<Remote<unknown>, { status: 'ready' }>; onRetry: () => void }) {
  const { t } = useTranslation();
  if (remote.status === 'loading') return <Skeleton active data-testid="plans-loading" />;
  const retry = <Button onClick={onRetry} data-testid="plans-retry">{t('plans.retry')}</Button>;
  if (remote.kind === 'network') {
    return <Result icon={<DisconnectOutlined />} title={t('plans.offline')} extra={retry} data-testid="plans-offline" />;
  }
  if (remote.kind === 'forbidden') return <Result status="403" title={t('plans.forbidden')} data-testid="plans-forbidden" />;
  return <Alert type="error" showIcon title={t('plans.loadFailed', { message: remote.message })} action={retry} data-testid="plans-error" />;
}
