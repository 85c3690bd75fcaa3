// Asks a second officer present for their own credentials on this laptop (attest.ts checks them) and gives back the
// attestation, or null when they cancel.
import { useRef, useState } from 'react';
import { Alert, Form, Input, Modal, Typography, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AttestationPurpose } from '@shared/api/attestations';
import type { Attestation } from '@shared/domain/model';
import { AttestError, attest } from './attest';

interface Pending {
  officerId: string;
  purpose: AttestationPurpose;
  subject: string;
  resolve: (attestation: Attestation | null) => void;
}

export function useAttestation(taskId: string, officerName: (id: string) => string) {
  const { t } = useTranslation();
  const [pending, setPending] = useState<Pending | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ username: string; password: string }>();
  const current = useRef<Pending | null>(null);

  const close = (attestation: Attestation | null) => {
    current.current?.resolve(attestation);
    current.current = null;
    setPending(null);
    setFailure(null);
    form.resetFields();
  };

  async function submit() {
    const request = current.current;
    if (!request) return;
    const { username, password } = await form.validateFields();
    setBusy(true);
    try {
      close(await attest({ ...request, taskId, username: username.trim(), password }));
    } catch (error) {
      const reason = error instanceof AttestError ? error.reason : 'failed';
      setFailure(t(`components.section.attest.${reason}`, { name: officerName(request.officerId), message: (error as Error).message }));
    } finally {
      setBusy(false);
    }
  }

  const modal = (
    <Modal
      open={pending !== null}
      title={pending ? t(`components.section.attest.title.${pending.purpose}`, { name: officerName(pending.officerId) }) : ''}
      okText={t('components.section.attest.confirm')}
      okButtonProps={{ loading: busy, 'data-testid': 'attest-confirm' } as ButtonProps}
      onOk={() => void submit()}
      onCancel={() => close(null)}
      destroyOnHidden
      data-testid="attest-modal"
    >
      <Typography.Paragraph type="secondary">{t('components.section.attest.hint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={() => void submit()}>
        <Form.Item name="username" label={t('components.section.attest.username')} rules={[{ required: true, whitespace: true }]}>
          <Input data-testid="attest-username" autoComplete="off" />
        </Form.Item>
        <Form.Item name="password" label={t('components.section.attest.password')} rules={[{ required: true }]}>
          <Input.Password data-testid="attest-password" autoComplete="off" onPressEnter={() => void submit()} />
        </Form.Item>
      </Form>
      {failure && <Alert type="error" showIcon data-testid="attest-error" title={failure} />}
    </Modal>
  );

  /** Opens the dialog for `officerId`; resolves with their attestation, or null when cancelled. */
  const ask = (officerId: string, purpose: AttestationPurpose, subject: string) =>
    new Promise<Attestation | null>((resolve) => {
      current.current = { officerId, purpose, subject, resolve };
      setPending(current.current);
    });

  return { modal, ask };
}
