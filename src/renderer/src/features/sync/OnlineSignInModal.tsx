import { useState } from 'react';
import { Alert, Input, Modal, Typography, type ButtonProps, type InputRef } from 'antd';
import { useTranslation } from 'react-i18next';
import { getBridge } from '../../platform/bridge';
import { signInFailure } from '../../platform/errors';
import { useSessionStore, useSignedIn } from '../../state/sessionStore';
import { useFocusWhenOpened } from '../../hooks/useFocusWhenOpened';

/** Asks the officer of an offline session for their password to sign in online (and so be able to sync). */
export function OnlineSignInModal({ onDone }: { onDone: (signedIn: boolean) => void }) {
  const { t } = useTranslation();
  const { session } = useSignedIn();
  const signInOnline = useSessionStore((s) => s.signInOnline);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const focusPassword = useFocusWhenOpened<InputRef>();

  async function submit() {
    setBusy(true);
    setError(null);
    try {
      await signInOnline(getBridge(), password);
      onDone(true);
    } catch (e) {
      setError(
        signInFailure(e, {
          unauthorized: t('sync.signIn.wrongPassword'),
          network: t('sync.signIn.unreachable'),
          deviceRevoked: t('sync.signIn.revoked'),
          throttled: t('sync.signIn.throttled'),
          failed: (message) => t('sync.signIn.failed', { message }),
        }),
      );
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      title={t('sync.signIn.title')}
      okText={t('sync.signInOnline')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      okButtonProps={{ disabled: password === '', 'data-testid': 'online-sign-in-submit' } as ButtonProps}
      onOk={() => void submit()}
      onCancel={() => onDone(false)}
      afterOpenChange={focusPassword.afterOpenChange}
    >
      <Typography.Paragraph>{t('sync.signIn.text', { name: session.officer.name })}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} data-testid="online-sign-in-error" style={{ marginBottom: 12 }} />}
      <Input.Password
        data-testid="online-sign-in-password"
        ref={focusPassword.ref}
        autoFocus
        autoComplete="current-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        onPressEnter={() => void submit()}
      />
    </Modal>
  );
}
