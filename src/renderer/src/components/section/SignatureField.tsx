import { useEffect, useRef, useState } from 'react';
import { Button, Space, Typography } from 'antd';
import SignaturePad from 'signature_pad';
import { useTranslation } from 'react-i18next';

/** A signature pad; `onSign` receives the canvas once the signer confirms. */
export function SignatureField({
  testId,
  disabled,
  onSign,
}: {
  testId: string;
  disabled: boolean;
  onSign: (canvas: HTMLCanvasElement) => Promise<void>;
}) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const pad = useRef<SignaturePad | null>(null);
  const [empty, setEmpty] = useState(true);

  useEffect(() => {
    const element = canvas.current;
    if (!element) return;
    // Scale the backing store to the screen so strokes stay sharp on high-DPI displays.
    const ratio = Math.max(window.devicePixelRatio || 1, 1);
    element.width = element.offsetWidth * ratio;
    element.height = element.offsetHeight * ratio;
    element.getContext('2d')?.scale(ratio, ratio);
    const instance = new SignaturePad(element, { backgroundColor: 'rgb(255,255,255)', penColor: '#0b1f4d' });
    instance.addEventListener('endStroke', () => setEmpty(instance.isEmpty()));
    pad.current = instance;
    return () => instance.off();
  }, []);

  useEffect(() => {
    if (disabled) pad.current?.off();
    else pad.current?.on();
  }, [disabled]);

  return (
    <div className="signature-field">
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
          data-testid={`${testId}-save`}
          onClick={() => {
            if (canvas.current)
              void onSign(canvas.current).then(() => {
                pad.current?.clear();
                setEmpty(true);
              });
          }}
        >
          {t('components.section.saveSignature')}
        </Button>
        {empty && !disabled && <Typography.Text type="secondary">{t('components.section.emptySignature')}</Typography.Text>}
      </Space>
    </div>
  );
}
