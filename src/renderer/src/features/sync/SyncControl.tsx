import { useEffect } from 'react';
import { Badge, Button, Space, Tooltip, Typography } from 'antd';
import { CloudSyncOutlined, DisconnectOutlined } from '@ant-design/icons';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { getBridge } from '../../platform/bridge';
import { formatDateTime } from '../../lib/time';
import { sectionsRepository } from '../../data/sectionsRepository';
import { useSessionStore, useSignedIn } from '../session/sessionStore';
import { useSyncStore } from './syncStore';

export function SyncControl() {
  const { t } = useTranslation();
  const { db } = useSignedIn();
  const signOut = useSessionStore((s) => s.signOut);
  const { state, progress, lastSyncedAt, lastResult, error, run } = useSyncStore();
  const pending = useLiveQuery(() => sectionsRepository(db).pendingCount(), [db]) ?? 0;

  // The server refused the session: ask for the password again; local data stays.
  useEffect(() => {
    if (error?.kind === 'unauthorized') void signOut(getBridge(), 'expired');
  }, [error, signOut]);

  // Back online after working offline: upload what waits without making the officer remember to.
  useEffect(() => {
    const onOnline = () => void run(getBridge(), db);
    window.addEventListener('online', onOnline);
    return () => window.removeEventListener('online', onOnline);
  }, [db, run]);

  const offline = state === 'error' && error?.kind === 'network';
  let status: string;
  if (state === 'syncing') {
    status = progress === null ? t('sync.syncing') : progress.phase === 'push' ? t('sync.pushing', { pushed: progress.pushed }) : t('sync.pulling', { ...progress });
  } else if (offline) status = t('sync.offline');
  else if (state === 'error') status = t('sync.failed', { message: error?.message ?? '' });
  else status = lastSyncedAt ? t('sync.lastSynced', { time: formatDateTime(lastSyncedAt) }) : t('sync.never');

  const problems = [
    lastResult && lastResult.conflicts > 0 ? t('sync.conflicts', { count: lastResult.conflicts }) : null,
    lastResult && lastResult.rejected > 0 ? t('sync.rejected', { count: lastResult.rejected }) : null,
  ].filter((p): p is string => p !== null);
  const tooltip = offline ? t('sync.offlineDetail') : state === 'done' && lastResult ? [t('sync.summary', { ...lastResult }), ...problems].join('；') : undefined;

  return (
    <Space size="middle" className="sync-control">
      <Tooltip title={tooltip}>
        <Typography.Text
          data-testid="sync-status"
          data-state={state}
          data-last-synced={lastSyncedAt ?? ''}
          type={state === 'error' ? 'danger' : problems.length > 0 ? 'warning' : undefined}
          className="sync-status"
        >
          {offline && <DisconnectOutlined />} {status}
        </Typography.Text>
      </Tooltip>
      <Tooltip title={pending > 0 ? t('sync.pending', { count: pending }) : t('sync.nonePending')}>
        <span data-testid="pending-count" data-count={pending}>
          <Badge count={pending} overflowCount={999} size="small" offset={[-4, 4]}>
            <Button
              data-testid="sync-button"
              icon={<CloudSyncOutlined spin={state === 'syncing'} />}
              disabled={state === 'syncing'}
              onClick={() => void run(getBridge(), db)}
            >
              {t('sync.button')}
            </Button>
          </Badge>
        </span>
      </Tooltip>
      {pending > 0 && <Typography.Text type="secondary" className="pending-text">{t('sync.pending', { count: pending })}</Typography.Text>}
    </Space>
  );
}
