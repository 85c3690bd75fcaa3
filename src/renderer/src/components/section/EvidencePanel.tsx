// The evidence of the visit in a section: check-in, officers present, the enterprise representative, signatures, photos.
import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Checkbox, Descriptions, Input, Space, Tag, Typography } from 'antd';
import { AimOutlined, EnvironmentOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  checkInLocationSource,
  type AttachmentMeta,
  type CheckIn,
  type CheckInLocationSource,
  type EvidenceField,
  type GeoPoint,
  type InspectionSection,
} from '@shared/domain/model';
import { SIGNATURE_KINDS, type SignatureKind } from '@shared/domain/sectionRules';
import type { StoredAttachment } from '../../data/db';
import { formatDateTime, nowIsoWithOffset } from '../../lib/time';
import { CheckInMapPicker } from './CheckInMapPicker';
import { deviceCheckIn, locationSourceLabel, mapCheckIn, typedCheckIn } from './checkIn';
import { PhotoGallery } from './PhotoGallery';
import { preparePhoto, prepareSignature, type PreparedAttachment } from './evidence';
import { SignatureField } from './SignatureField';

/** The evidence fields, shared by a section and the correction of a returned section. */
type WithEvidence = Pick<InspectionSection, EvidenceField>;

export interface EvidencePanelProps<R extends WithEvidence> {
  section: R;
  editable: boolean;
  teamIds: readonly string[];
  /** The enterprise's registered location, where the map for picking the check-in place opens. */
  enterpriseLocation: GeoPoint | null;
  officerName: (id: string) => string;
  /** Object URLs of the attachments on this machine, by sha256 (useAttachmentUrls). */
  urls: ReadonlyMap<string, string>;
  onEdit: (next: R) => void;
  onAdd: (prepared: PreparedAttachment) => Promise<void>;
  onRemove: (attachmentId: string) => Promise<void>;
  /** Attachments the endpoint refused, by sha256, with its reason. */
  refused: ReadonlyMap<string, string>;
}

/** Object URLs of the locally stored bytes, revoked when they are no longer shown. */
export function useAttachmentUrls(stored: readonly StoredAttachment[]): Map<string, string> {
  const urls = useMemo(
    () => new Map(stored.map((a) => [a.meta.sha256, URL.createObjectURL(new Blob([a.bytes as BlobPart], { type: a.meta.type }))])),
    [stored],
  );
  useEffect(() => () => urls.forEach((url) => URL.revokeObjectURL(url)), [urls]);
  return urls;
}

const SOURCE_COLOURS: Record<CheckInLocationSource, string> = { device: 'blue', map: 'green', typed: 'default' };

interface CheckInFieldProps {
  checkIn: CheckIn | null;
  editable: boolean;
  /** Where the map for picking the place opens: the enterprise's registered location, when known. */
  enterpriseLocation: GeoPoint | null;
  onCheckIn: (checkIn: CheckIn) => void;
}

function CheckInField({ checkIn, editable, enterpriseLocation, onCheckIn }: CheckInFieldProps) {
  const { t } = useTranslation();
  const [locating, setLocating] = useState(false);
  const [picking, setPicking] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [place, setPlace] = useState('');

  function checkInNow() {
    const at = nowIsoWithOffset();
    if (!('geolocation' in navigator)) {
      setFailure(t('components.section.locationUnavailable', { reason: 'no geolocation' }));
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating(false);
        setFailure(null);
        onCheckIn(deviceCheckIn(at, { lng: position.coords.longitude, lat: position.coords.latitude }, position.coords.accuracy));
      },
      // Electron denies the permission, and a laptop often has no fix: the officer picks or types the place instead.
      (error) => {
        setLocating(false);
        setFailure(t('components.section.locationUnavailable', { reason: error.message || `code ${error.code}` }));
      },
      { enableHighAccuracy: true, timeout: 10_000, maximumAge: 60_000 },
    );
  }

  return (
    <Space
      orientation="vertical"
      size={4}
      data-testid="check-in"
      data-source={checkIn?.source ?? ''}
      data-location-source={checkIn ? checkInLocationSource(checkIn) : ''}
    >
      {checkIn && (
        <Space wrap>
          <Typography.Text data-testid="check-in-time">
            {t('components.section.checkedInAt', { time: formatDateTime(checkIn.at) })}
          </Typography.Text>
          <Tag icon={<EnvironmentOutlined />} color={SOURCE_COLOURS[checkInLocationSource(checkIn)]} data-testid="check-in-source">
            {t(locationSourceLabel(checkIn))}
          </Tag>
          {checkIn.location && (
            <span className="mono">
              {checkIn.location.lng.toFixed(5)}, {checkIn.location.lat.toFixed(5)}
            </span>
          )}
          {checkIn.accuracyM !== null && (
            <Typography.Text type="secondary">{t('components.section.accuracy', { meters: checkIn.accuracyM })}</Typography.Text>
          )}
          {checkIn.place && <span>{checkIn.place}</span>}
        </Space>
      )}
      {editable && (
        <Space wrap>
          <Button icon={<EnvironmentOutlined />} loading={locating} data-testid="check-in-now" onClick={checkInNow}>
            {t('components.section.checkInNow')}
          </Button>
          <Input
            data-testid="check-in-place"
            style={{ width: 360 }}
            value={place}
            placeholder={t('components.section.placePlaceholder')}
            onChange={(e) => setPlace(e.target.value)}
          />
          <Button
            data-testid="check-in-typed"
            disabled={place.trim() === ''}
            onClick={() => onCheckIn(typedCheckIn(checkIn?.at ?? nowIsoWithOffset(), place))}
          >
            {t('components.section.saveCheckIn')}
          </Button>
          <Button icon={<AimOutlined />} data-testid="check-in-pick-map" onClick={() => setPicking(true)}>
            {t('components.section.pickOnMap')}
          </Button>
        </Space>
      )}
      <CheckInMapPicker
        open={picking}
        centre={enterpriseLocation}
        initial={checkIn?.location ?? null}
        onCancel={() => setPicking(false)}
        onConfirm={(point) => {
          setPicking(false);
          // The place described in the field, if any, goes with the point.
          onCheckIn(mapCheckIn(checkIn?.at ?? nowIsoWithOffset(), point, place));
        }}
      />
      {failure && <Alert type="warning" showIcon data-testid="check-in-failure" title={failure} />}
    </Space>
  );
}

