import { useEffect, useRef, useState } from 'react';
import { Button, Space, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import SignaturePad from 'signature_pad';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/time';
import { errorMessage } from '../../platform/errors';

/** While a stroke is drawn, no text of the page is selected, even when the pen leaves the pad. */
const SIGNING_CLASS = 'signing';
const stopSigning = () => document.body.classList.remove(SIGNING_CLASS);

/** The pad itself; mounted afresh for every signature, so its canvas is sized to where it is shown. */
function Pad({
  testId,
  disabled,
  onSign,
  onCancel,
}: {
  testId: string;
  disabled: boolean;
  onSign: (canvas: HTMLCanvasElement) => Promise<void>;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<string | null>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const pad = useRef<SignaturePad | null>(null);
  const [empty, setEmpty] = useState(true);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    const element = canvas.current;
    if (!element) return;
    // Scale the backing store to the screen so strokes stay sharp on high-DPI displays.
    const ratio = Math.max(window.devicePixelRatio || 1, 1);
    element.width = element.offsetWidth * ratio;
    element.height = element.offsetHeight * ratio;
    element.getContext('2d')?.scale(ratio, ratio);
    const instance = new SignaturePad(element, { backgroundColor: 'rgb(255,255,255)', penColor: '#0b1f4d' });
    instance.addEventListener('beginStroke', () => {
      window.getSelection()?.removeAllRanges();
      document.body.classList.add(SIGNING_CLASS);
    });
    instance.addEventListener('endStroke', () => {
      stopSigning();
      setEmpty(instance.isEmpty());
    });
    // A stroke that ends outside the window never reaches the pad's own listeners.
    window.addEventListener('pointerup', stopSigning);
    pad.current = instance;
    return () => {
      instance.off();
      window.removeEventListener('pointerup', stopSigning);
      stopSigning();
    };
  }, []);

  useEffect(() => {
    if (disabled) pad.current?.off();
    else pad.current?.on();
  }, [disabled]);

  return (
    <div className="signature-field" data-testid={`${testId}-field`}>
      <canvas ref={canvas} className="signature-canvas" data-testid={`${testId}-pad`} />
      <Space>
        <Button
          size="small"
          disabled={disabled || empty}
          data-testid={`${testId}-clear`}
          onClick={() => {
            pad.current?.clear();
            setEmpty(true);
          }}
        >
          {t('components.section.clear')}
        </Button>
        <Button
          size="small"
          type="primary"
          disabled={disabled || empty}
          loading={saving}
          data-testid={`${testId}-save`}
          onClick={() => {
            if (!canvas.current) return;
            setSaving(true);
            setFailure(null);
            void onSign(canvas.current)
              .catch((error: unknown) => setFailure(errorMessage(error)))
              .finally(() => setSaving(false));
          }}
        >
          {t('components.section.saveSignature')}
        </Button>
        {onCancel && (
          <Button size="small" data-testid={`${testId}-cancel`} onClick={onCancel}>
            {t('components.section.cancelResign')}
          </Button>
        )}
        {empty && !disabled && <Typography.Text type="secondary">{t('components.section.emptySignature')}</Typography.Text>}
        {failure && (
          <Typography.Text type="danger" data-testid={`${testId}-failed`}>
            {t('components.section.signatureFailed', { message: failure })}
          </Typography.Text>
        )}
      </Space>
    </div>
  );
}

export interface SavedSignature {
  /** The image's object URL, when its bytes are on this machine. */
  url: string | undefined;
  capturedAt: string;
}

/**
 * A signature: the pad until one is saved, then the saved signature in its place with "re-sign", which brings the pad
 * back (the saved one stays until a new one is saved). `onSign` receives the canvas once the signer confirms.
 */
export function SignatureField({
  testId,
  disabled,
  saved,
  label,
  onSign,
}: {
  testId: string;
  disabled: boolean;
  saved: SavedSignature | null;
  label: string;
  /** False when the signing was cancelled (the pad stays); a failure is shown under the pad. */
  onSign: (canvas: HTMLCanvasElement) => Promise<boolean | void>;
}) {
  const { t } = useTranslation();
  const [resigning, setResigning] = useState(false);

  if (saved && !resigning)
    return (
      <Space align="center" wrap data-testid={`${testId}-saved`}>
        {saved.url ? (
          <img src={saved.url} alt={label} className="signature-image" />
        ) : (
          <Typography.Text type="secondary">{t('components.section.signatureNotHere')}</Typography.Text>
        )}
        <Typography.Text type="secondary">{formatDateTime(saved.capturedAt)}</Typography.Text>
        {!disabled && (
          <Button size="small" icon={<EditOutlined />} data-testid={`${testId}-resign`} onClick={() => setResigning(true)}>
            {t('components.section.resign')}
          </Button>
        )}
      </Space>
    );
  if (disabled) return null;
  return (
    <Pad
      testId={testId}
      disabled={disabled}
      onSign={async (canvas) => {
        if ((await onSign(canvas)) !== false) setResigning(false);
      }}
      onCancel={saved ? () => setResigning(false) : undefined}
    />
  );
}
