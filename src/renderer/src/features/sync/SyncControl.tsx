import { useEffect, useState } from 'react';
import { Badge, Button, Dropdown, Progress, Space, Tooltip, Typography } from 'antd';
import {
  CheckCircleOutlined,
  ClockCircleOutlined,
  CloudSyncOutlined,
  DisconnectOutlined,
  ExclamationCircleOutlined,
  LockOutlined,
  SettingOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { getBridge } from '../../platform/bridge';
import { formatDateTime } from '../../lib/time';
import { formatBytes } from '../../lib/bytes';
import { usePendingCount } from '../../hooks/liveQueries';
import { useSessionStore, useSignedIn } from '../../state/sessionStore';
import { OnlineSignInModal } from './OnlineSignInModal';
import { RevokedDialog } from './RevokedDialog';
import { useSyncStore } from '../../state/syncStore';
import { failureText } from '../../components/failureText';
import { formatDuration, pullEtaMs, pullPercent, shortSyncTime, syncIndicator } from './syncIndicator';
import { ORIGINAL_RETENTION_CHOICES, SYNC_INTERVALS, useOnline, useOriginalRetentionDays, useSyncInterval } from '../../state/syncSettings';

export function SyncControl() {
  const { t } = useTranslation();
  const signedIn = useSignedIn();
  const { db } = signedIn;
  const offlineSession = signedIn.offline;
  const signOut = useSessionStore((s) => s.signOut);
  const { state, progress, lastSyncedAt, lastResult, error, run } = useSyncStore();
  const pending = usePendingCount(db) ?? 0;
  const online = useOnline();
  const [intervalMinutes, setIntervalMinutes] = useSyncInterval();
  const [retentionDays, setRetentionDays] = useOriginalRetentionDays();
  const [askOnline, setAskOnline] = useState(false);
  const [now, setNow] = useState(() => Date.now());

  // The server refused the session: ask for the password again; local data stays.
  useEffect(() => {
    if (error?.kind === 'unauthorized') void signOut(getBridge(), { notice: 'expired' });
  }, [error, signOut]);

  // Back online after working offline: upload what waits without making the officer remember to. An offline
  // session has no token: the officer signs in online first.
  useEffect(() => {
    const onOnline = () => (offlineSession ? setAskOnline(true) : void run(getBridge(), db));
    window.addEventListener('online', onOnline);
    return () => window.removeEventListener('online', onOnline);
  }, [db, run, offlineSession]);

  // Automatic sync on an interval, counted from the end of the last sync: paused while one runs, while offline and
  // in an offline session (the online event takes over there).
  useEffect(() => {
    if (intervalMinutes === 0 || state === 'syncing' || !online || offlineSession) return;
    const timer = window.setTimeout(() => void run(getBridge(), db), intervalMinutes * 60_000);
    return () => window.clearTimeout(timer);
  }, [intervalMinutes, state, online, offlineSession, db, run, lastSyncedAt]);

  // The ETA moves with the clock between pages.
  useEffect(() => {
    if (state !== 'syncing') return;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [state]);

  const kind = syncIndicator({ state, error, online, pending, lastSyncedAt, offlineSession });
  const percent = pullPercent(progress);
  const eta = pullEtaMs(progress, Math.max(now, progress?.startedAt ?? 0));

  let status: React.ReactNode;
  let icon: React.ReactNode = null;
  switch (kind) {
    case 'syncing':
      status =
        progress === null
          ? t('sync.syncing')
          : progress.phase === 'pull'
            ? t('sync.receiving')
            : t('sync.pushing', { pushed: progress.pushed });
      // Still, not spinning: an animation has the window draw every frame for the whole sync (a first sync at 100,000
      // profiles: ~0.3 s more CPU in the GPU process and the compositor); the progress bar and its counts show it works.
      icon = <CloudSyncOutlined />;
      break;
    case 'offline_session':
      status = t('sync.offlineSession');
      icon = <LockOutlined />;
      break;
    case 'offline':
      status = pending > 0 ? t('sync.offlineWaiting', { count: pending }) : t('sync.offline');
      icon = <DisconnectOutlined />;
      break;
    case 'error':
      status = error ? failureText(t, error, (message) => t('sync.failed', { message })) : t('sync.failed', { message: '' });
      icon = <ExclamationCircleOutlined />;
      break;
    case 'waiting':
      status = t('sync.pending', { count: pending });
      icon = <ClockCircleOutlined />;
      break;
    case 'up_to_date':
      status = t('sync.upToDate', { time: shortSyncTime(lastSyncedAt ?? '') });
      icon = <CheckCircleOutlined />;
      break;
    case 'never':
      status = t('sync.never');
  }

  const problems = [
    lastResult && lastResult.conflicts > 0 ? t('sync.conflicts', { count: lastResult.conflicts }) : null,
    lastResult && lastResult.rejected > 0 ? t('sync.rejected', { count: lastResult.rejected }) : null,
  ].filter((p): p is string => p !== null);
  const tooltip =
    kind === 'offline'
      ? t('sync.offlineDetail')
      : state === 'done' && lastResult
        ? [t('sync.summary', { ...lastResult }), ...problems].join('；')
        : lastSyncedAt
          ? t('sync.lastSynced', { time: formatDateTime(lastSyncedAt) })
          : undefined;
  const pullDetail =
    progress?.phase === 'pull'
      ? [
          progress.expected === null
            ? t('sync.recordsUnknown', { pulled: progress.pulled })
            : t('sync.records', { pulled: progress.pulled, expected: progress.expected }),
          formatBytes(progress.bytes),
          eta === null ? null : t('sync.eta', { time: formatDuration(eta) }),
        ]
          .filter(Boolean)
          .join(' · ')
      : null;

  const settingItems = [
    {
      type: 'group' as const,
      label: t('sync.interval'),
      children: SYNC_INTERVALS.map((minutes) => ({
        key: `interval:${minutes}`,
        label: minutes === 0 ? t('sync.intervalOff') : t('sync.intervalMinutes', { count: minutes }),
      })),
    },
    {
      type: 'group' as const,
      label: t('sync.originalRetention'),
      children: ORIGINAL_RETENTION_CHOICES.map((days) => ({
        key: `retention:${days}`,
        label: days === 0 ? t('sync.originalRetentionForever') : t('sync.originalRetentionDays', { count: days }),
      })),
    },
  ];

  return (
    <Space size="middle" className="sync-control">
      <Tooltip title={tooltip}>
        <span
          data-testid="sync-indicator"
          data-kind={kind}
          data-pending={pending}
          data-expected={progress?.expected ?? ''}
          data-pulled={progress?.pulled ?? ''}
          data-bytes={progress?.bytes ?? ''}
          className="sync-indicator"
        >
          <Typography.Text
            data-testid="sync-status"
            data-state={state}
            data-last-synced={lastSyncedAt ?? ''}
            type={
              kind === 'error' ? 'danger' : kind === 'offline' || kind === 'offline_session' || problems.length > 0 ? 'warning' : undefined
            }
            className="sync-status"
          >
            {icon} {status}
          </Typography.Text>
          {kind === 'syncing' && progress?.phase === 'pull' && (
            <span className="sync-progress" data-testid="sync-progress">
              <Progress percent={percent ?? 0} size="small" showInfo={false} style={{ width: 120, margin: '0 8px' }} />
              <Typography.Text type="secondary" className="sync-progress-text">
                {pullDetail}
              </Typography.Text>
            </span>
          )}
        </span>
      </Tooltip>
      {kind === 'error' && (
        <Button data-testid="sync-retry" size="small" danger onClick={() => void run(getBridge(), db)}>
          {t('common.retry')}
        </Button>
      )}
      <Tooltip title={pending > 0 ? t('sync.pending', { count: pending }) : t('sync.nonePending')}>
        <span data-testid="pending-count" data-count={pending}>
          <Badge count={pending} overflowCount={999} size="small" offset={[-4, 4]}>
            {offlineSession ? (
              <Button data-testid="sign-in-online" icon={<LockOutlined />} onClick={() => setAskOnline(true)}>
                {t('sync.signInOnline')}
              </Button>
            ) : (
              <Button
                data-testid="sync-button"
                icon={<CloudSyncOutlined />}
                disabled={state === 'syncing'}
                onClick={() => void run(getBridge(), db)}
              >
                {t('sync.button')}
              </Button>
            )}
          </Badge>
        </span>
      </Tooltip>
      <Dropdown
        trigger={['click']}
        menu={{
          items: settingItems,
          selectable: true,
          selectedKeys: [`interval:${intervalMinutes}`, `retention:${retentionDays}`],
          onClick: ({ key }) => {
            const [setting, value] = key.split(':');
            (setting === 'interval' ? setIntervalMinutes : setRetentionDays)(Number(value));
          },
        }}
      >
        <Tooltip title={t('sync.settings')}>
          <Button
            type="text"
            size="small"
            data-testid="sync-interval"
            data-minutes={intervalMinutes}
            data-retention-days={retentionDays}
            icon={<SettingOutlined />}
            aria-label={t('sync.settings')}
          />
        </Tooltip>
      </Dropdown>
      {askOnline && offlineSession && (
        <OnlineSignInModal
          onDone={(signedIn) => {
            setAskOnline(false);
            if (signedIn) void run(getBridge(), db);
          }}
        />
      )}
      {error?.kind === 'device_revoked' && <RevokedDialog />}
    </Space>
  );
}
