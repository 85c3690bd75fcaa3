import { Alert, Button, Result, Skeleton } from 'antd';
import { DisconnectOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Remote } from '../hooks/useRemote';

/**
 * Loading, offline, refused or failed: what a page of endpoint data (plans, devices) shows instead of its content.
 * `feature` names the i18n key holding its texts (offline, forbidden, loadFailed, retry) and prefixes the test ids.
 * Without `onRetry` there is nothing to retry yet (the page waits for the network itself).
 */
export function RemoteState({
  remote,
  onRetry,
  feature = 'plans',
}: {
  remote: Exclude<Remote<unknown>, { status: 'ready' }>;
  onRetry?: () => void;
  feature?: 'plans' | 'devices';
}) {
  const { t } = useTranslation();
  if (remote.status === 'loading') return <Skeleton active data-testid={`${feature}-loading`} />;
  const retry = onRetry && (
    <Button onClick={onRetry} data-testid={`${feature}-retry`}>
      {t(`${feature}.retry`)}
    </Button>
  );
  if (remote.kind === 'network') {
    return <Result icon={<DisconnectOutlined />} title={t(`${feature}.offline`)} extra={retry} data-testid={`${feature}-offline`} />;
  }
  if (remote.kind === 'forbidden') return <Result status="403" title={t(`${feature}.forbidden`)} data-testid={`${feature}-forbidden`} />;
  return (
    <Alert
      type="error"
      showIcon
      title={t(`${feature}.loadFailed`, { message: remote.message })}
      action={retry}
      data-testid={`${feature}-error`}
    />
  );
}
