// The evidence of the visit in a section: check-in, officers present, the enterprise representative, signatures, photos.
import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Checkbox, Descriptions, Image, Input, Space, Tag, Typography, Upload } from 'antd';
import { CameraOutlined, DeleteOutlined, EnvironmentOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { AttachmentMeta, CheckIn, InspectionSection } from '@shared/domain/model';
import { SIGNATURE_KINDS, type SignatureKind } from '@shared/domain/sectionRules';
import type { StoredAttachment } from '../../data/db';
import { formatDateTime, nowIsoWithOffset } from '../../lib/time';
import { errorMessage } from '../../platform/errors';
import { preparePhoto, prepareSignature, type PreparedAttachment } from './evidence';
import { SignatureField } from './SignatureField';

/** The evidence fields, shared by a section and the correction of a returned section. */
type WithEvidence = Pick<InspectionSection, 'checkIn' | 'teamPresent' | 'representativeName' | 'attachments'>;

export interface EvidencePanelProps<R extends WithEvidence> {
  section: R;
  editable: boolean;
  teamIds: readonly string[];
  officerName: (id: string) => string;
  stored: readonly StoredAttachment[];
  onEdit: (next: R) => void;
  onAdd: (prepared: PreparedAttachment) => Promise<void>;
  onRemove: (attachmentId: string) => Promise<void>;
}

/** Object URLs of the locally stored bytes, revoked when they are no longer shown. */
export function useAttachmentUrls(stored: readonly StoredAttachment[]): Map<string, string> {
  const urls = useMemo(() => new Map(stored.map((a) => [a.meta.sha256, URL.createObjectURL(new Blob([a.bytes as BlobPart], { type: a.meta.type }))])), [stored]);
  useEffect(() => () => urls.forEach((url) => URL.revokeObjectURL(url)), [urls]);
  return urls;
}

/** "121.39, 37.52" typed as the place is kept as coordinates too. */
function typedLocation(place: string): CheckIn['location'] {
  const match = /^\s*(-?\d{1,3}(?:\.\d+)?)\s*[,，]\s*(-?\d{1,2}(?:\.\d+)?)\s*$/.exec(place);
  if (!match) return null;
  const lng = Number(match[1]);
  const lat = Number(match[2]);
  return Math.abs(lng) <= 180 && Math.abs(lat) <= 90 ? { lng, lat } : null;
}

function CheckInField({ checkIn, editable, onCheckIn }: { checkIn: CheckIn | null; editable: boolean; onCheckIn: (checkIn: CheckIn) => void }) {
  const { t } = useTranslation();
  const [locating, setLocating] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [place, setPlace] = useState('');

  function checkInNow() {
    const at = nowIsoWithOffset();
    if (!('geolocation' in navigator)) {
      setFailure(t('workbench.locationUnavailable', { reason: 'no geolocation' }));
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating(false);
        setFailure(null);
        onCheckIn({ at, location: { lng: position.coords.longitude, lat: position.coords.latitude }, accuracyM: Math.round(position.coords.accuracy), place: '', source: 'device' });
      },
      // Electron denies the permission, and a laptop often has no fix: the officer types the place instead.
      (error) => {
        setLocating(false);
        setFailure(t('workbench.locationUnavailable', { reason: error.message || `code ${error.code}` }));
      },
      { enableHighAccuracy: true, timeout: 10_000, maximumAge: 60_000 },
    );
  }

  return (
    <Space orientation="vertical" size={4} data-testid="check-in" data-source={checkIn?.source ?? ''}>
      {checkIn && (
        <Space wrap>
          <Typography.Text data-testid="check-in-time">{t('workbench.checkedInAt', { time: formatDateTime(checkIn.at) })}</Typography.Text>
          <Tag icon={<EnvironmentOutlined />} color={checkIn.source === 'device' ? 'blue' : 'default'}>
            {checkIn.source === 'device' ? t('workbench.locationDevice') : t('workbench.locationTyped')}
          </Tag>
          {checkIn.location && <span className="mono">{checkIn.location.lng.toFixed(5)}, {checkIn.location.lat.toFixed(5)}</span>}
          {checkIn.accuracyM !== null && <Typography.Text type="secondary">{t('workbench.accuracy', { meters: checkIn.accuracyM })}</Typography.Text>}
          {checkIn.place && <span>{checkIn.place}</span>}
        </Space>
      )}
      {editable && (
        <Space wrap>
          <Button icon={<EnvironmentOutlined />} loading={locating} data-testid="check-in-now" onClick={checkInNow}>{t('workbench.checkInNow')}</Button>
          <Input
            data-testid="check-in-place"
            style={{ width: 360 }}
            value={place}
            placeholder={t('workbench.placePlaceholder')}
            onChange={(e) => setPlace(e.target.value)}
          />
          <Button
            data-testid="check-in-typed"
            disabled={place.trim() === ''}
            onClick={() => onCheckIn({ at: checkIn?.at ?? nowIsoWithOffset(), location: typedLocation(place), accuracyM: null, place: place.trim(), source: 'typed' })}
          >
            {t('workbench.saveCheckIn')}
          </Button>
        </Space>
      )}
      {failure && <Alert type="warning" showIcon data-testid="check-in-failure" title={failure} />}
    </Space>
  );
}

