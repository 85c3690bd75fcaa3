import { Alert, Button, Result, Skeleton } from 'antd';
import { DisconnectOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ReactNode } from 'react';
import type { Remote } from '../hooks/useRemote';
import { useSignedIn } from '../state/sessionStore';
import { useOnline } from '../state/syncSettings';

/** The i18n keys of what a page says when its endpoint data is missing; without `loadFailed`, components.remote.loadFailed. */
export interface RemoteTexts {
  offline: string;
  forbidden: string;
  loadFailed?: string;
}

type Feature = 'plans' | 'devices' | 'recusals' | 'account' | 'admin' | 'intake';

/**
 * Loading, offline, refused or failed: what a page of endpoint data (plans, recusals, devices, intake) shows instead of its
 * content. `feature` prefixes the test ids; `texts` are the keys of the page's own texts (each feature owns its messages).
 * Without `onRetry` there is nothing to retry yet (the page waits for the network itself).
 */
export function RemoteState({
  remote,
  onRetry,
  feature,
  texts,
}: {
  remote: Exclude<Remote<unknown>, { status: 'ready' }>;
  onRetry?: () => void;
  feature: Feature;
  texts: RemoteTexts;
}) {
  const { t } = useTranslation();
  if (remote.status === 'loading') return <Skeleton active data-testid={`${feature}-loading`} />;
  const retry = onRetry && (
    <Button onClick={onRetry} data-testid={`${feature}-retry`}>
      {t('common.retry')}
    </Button>
  );
  if (remote.kind === 'network') {
    return <Result icon={<DisconnectOutlined />} title={t(texts.offline)} extra={retry} data-testid={`${feature}-offline`} />;
  }
  if (remote.kind === 'forbidden') return <Result status="403" title={t(texts.forbidden)} data-testid={`${feature}-forbidden`} />;
  return (
    <Alert
      type="error"
      showIcon
      title={t(texts.loadFailed ?? 'components.remote.loadFailed', { message: remote.message })}
      action={retry}
      data-testid={`${feature}-error`}
    />
  );
}

/**
 * Its children only online and with a token (an offline sign-in has none), the offline notice otherwise. They mount
 * again when the network returns, so they load again.
 */
export function OnlineOnly({ feature, texts, children }: { feature: Feature; texts: RemoteTexts; children: ReactNode }) {
  const online = useOnline();
  const { offline } = useSignedIn();
  if (online && !offline) return children;
  return <RemoteState feature={feature} texts={texts} remote={{ status: 'error', kind: 'network', message: '' }} />;
}
