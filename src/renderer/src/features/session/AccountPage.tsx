// The officer's account: their own active sessions (end one left open elsewhere) and the password change. Online only.
import { useCallback } from 'react';
import { App, Button, Card, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OwnSession } from '@shared/api/auth';
import { formatDateTime } from '../../lib/time';
import { getBridge } from '../../platform/bridge';
import { errorMessage } from '../../platform/errors';
import { OnlineOnly, RemoteState, type RemoteTexts } from '../../components/RemoteState';
import { useRemote } from '../../hooks/useRemote';
import { DeviceIdentity } from '../../components/DeviceIdentity';
import { ChangePasswordForm } from './ChangePasswordForm';

const REMOTE_TEXTS: RemoteTexts = { offline: 'session.account.offline', forbidden: 'session.account.offline' };

export default function AccountPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card title={t('session.account.sessions')}>
        <Typography.Paragraph type="secondary">{t('session.account.sessionsIntro')}</Typography.Paragraph>
        <OnlineOnly feature="account" texts={REMOTE_TEXTS}>
          <SessionTable />
        </OnlineOnly>
      </Card>
      <Card title={t('session.password.title')} style={{ maxWidth: 520 }}>
        <OnlineOnly feature="account" texts={REMOTE_TEXTS}>
          <ChangePasswordForm onChanged={() => message.success(t('session.password.changed'))} />
        </OnlineOnly>
      </Card>
    </Space>
  );
}

const loadSessions = () => getBridge().call('auth.sessions');

function SessionTable() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { remote, reload } = useRemote(useCallback(loadSessions, []));
  if (remote.status !== 'ready') return <RemoteState feature="account" texts={REMOTE_TEXTS} remote={remote} onRetry={reload} />;

  const end = async (session: OwnSession) => {
    try {
      await getBridge().call('auth.endSession', { params: { sessionId: session.id } });
      message.success(t('session.account.ended'));
      reload();
    } catch (error) {
      message.error(t('session.account.endFailed', { message: errorMessage(error) }));
    }
  };

  return (
    <Table<OwnSession>
      rowKey="id"
      data-testid="own-sessions"
      dataSource={remote.data.sessions}
      pagination={false}
      columns={[
        {
          title: t('session.account.device'),
          key: 'device',
          render: (_, s) => <DeviceIdentity device={s} tags={s.current && <Tag color="blue">{t('session.account.current')}</Tag>} />,
        },
        { title: t('session.account.since'), key: 'since', render: (_, s) => formatDateTime(s.createdAt) },
        { title: t('session.account.until'), key: 'until', render: (_, s) => formatDateTime(s.expiresAt) },
        {
          key: 'end',
          render: (_, s) =>
            !s.current && (
              <Button size="small" danger data-testid="own-session-end" onClick={() => void end(s)}>
                {t('session.account.end')}
              </Button>
            ),
        },
      ]}
    />
  );
}