export function EvidencePanel<R extends WithEvidence>({
  section,
  editable,
  teamIds,
  enterpriseLocation,
  officerName,
  urls,
  onEdit,
  onAdd,
  onRemove,
  refused,
}: EvidencePanelProps<R>) {
  const { t } = useTranslation();
  // Photos of the whole section; those of a check item are shown under the item.
  const photos = section.attachments.filter((a) => a.kind === 'photo' && a.checkItemId === undefined);
  const signatureOf = (kind: SignatureKind): AttachmentMeta | undefined => section.attachments.find((a) => a.kind === kind);

  return (
    <Descriptions
      size="small"
      column={1}
      bordered
      className="evidence-panel"
      data-testid="evidence-panel"
      title={t('components.section.evidence')}
    >
      <Descriptions.Item label={t('components.section.checkIn')}>
        <CheckInField
          checkIn={section.checkIn}
          editable={editable}
          enterpriseLocation={enterpriseLocation}
          onCheckIn={(checkIn) => onEdit({ ...section, checkIn })}
        />
      </Descriptions.Item>
      <Descriptions.Item label={t('components.section.teamPresent')}>
        <Checkbox.Group
          data-testid="team-present"
          disabled={!editable}
          value={section.teamPresent}
          options={teamIds.map((id) => ({ value: id, label: <span data-testid={`present-${id}`}>{officerName(id)}</span> }))}
          // Keep the task's order, whatever order the boxes were ticked in.
          onChange={(ids) => onEdit({ ...section, teamPresent: teamIds.filter((id) => ids.includes(id)) })}
        />
      </Descriptions.Item>
      <Descriptions.Item label={t('components.section.representativeName')}>
        {editable ? (
          <Input
            data-testid="representative-name"
            style={{ maxWidth: 240 }}
            maxLength={100}
            value={section.representativeName}
            placeholder={t('components.section.representativePlaceholder')}
            onChange={(e) => onEdit({ ...section, representativeName: e.target.value })}
          />
        ) : (
          <span data-testid="representative-name">{section.representativeName || '—'}</span>
        )}
      </Descriptions.Item>
      {SIGNATURE_KINDS.map((kind) => {
        const signature = signatureOf(kind);
        const url = signature && urls.get(signature.sha256);
        return (
          <Descriptions.Item key={kind} label={t(`components.section.signature.${kind}`)}>
            <Space align="start" wrap data-testid={`signature-${kind}`} data-signed={String(Boolean(signature))}>
              {signature &&
                (url ? (
                  <img src={url} alt={t(`components.section.signature.${kind}`)} className="signature-image" />
                ) : (
                  <Tag color="success">✓ {formatDateTime(signature.capturedAt)}</Tag>
                ))}
              {editable && (
                <SignatureField
                  testId={`sign-${kind}`}
                  disabled={!editable}
                  onSign={async (canvas) => onAdd(await prepareSignature(kind, canvas))}
                />
              )}
            </Space>
          </Descriptions.Item>
        );
      })}
      <Descriptions.Item label={`${t('components.section.photos')} (${photos.length})`}>
        <PhotoGallery
          photos={photos}
          urls={urls}
          editable={editable}
          testId="photos"
          onAdd={async (file) => onAdd(await preparePhoto(file))}
          onRemove={onRemove}
          refused={refused}
        />
      </Descriptions.Item>
    </Descriptions>
  );
}
