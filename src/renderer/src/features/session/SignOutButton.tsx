import { useState } from 'react';
import { Button, Modal, Space, Typography, type ButtonProps } from 'antd';
import { LogoutOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { getBridge } from '../../platform/bridge';
import { localDataRepository, type UnsentWork } from '../../data/localDataRepository';
import { useSyncStore } from '../../state/syncStore';
import { useSessionStore, useSignedIn } from '../../state/sessionStore';
import { worksOnInspections } from '../../state/roles';

/**
 * Sign-out keeps the officer's local data unless they choose to wipe it; a wipe first pushes, and if work is still
 * unsent (offline, conflicts, rejections) it needs an explicit discard that names what will be lost.
 */
export function SignOutButton() {
  const { t } = useTranslation();
  const signedIn = useSignedIn();
  const { db } = signedIn;
  const signOut = useSessionStore((s) => s.signOut);
  // Actions only: the whole store would re-render this button with every progress report of a sync.
  const run = useSyncStore((s) => s.run);
  const reset = useSyncStore((s) => s.reset);
  const [step, setStep] = useState<'closed' | 'choose' | 'pushing'>('closed');
  const [unsent, setUnsent] = useState<UnsentWork | null>(null);

  const finish = async (wipe: boolean) => {
    reset();
    await signOut(getBridge(), wipe ? { notice: 'wiped', wipe: true } : {});
  };

  const pushThenWipe = async () => {
    setStep('pushing');
    // An offline session has no token to push with: whatever waits is unsent. Intake roles keep nothing to push.
    if (!signedIn.offline && worksOnInspections(signedIn.session.officer.role)) await run(getBridge(), db);
    const work = await localDataRepository(db).unsent();
    if (work.changes === 0 && work.attachments === 0) return finish(true);
    setStep('closed');
    setUnsent(work);
  };

  return (
    <>
      <Button type="text" icon={<LogoutOutlined />} data-testid="sign-out" onClick={() => setStep('choose')}>
        {t('session.signOut')}
      </Button>
      <Modal
        open={step !== 'closed'}
        title={t('session.signOutTitle')}
        onCancel={() => setStep('closed')}
        footer={
          <Space>
            <Button data-testid="sign-out-cancel" disabled={step === 'pushing'} onClick={() => setStep('closed')}>
              {t('common.cancel')}
            </Button>
            <Button data-testid="sign-out-wipe" danger loading={step === 'pushing'} onClick={() => void pushThenWipe()}>
              {t('session.signOutWipe')}
            </Button>
            <Button data-testid="sign-out-keep" type="primary" disabled={step === 'pushing'} onClick={() => void finish(false)}>
              {t('session.signOutKeep')}
            </Button>
          </Space>
        }
      >
        <Typography.Paragraph>{t('session.signOutText')}</Typography.Paragraph>
      </Modal>
      <Modal
        open={unsent !== null}
        title={t('session.discardTitle')}
        okText={t('session.discardConfirm')}
        cancelText={t('common.cancel')}
        okButtonProps={{ danger: true, 'data-testid': 'confirm-discard' } as ButtonProps}
        cancelButtonProps={{ 'data-testid': 'discard-cancel' } as ButtonProps}
        onOk={() => void finish(true)}
        onCancel={() => setUnsent(null)}
      >
        <Typography.Paragraph data-testid="discard-unsent" data-changes={unsent?.changes} data-attachments={unsent?.attachments}>
          {t('session.discardText', { changes: unsent?.changes ?? 0, attachments: unsent?.attachments ?? 0 })}
        </Typography.Paragraph>
      </Modal>
    </>
  );
}
