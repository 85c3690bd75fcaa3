// Evidence photos as thumbnails with a picker/drop zone: the section's own photos, or those of one check item.
import { useContext, useState } from 'react';
import { Alert, Button, Image, Typography, Upload } from 'antd';
import { CameraOutlined, CloudDownloadOutlined, DeleteOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { AttachmentMeta } from '@shared/domain/model';
import { formatDateTime } from '../../lib/time';
import { errorMessage } from '../../platform/errors';
import { OriginalsContext } from './originals';

export interface PhotoGalleryProps {
  photos: readonly AttachmentMeta[];
  /** Object URLs of the bytes on this machine, by sha256. */
  urls: ReadonlyMap<string, string>;
  editable: boolean;
  /** Prepares and stores one picked or dropped file. */
  onAdd: (file: File) => Promise<void>;
  onRemove: (attachmentId: string) => Promise<void>;
  /** data-testid of the thumbnail list; the drop zone is `${testId}-drop`. */
  testId: string;
  /** A check item's gallery: small thumbnails and a one-line drop zone, so the item list stays compact. */
  compact?: boolean;
  /** Photos the endpoint refused, by sha256, with its reason: shown, and removable so the officer can retake them. */
  refused?: ReadonlyMap<string, string>;
}

export function PhotoGallery({ photos, urls, editable, onAdd, onRemove, testId, compact = false, refused }: PhotoGalleryProps) {
  const { t } = useTranslation();
  const [state, setState] = useState<{ busy: number; error: string | null }>({ busy: 0, error: null });
  const [width, height] = compact ? [80, 60] : [120, 90];
  const originals = useContext(OriginalsContext);

  async function add(file: File) {
    setState((s) => ({ ...s, busy: s.busy + 1 }));
    try {
      await onAdd(file);
      setState((s) => ({ busy: s.busy - 1, error: null }));
    } catch (error) {
      setState((s) => ({ busy: s.busy - 1, error: t('components.section.photoFailed', { message: errorMessage(error) }) }));
    }
  }

  if (!editable && photos.length === 0) return null;
  return (
    <div className={compact ? 'photo-gallery compact' : 'photo-gallery'}>
      <div className="photo-grid" data-testid={testId} data-count={photos.length}>
        {photos.map((photo) => {
          const url = urls.get(photo.sha256);
          const thumbnailOnly = originals?.dropped.has(photo.sha256) ?? false;
          return (
            <div
              key={photo.id}
              className="photo-thumb"
              style={{ width }}
              data-testid="photo"
              data-sha256={photo.sha256}
              data-local={String(Boolean(url))}
              data-original={String(!thumbnailOnly)}
            >
              {url ? (
                <Image
                  src={url}
                  width={width}
                  height={height}
                  style={{ objectFit: 'cover' }}
                  // The full view wants the original: fetched again when only the thumbnail is here.
                  preview={thumbnailOnly ? { onOpenChange: (open) => open && originals?.fetch(photo.sha256) } : undefined}
                />
              ) : (
                // Another department's photo not fetched yet (offline): the record still lists it.
                <div className="photo-missing" style={{ width, height }} title={t('components.section.photoNotDownloaded')}>
                  <CloudDownloadOutlined />
                </div>
              )}
              {!compact && (
                <Typography.Text type="secondary" className="photo-caption">
                  {t('components.section.capturedAt', { time: formatDateTime(photo.capturedAt) })}
                </Typography.Text>
              )}
              {thumbnailOnly && originals?.unavailable.has(photo.sha256) && (
                <Alert type="warning" data-testid="photo-original-unavailable" title={t('components.section.originalUnavailable')} />
              )}
              {refused?.has(photo.sha256) && (
                <Alert
                  type="error"
                  data-testid="photo-refused"
                  title={t('components.section.photoRefused', { reason: refused.get(photo.sha256) })}
                />
              )}
              {editable && (
                <Button size="small" type="link" danger icon={<DeleteOutlined />} onClick={() => void onRemove(photo.id)}>
                  {t('components.section.removePhoto')}
                </Button>
              )}
            </div>
          );
        })}
      </div>
      {editable && (
        <div data-testid={`${testId}-drop`} className={compact ? 'item-photo-drop' : undefined}>
          <Upload.Dragger
            accept="image/*"
            multiple
            showUploadList={false}
            beforeUpload={(file) => {
              void add(file);
              return Upload.LIST_IGNORE;
            }}
          >
            {compact ? (
              <span>
                <CameraOutlined /> {t('components.section.addItemPhotos')}
              </span>
            ) : (
              <>
                <p>
                  <CameraOutlined /> {t('components.section.addPhotos')}
                </p>
                <Typography.Text type="secondary">{t('components.section.photosHint')}</Typography.Text>
              </>
            )}
          </Upload.Dragger>
        </div>
      )}
      <span data-testid={`${testId}-processing`} data-busy={state.busy}>
        {state.busy > 0 && t('components.section.processingPhotos')}
      </span>
      {state.error && <Alert type="error" showIcon title={state.error} />}
    </div>
  );
}
