// The password change: the officer's own (account page), or the one an admin's reset requires before anything else.
import { useState } from 'react';
import { Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { getBridge } from '../../platform/bridge';
import { ProblemsAlert } from '../../components/ProblemsAlert';
import { signInFailure } from '../../platform/errors';
import { useSessionStore, useSignedIn } from '../../state/sessionStore';
import { PASSWORD_MIN_LENGTH } from '@shared/domain/passwordPolicy';
import { passwordFormProblems, type PasswordChange } from './passwordForm';

export function ChangePasswordForm({ onChanged }: { onChanged?: () => void }) {
  const { t } = useTranslation();
  const signedIn = useSignedIn();
  const changePassword = useSessionStore((s) => s.changePassword);
  const [form] = Form.useForm<PasswordChange>();
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  async function submit(values: PasswordChange) {
    const seen = passwordFormProblems(values, signedIn.username);
    setProblems(seen.map((problem) => t(`session.password.problem.${problem}`, { min: PASSWORD_MIN_LENGTH })));
    if (seen.length > 0) return;
    setBusy(true);
    try {
      await changePassword(getBridge(), { currentPassword: values.currentPassword, newPassword: values.newPassword });
      form.resetFields();
      onChanged?.();
    } catch (error) {
      setProblems([
        signInFailure(error, {
          unauthorized: t('session.password.wrongCurrent'),
          network: t('session.login.unreachable'),
          deviceRevoked: t('session.revokedLogin'),
          throttled: t('session.login.throttled'),
          failed: (message) => t('session.password.refused', { message }),
        }),
      ]);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Form<PasswordChange>
      form={form}
      layout="vertical"
      onFinish={(v) => void submit(v)}
      requiredMark={false}
      disabled={busy || signedIn.offline}
    >
      <ProblemsAlert testId="password-problems" style={{ marginBottom: 16 }} problems={problems} />
      <Form.Item
        name="currentPassword"
        label={t('session.password.current')}
        rules={[{ required: true, message: t('session.login.passwordRequired') }]}
      >
        <Input.Password data-testid="password-current" autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t('session.password.new')}
        extra={t('session.password.rules', { min: PASSWORD_MIN_LENGTH })}
        rules={[{ required: true, message: t('session.login.passwordRequired') }]}
      >
        <Input.Password data-testid="password-new" autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirmation"
        label={t('session.password.confirm')}
        rules={[{ required: true, message: t('session.login.passwordRequired') }]}
      >
        <Input.Password data-testid="password-confirm" autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} data-testid="password-submit">
        {t('session.password.submit')}
      </Button>
    </Form>
  );
}
