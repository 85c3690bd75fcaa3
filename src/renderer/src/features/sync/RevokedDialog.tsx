import { useEffect, useState } from 'react';
import { Button, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { getBridge } from '../../platform/bridge';
import { localDataRepository, type UnsentWork } from '../../data/localDataRepository';
import { useSyncStore } from '../../state/syncStore';
import { useSessionStore, useSignedIn } from '../../state/sessionStore';

/**
 * The endpoint revoked this device. The sync round that learnt it had already pushed what it could (a revoked device
 * may still upload), so the data is wiped at once when nothing is left unsent; otherwise the officer discards the rest
 * knowingly, in a dialog that names what will be lost.
 */
export function RevokedDialog() {
  const { t } = useTranslation();
  const { db } = useSignedIn();
  const signOut = useSessionStore((s) => s.signOut);
  const resetSync = useSyncStore((s) => s.reset);
  const [unsent, setUnsent] = useState<UnsentWork | null>(null);

  const wipe = async () => {
    resetSync();
    await signOut(getBridge(), { notice: 'revoked', wipe: true });
  };

  useEffect(() => {
    let cancelled = false;
    void localDataRepository(db)
      .unsent()
      .then((work) => {
        if (cancelled) return;
        if (work.changes === 0 && work.attachments === 0) void wipe();
        else setUnsent(work);
      });
    return () => {
      cancelled = true;
    };
    // Once per revocation; `wipe` closes over stable store functions only.
  }, [db]);

  if (!unsent) return null;
  return (
    <Modal
      open
      closable={false}
      maskClosable={false}
      keyboard={false}
      title={t('sync.revoked.title')}
      footer={
        <Button danger type="primary" data-testid="revoked-wipe" onClick={() => void wipe()}>
          {t('sync.revoked.wipe')}
        </Button>
      }
    >
      <Typography.Paragraph data-testid="revoked-unsent" data-changes={unsent.changes} data-attachments={unsent.attachments}>
        {t('sync.revoked.text', { ...unsent })}
      </Typography.Paragraph>
    </Modal>
  );
}
