import { Alert, Button, Result, Skeleton } from 'antd';
import { DisconnectOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ReactNode } from 'react';
import { useSignedIn } from '../session/sessionStore';
import { useOnline } from '../sync/syncSettings';
import type { Remote } from './useRemote';

type Feature = 'plans' | 'devices' | 'recusals';

/**
 * Loading, offline, refused or failed: what a page of endpoint data (plans, recusals, devices) shows instead of its content.
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
  feature?: Feature;
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

/**
 * Its children only online and with a token (an offline sign-in has none), the offline notice otherwise. They mount
 * again when the network returns, so they load again.
 */
export function OnlineOnly({ feature, children }: { feature: Feature; children: ReactNode }) {
  const online = useOnline();
  const { offline } = useSignedIn();
  if (online && !offline) return children;
  return <RemoteState feature={feature} remote={{ status: 'error', kind: 'network', message: '' }} />;
}
