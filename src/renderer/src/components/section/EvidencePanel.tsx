// The evidence of the visit in a section: check-in, officers present, the enterprise representative, signatures, photos.
import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Checkbox, Descriptions, Input, Space, Tag, Typography } from 'antd';
import { AimOutlined, EnvironmentOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  checkInLocationSource,
  type AttachmentMeta,
  type Attestation,
  type CheckIn,
  type CheckInLocationSource,
  type EvidenceField,
  type GeoPoint,
  type InspectionSection,
} from '@shared/domain/model';
import { hasRepresentative, officerSignatures, signerOf } from '@shared/domain/sectionRules';
import type { StoredAttachment } from '../../data/db';
import { formatDateTime, nowIsoWithOffset } from '../../lib/time';
import { CheckInMapPicker } from './CheckInMapPicker';
import { deviceCheckIn, locationSourceLabel, mapCheckIn, typedCheckIn } from './checkIn';
import { PhotoGallery } from './PhotoGallery';
import { preparePhoto, prepareSignature, type PreparedAttachment } from './evidence';
import { SignatureField, type SavedSignature } from './SignatureField';
import { useAttestation } from './useAttestation';
import { confirmRefusalHere, refusalConfirmedElsewhere } from './attest';

/** The evidence fields, shared by a section and the correction of a returned section. */
type WithEvidence = Pick<InspectionSection, EvidenceField | 'resultCategory' | 'completedBy' | 'status'>;

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
  /** The officer signed in on this device: they sign without an attestation. */
  officerId: string;
  taskId: string;
  departmentId: string;
  /** The task's officers of the section's department: each one present signs the section. */
  departmentOfficerIds: readonly string[];
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
  officerId,
  taskId,
  departmentId,
  departmentOfficerIds,
  refused,
}: EvidencePanelProps<R>) {
  const { t } = useTranslation();
  const attestation = useAttestation(taskId, officerName);
  // Photos of the whole section; those of a check item are shown under the item.
  const photos = section.attachments.filter((a) => a.kind === 'photo' && a.checkItemId === undefined);
  const representative = hasRepresentative(section.resultCategory);
  const refusal = section.signatureRefusal;
  const representativeSignature = section.attachments.find((a) => a.kind === 'representative_signature');
  const saved = (meta: AttachmentMeta | undefined): SavedSignature | null =>
    meta ? { url: urls.get(meta.sha256), capturedAt: meta.capturedAt } : null;

  // Who signs as an officer: the officer recording (when editing), every officer of the department present, and
  // anyone who already signed; in the task's order, the recording officer first.
  const signatures = officerSignatures(section);
  const signerOfSignature = (meta: AttachmentMeta) => signerOf(meta, section.completedBy);
  const signers = [
    ...new Set([
      ...(editable ? [officerId] : []),
      ...teamIds.filter((id) => departmentOfficerIds.includes(id) && section.teamPresent.includes(id)),
      ...signatures.flatMap((meta) => signerOfSignature(meta) ?? []),
    ]),
  ];
  const signatureOf = (signer: string) => signatures.find((meta) => signerOfSignature(meta) === signer);
  /** Own signature; another officer's is theirs only once they confirmed with their own credentials (false: cancelled). */
  async function signAs(signer: string, canvas: HTMLCanvasElement): Promise<boolean> {
    const prepared = await prepareSignature('officer_signature', canvas);
    let meta: AttachmentMeta = { ...prepared.meta, signedBy: signer };
    if (signer !== officerId) {
      const vouched = await attestation.ask(signer, 'officer_signature', prepared.meta.sha256);
      if (!vouched) return false;
      meta = { ...meta, attestation: vouched };
    }
    const previous = signatureOf(signer);
    if (previous) await onRemove(previous.id);
    await onAdd({ ...prepared, meta });
    return true;
  }
  const signRepresentative = async (canvas: HTMLCanvasElement) => {
    const prepared = await prepareSignature('representative_signature', canvas);
    if (representativeSignature) await onRemove(representativeSignature.id);
    await onAdd(prepared);
  };
  // A second officer present confirms the refusal with their own credentials on this laptop.
  const confirmers = teamIds.filter((id) => id !== officerId && section.teamPresent.includes(id));
  async function confirmRefusal(confirmer: string) {
    if (!refusal) return;
    const vouched = await attestation.ask(confirmer, 'signature_refusal', departmentId);
    if (vouched) onEdit({ ...section, signatureRefusal: { ...refusal, confirmation: vouched } });
  }
  // A refusal to sign may also be confirmed by the other officer on their own device, in this section as they see it.
  const [elsewhere, setElsewhere] = useState<'idle' | 'busy' | 'none' | 'done' | 'failed'>('idle');
  const mayConfirmHere =
    !editable && !!refusal && !refusal.confirmation && section.status === 'draft' && section.teamPresent.includes(officerId);
  async function lookElsewhere(action: () => Promise<void>) {
    setElsewhere('busy');
    try {
      await action();
    } catch {
      setElsewhere('failed');
    }
  }
  const fetchConfirmation = () =>
    lookElsewhere(async () => {
      const found = await refusalConfirmedElsewhere(taskId, departmentId, officerId, section.teamPresent);
      if (found && refusal) onEdit({ ...section, signatureRefusal: { ...refusal, confirmation: found } });
      setElsewhere(found ? 'done' : 'none');
    });
  const confirmHere = () =>
    lookElsewhere(async () => {
      await confirmRefusalHere(taskId, departmentId);
      setElsewhere('done');
    });
  const attested = (a: Attestation) =>
    t(`components.section.attestedBy.${a.method}`, { name: officerName(a.officerId), time: formatDateTime(a.at) });

  return (
    <>
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
        <Descriptions.Item label={t('components.section.findings')}>
          {editable ? (
            <Input.TextArea
              data-testid="findings"
              value={section.findings}
              maxLength={2000}
              autoSize={{ minRows: 2, maxRows: 6 }}
              status={!representative && section.findings.trim() === '' ? 'warning' : undefined}
              placeholder={t(representative ? 'components.section.findingsPlaceholder' : 'components.section.findingsRequired')}
              onChange={(e) => onEdit({ ...section, findings: e.target.value })}
            />
          ) : (
            <span data-testid="findings">{section.findings || '—'}</span>
          )}
        </Descriptions.Item>
        {(section.resultCategory === 'refused_inspection' || section.inspectionRefusal) && (
          <Descriptions.Item label={t('components.section.inspectionRefusal')}>
            <Space wrap data-testid="inspection-refusal" data-recorded={String(Boolean(section.inspectionRefusal))}>
              {section.inspectionRefusal && (
                <Typography.Text data-testid="inspection-refusal-time">
                  {t('components.section.refusedAt', { time: formatDateTime(section.inspectionRefusal.at) })}
                </Typography.Text>
              )}
              {editable ? (
                <>
                  <Button
                    size="small"
                    data-testid="inspection-refusal-now"
                    onClick={() =>
                      onEdit({ ...section, inspectionRefusal: { at: nowIsoWithOffset(), person: section.inspectionRefusal?.person ?? '' } })
                    }
                  >
                    {t('components.section.refusedNow')}
                  </Button>
                  <Input
                    data-testid="inspection-refusal-person"
                    style={{ width: 240 }}
                    maxLength={100}
                    disabled={!section.inspectionRefusal}
                    value={section.inspectionRefusal?.person ?? ''}
                    placeholder={t('components.section.refusedByPlaceholder')}
                    onChange={(e) =>
                      section.inspectionRefusal &&
                      onEdit({ ...section, inspectionRefusal: { ...section.inspectionRefusal, person: e.target.value } })
                    }
                  />
                </>
              ) : (
                section.inspectionRefusal?.person && (
                  <span>{t('components.section.refusedBy', { name: section.inspectionRefusal.person })}</span>
                )
              )}
            </Space>
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('components.section.representativeName')}>
          {!representative ? (
            <Typography.Text type="secondary" data-testid="no-representative">
              {t('components.section.noRepresentative')}
            </Typography.Text>
          ) : editable ? (
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
        {representative && (
          <Descriptions.Item label={t('components.section.signature.representative_signature')}>
            <Space
              orientation="vertical"
              data-testid="signature-representative_signature"
              data-signed={String(Boolean(representativeSignature))}
              data-refused={String(Boolean(refusal))}
              data-confirmed={String(Boolean(refusal?.confirmation))}
            >
              {refusal ? (
                <Space wrap>
                  <Tag color="orange" data-testid="signature-refused">
                    {t('components.section.signatureRefused')}
                  </Tag>
                  {refusal.confirmation ? (
                    <Typography.Text data-testid="signature-refusal-confirmation">{attested(refusal.confirmation)}</Typography.Text>
                  ) : (
                    <Typography.Text type="warning">{t('components.section.refusalUnconfirmed')}</Typography.Text>
                  )}
                  {editable &&
                    !refusal.confirmation &&
                    confirmers.map((id) => (
                      <Button key={id} size="small" data-testid={`confirm-refusal-${id}`} onClick={() => void confirmRefusal(id)}>
                        {t('components.section.confirmRefusalAs', { name: officerName(id) })}
                      </Button>
                    ))}
                  {editable && !refusal.confirmation && (
                    <Button
                      size="small"
                      data-testid="fetch-refusal-confirmation"
                      loading={elsewhere === 'busy'}
                      onClick={() => void fetchConfirmation()}
                    >
                      {t('components.section.fetchConfirmation')}
                    </Button>
                  )}
                  {mayConfirmHere && elsewhere !== 'done' && (
                    <Button
                      size="small"
                      type="primary"
                      data-testid="confirm-refusal-here"
                      loading={elsewhere === 'busy'}
                      onClick={() => void confirmHere()}
                    >
                      {t('components.section.confirmRefusalHere')}
                    </Button>
                  )}
                  {elsewhere === 'done' && !editable && (
                    <Typography.Text type="success" data-testid="refusal-confirmed-here">
                      {t('components.section.refusalConfirmedHere')}
                    </Typography.Text>
                  )}
                  {elsewhere === 'none' && <Typography.Text type="secondary">{t('components.section.noConfirmationYet')}</Typography.Text>}
                  {elsewhere === 'failed' && <Typography.Text type="danger">{t('components.section.confirmationFailed')}</Typography.Text>}
                  {editable && confirmers.length === 0 && !refusal.confirmation && (
                    <Typography.Text type="secondary">{t('components.section.refusalNeedsPresent')}</Typography.Text>
                  )}
                  {editable && (
                    <Button size="small" data-testid="undo-refusal" onClick={() => onEdit({ ...section, signatureRefusal: null })}>
                      {t('components.section.undoRefusal')}
                    </Button>
                  )}
                </Space>
              ) : (
                <>
                  <SignatureField
                    testId="sign-representative_signature"
                    disabled={!editable}
                    saved={saved(representativeSignature)}
                    label={t('components.section.signature.representative_signature')}
                    onSign={signRepresentative}
                  />
                  {!representativeSignature && !editable && <Typography.Text type="secondary">—</Typography.Text>}
                  {editable && !representativeSignature && (
                    <Button
                      size="small"
                      danger
                      data-testid="refuse-signature"
                      onClick={() => onEdit({ ...section, signatureRefusal: { markedAt: nowIsoWithOffset(), confirmation: null } })}
                    >
                      {t('components.section.refuseSignature')}
                    </Button>
                  )}
                </>
              )}
            </Space>
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('components.section.signature.officer_signature')}>
          <Space orientation="vertical" data-testid="officer-signatures" data-count={signatures.length}>
            {signers.map((signer) => {
              const meta = signatureOf(signer);
              const own = signer === officerId;
              return (
                <Space
                  key={signer}
                  align="start"
                  wrap
                  data-testid={own && editable ? 'signature-officer_signature' : `signature-officer-${signer}`}
                  data-officer-id={signer}
                  data-signed={String(Boolean(meta))}
                >
                  <Typography.Text strong className="signer-name">
                    {officerName(signer)}
                  </Typography.Text>
                  <SignatureField
                    testId={own ? 'sign-officer_signature' : `sign-officer-${signer}`}
                    disabled={!editable}
                    saved={saved(meta)}
                    label={officerName(signer)}
                    onSign={(canvas) => signAs(signer, canvas)}
                  />
                  {meta?.attestation && <Typography.Text type="secondary">{attested(meta.attestation)}</Typography.Text>}
                  {!meta && !editable && <Typography.Text type="secondary">{t('components.section.notSigned')}</Typography.Text>}
                </Space>
              );
            })}
          </Space>
        </Descriptions.Item>
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
      {attestation.modal}
    </>
  );
}
