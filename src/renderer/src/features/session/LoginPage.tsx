import { useEffect, useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { getBridge } from '../../platform/bridge';
import { signInFailure } from '../../platform/errors';
import { useSessionStore } from '../../state/sessionStore';
import { useSyncStore } from '../../state/syncStore';
import { LanguageSwitch } from './LanguageSwitch';
import { OfflineUnlockError } from '../../state/offlineSignIn';

interface LoginForm {
  username: string;
  password: string;
}

export function LoginPage({ onSigningIn }: { onSigningIn: () => void }) {
  const { t } = useTranslation();
  const signIn = useSessionStore((s) => s.signIn);
  const notice = useSessionStore((s) => (s.state.status === 'signed_out' ? s.state.notice : undefined));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const prepareSyncWorker = useSyncStore((s) => s.prepareWorker);
  // Signing in starts the first sync at once: its worker loads while the officer types.
  useEffect(() => prepareSyncWorker(), [prepareSyncWorker]);

  async function submit(values: LoginForm) {
    setBusy(true);
    setError(null);
    onSigningIn();
    try {
      await signIn(getBridge(), { username: values.username.trim(), password: values.password });
    } catch (e) {
      setError(
        e instanceof OfflineUnlockError
          ? t(e.reason === 'wrong_password' ? 'session.offlineWrongPassword' : 'session.offlineExpired')
          : signInFailure(e, {
              unauthorized: t('session.login.wrongPassword'),
              network: t('session.login.unreachable'),
              deviceRevoked: t('session.revokedLogin'),
              throttled: t('session.login.throttled'),
              failed: (message) => t('session.login.failed', { message }),
            }),
      );
      setBusy(false);
    }
  }

  return (
    <div className="login-page">
      <div className="login-language">
        <LanguageSwitch />
      </div>
      <Card className="login-card">
        <div className="login-brand">
          <div className="brand-mark">一</div>
          <div>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {t('common.appName')} {t('common.appName') !== 'OneVisit' && <span className="brand-latin">OneVisit</span>}
            </Typography.Title>
            <Typography.Text type="secondary">{t('session.subtitle')}</Typography.Text>
          </div>
        </div>
        <Typography.Title level={5}>{t('session.login.title')}</Typography.Title>
        {notice && (
          <Alert
            data-testid="login-notice"
            data-notice={notice}
            type="warning"
            showIcon
            title={
              notice === 'expired' ? t('session.expired') : notice === 'revoked' ? t('session.revokedNotice') : t('session.wipedNotice')
            }
            style={{ marginBottom: 16 }}
          />
        )}
        {error && <Alert data-testid="login-error" type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Form<LoginForm> layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false} disabled={busy}>
          <Form.Item
            name="username"
            label={t('session.login.username')}
            rules={[{ required: true, whitespace: true, message: t('session.login.usernameRequired') }]}
          >
            <Input data-testid="login-username" prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('session.login.password')}
            rules={[{ required: true, message: t('session.login.passwordRequired') }]}
          >
            <Input.Password data-testid="login-password" prefix={<LockOutlined />} autoComplete="current-password" size="large" />
          </Form.Item>
          <Button data-testid="login-submit" type="primary" htmlType="submit" block size="large" loading={busy}>
            {t('session.login.submit')}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" className="login-hint">
          {t('session.login.hint')}
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