export function EvidencePanel<R extends WithEvidence>({ section, editable, teamIds, officerName, stored, onEdit, onAdd, onRemove }: EvidencePanelProps<R>) {
  const { t } = useTranslation();
  const urls = useAttachmentUrls(stored);
  const [photoState, setPhotoState] = useState<{ busy: number; error: string | null }>({ busy: 0, error: null });
  const photos = section.attachments.filter((a) => a.kind === 'photo');
  const signatureOf = (kind: SignatureKind): AttachmentMeta | undefined => section.attachments.find((a) => a.kind === kind);

  async function addPhoto(file: File) {
    setPhotoState((s) => ({ ...s, busy: s.busy + 1 }));
    try {
      await onAdd(await preparePhoto(file));
      setPhotoState((s) => ({ busy: s.busy - 1, error: null }));
    } catch (error) {
      setPhotoState((s) => ({ busy: s.busy - 1, error: t('workbench.photoFailed', { message: errorMessage(error) }) }));
    }
  }

  return (
    <Descriptions size="small" column={1} bordered className="evidence-panel" data-testid="evidence-panel" title={t('workbench.evidence')}>
      <Descriptions.Item label={t('workbench.checkIn')}>
        <CheckInField checkIn={section.checkIn} editable={editable} onCheckIn={(checkIn) => onEdit({ ...section, checkIn })} />
      </Descriptions.Item>
      <Descriptions.Item label={t('workbench.teamPresent')}>
        <Checkbox.Group
          data-testid="team-present"
          disabled={!editable}
          value={section.teamPresent}
          options={teamIds.map((id) => ({ value: id, label: <span data-testid={`present-${id}`}>{officerName(id)}</span> }))}
          // Keep the task's order, whatever order the boxes were ticked in.
          onChange={(ids) => onEdit({ ...section, teamPresent: teamIds.filter((id) => ids.includes(id)) })}
        />
      </Descriptions.Item>
      <Descriptions.Item label={t('workbench.representativeName')}>
        {editable ? (
          <Input data-testid="representative-name" style={{ maxWidth: 240 }} maxLength={100} value={section.representativeName} placeholder={t('workbench.representativePlaceholder')} onChange={(e) => onEdit({ ...section, representativeName: e.target.value })} />
        ) : <span data-testid="representative-name">{section.representativeName || '—'}</span>}
      </Descriptions.Item>
      {SIGNATURE_KINDS.map((kind) => {
        const signature = signatureOf(kind);
        const url = signature && urls.get(signature.sha256);
        return (
          <Descriptions.Item key={kind} label={t(`workbench.${kind}`)}>
            <Space align="start" wrap data-testid={`signature-${kind}`} data-signed={String(Boolean(signature))}>
              {signature && (url ? <img src={url} alt={t(`workbench.${kind}`)} className="signature-image" /> : <Tag color="success">✓ {formatDateTime(signature.capturedAt)}</Tag>)}
              {editable && <SignatureField testId={`sign-${kind}`} disabled={!editable} onSign={async (canvas) => onAdd(await prepareSignature(kind, canvas))} />}
            </Space>
          </Descriptions.Item>
        );
      })}
      <Descriptions.Item label={`${t('workbench.photos')} (${photos.length})`}>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <div className="photo-grid" data-testid="photos" data-count={photos.length}>
            {photos.map((photo) => (
              <div key={photo.id} className="photo-thumb" data-testid="photo" data-sha256={photo.sha256}>
                {urls.get(photo.sha256) ? <Image src={urls.get(photo.sha256)} width={120} height={90} style={{ objectFit: 'cover' }} /> : <div className="photo-missing"><CameraOutlined /></div>}
                <Typography.Text type="secondary" className="photo-caption">{t('workbench.capturedAt', { time: formatDateTime(photo.capturedAt) })}</Typography.Text>
                {editable && <Button size="small" type="link" danger icon={<DeleteOutlined />} onClick={() => void onRemove(photo.id)}>{t('workbench.removePhoto')}</Button>}
              </div>
            ))}
          </div>
          {editable && (
            <Upload.Dragger
              accept="image/*"
              multiple
              showUploadList={false}
              data-testid="photo-drop"
              beforeUpload={(file) => {
                void addPhoto(file);
                return Upload.LIST_IGNORE;
              }}
            >
              <p><CameraOutlined /> {t('workbench.addPhotos')}</p>
              <Typography.Text type="secondary">{t('workbench.photosHint')}</Typography.Text>
            </Upload.Dragger>
          )}
          <span data-testid="photo-processing" data-busy={photoState.busy}>{photoState.busy > 0 && t('workbench.processingPhotos')}</span>
          {photoState.error && <Alert type="error" showIcon title={photoState.error} />}
        </Space>
      </Descriptions.Item>
    </Descriptions>
  );
}
