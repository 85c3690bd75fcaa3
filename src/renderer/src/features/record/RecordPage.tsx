// 检查记录表: the whole joint inspection on one printable page: enterprise, time, place, team, every department's
// items and results, result categories, signatures and photo thumbnails. Exported as PDF through the bridge.
import { Fragment, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Button, Space, Typography } from 'antd';
import { FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { districtName } from '@shared/domain/districts';
import { checkInLocationSource, type AttachmentMeta, type InspectionSection } from '@shared/domain/model';
import { resultCategoryLabel } from '@shared/domain/resultCategories';
import { hasRepresentative, officerSignatures, signerOf, type NoRepresentativeCategory } from '@shared/domain/sectionRules';
import { getBridge } from '../../platform/bridge';
import { errorMessage } from '../../platform/errors';
import { formatDateTime } from '../../lib/time';
import { useSignedIn } from '../../state/sessionStore';
import { useTaskDetail } from '../../hooks/useTaskDetail';
import { locationSourceLabel } from '../../components/section/checkIn';
import { useAttachmentUrls } from '../../components/section/EvidencePanel';
import { useAttachmentDownloads } from '../../components/section/useAttachmentDownloads';
import { PageLoading, PageNotFound } from '../../components/PageState';

export default function RecordPage() {
  const { t, i18n } = useTranslation();
  const { taskId = '' } = useParams();
  const { db } = useSignedIn();
  const detail = useTaskDetail(db, taskId);
  const downloads = useAttachmentDownloads(db, detail, { originals: true });
  const urls = useAttachmentUrls(detail?.attachments ?? []);
  const [exported, setExported] = useState<{ ok: boolean; message: string } | null>(null);

  if (detail === undefined) return <PageLoading />;
  if (detail === null) return <PageNotFound title={t('record.notFound')} />;

  const { task, plan, enterprise, sections, checkItems, reference } = detail;
  // Photos whose original left this laptop after the retention period: the thumbnail stands in until it is fetched.
  const thumbnailsOnly = detail.attachments.filter((a) => a.originalDroppedAt !== undefined).length;
  const language = i18n.language === 'en' ? 'en' : 'zh';
  const departmentName = (id: string) => reference.departments.get(id)?.name ?? id;
  const officerName = (id: string) => reference.officers.get(id)?.name ?? id;
  const ordered = [...sections].sort((a, b) => task.departmentIds.indexOf(a.departmentId) - task.departmentIds.indexOf(b.departmentId));
  const checkIns = ordered.flatMap((s) => (s.checkIn ? [s.checkIn] : [])).sort((a, b) => a.at.localeCompare(b.at));
  const present = new Set(ordered.flatMap((s) => s.teamPresent));
  const name = enterprise?.name ?? task.enterpriseId;

  async function exportPdf() {
    try {
      const result = await getBridge().exportRecordPdf(`${t('record.documentName')}-${name}-${task.id}.pdf`.replace(/[/\\:*?"<>|]/g, '_'));
      setExported(result.path ? { ok: true, message: t('record.exported', { path: result.path }) } : null);
    } catch (error) {
      setExported({ ok: false, message: errorMessage(error) });
    }
  }

  const image = (meta: AttachmentMeta, className: string) =>
    urls.get(meta.sha256) ? (
      <img src={urls.get(meta.sha256)} alt={meta.kind} className={className} />
    ) : (
      <span className="mono record-missing">{meta.sha256.slice(0, 12)}…</span>
    );

  const photoList = (photos: readonly AttachmentMeta[], testId: string) => (
    <div className="record-photos" data-testid={testId} data-count={photos.length}>
      {photos.map((photo) => (
        <figure key={photo.id}>
          {image(photo, 'record-photo')}
          <figcaption>
            {formatDateTime(photo.capturedAt)} · <span className="mono">{photo.sha256.slice(0, 12)}</span>
          </figcaption>
        </figure>
      ))}
    </div>
  );

  const sectionBlock = (section: InspectionSection) => {
    const results = new Map(section.itemResults.map((r) => [r.checkItemId, r]));
    const photos = section.attachments.filter((a) => a.kind === 'photo');
    const representativeSignature = section.attachments.find((a) => a.kind === 'representative_signature');
    // Photos of a check item are printed under it; the rest are the section's.
    const sectionPhotos = photos.filter((p) => p.checkItemId === undefined || !section.checkItemIds.includes(p.checkItemId));
    return (
      <section
        key={section.id}
        className="record-section"
        data-testid="record-section"
        data-department-id={section.departmentId}
        data-status={section.status}
      >
        <h3>{departmentName(section.departmentId)}</h3>
        {section.status !== 'completed' && <p className="record-warning">{t('record.notCompleted')}</p>}
        <table className="record-table">
          <thead>
            <tr>
              <th>#</th>
              <th>{t('record.items')}</th>
              <th>{t('record.outcome')}</th>
              <th>{t('record.note')}</th>
            </tr>
          </thead>
          <tbody>
            {section.checkItemIds.map((id, i) => {
              const result = results.get(id);
              const itemPhotos = photos.filter((p) => p.checkItemId === id);
              return (
                <Fragment key={id}>
                  <tr data-testid="record-item" data-check-item-id={id}>
                    <td rowSpan={itemPhotos.length > 0 ? 2 : 1}>{i + 1}</td>
                    <td>{checkItems.get(id)?.title ?? id}</td>
                    <td>
                      {result
                        ? t(
                            `record.${result.outcome === 'compliant' ? 'compliant' : result.outcome === 'non_compliant' ? 'nonCompliant' : 'notApplicable'}`,
                          )
                        : t('record.notRecorded')}
                    </td>
                    <td>{result?.note}</td>
                  </tr>
                  {itemPhotos.length > 0 && (
                    <tr className="record-item-photos">
                      <td colSpan={3}>{photoList(itemPhotos, `record-item-photos-${id}`)}</td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
        <p>
          <strong>
            {t('record.category')}
            {t('common.colon')}
          </strong>
          <span data-testid="record-category">
            {section.resultCategory ? resultCategoryLabel(section.resultCategory, language) : t('record.notRecorded')}
          </span>
        </p>
        {section.findings && (
          <p data-testid="record-findings">
            <strong>
              {t('record.findings')}
              {t('common.colon')}
            </strong>
            {section.findings}
          </p>
        )}
        {!hasRepresentative(section.resultCategory) && section.resultCategory && (
          <p className="record-outcome" data-testid="record-outcome">
            {t(`record.outcomeWords.${section.resultCategory as NoRepresentativeCategory}`)}
            {section.inspectionRefusal &&
              t('record.refusedAt', {
                time: formatDateTime(section.inspectionRefusal.at),
                person: section.inspectionRefusal.person || t('record.personUnknown'),
              })}
          </p>
        )}
        <div className="record-signatures">
          {hasRepresentative(section.resultCategory) && (
            <div className="record-signature" data-testid="record-representative-signature">
              <div>
                {t('record.signature.representative_signature')}
                {section.representativeName ? `（${section.representativeName}）` : ''}
                {t('common.colon')}
              </div>
              {section.signatureRefusal ? (
                <div data-testid="record-signature-refused">
                  <strong>{t('record.signatureRefused')}</strong>
                  {section.signatureRefusal.confirmation && (
                    <div>
                      {t(`record.refusalConfirmed.${section.signatureRefusal.confirmation.method}`, {
                        name: officerName(section.signatureRefusal.confirmation.officerId),
                        time: formatDateTime(section.signatureRefusal.confirmation.at),
                      })}
                    </div>
                  )}
                </div>
              ) : representativeSignature ? (
                image(representativeSignature, 'record-signature-image')
              ) : (
                <span className="record-blank" />
              )}
            </div>
          )}
          {officerSignatures(section).map((signature) => {
            const signer = signerOf(signature, section.completedBy);
            return (
              <div key={signature.id} className="record-signature" data-testid="record-officer-signature" data-officer-id={signer ?? ''}>
                <div>
                  {t('record.signature.officer_signature')}
                  {t('common.colon')}
                </div>
                {image(signature, 'record-signature-image')}
                <div>
                  {signer ? officerName(signer) : ''} {formatDateTime(signature.capturedAt)}
                  {signature.attestation && `（${t(`record.attested.${signature.attestation.method}`)}）`}
                </div>
              </div>
            );
          })}
        </div>
        {section.status === 'completed' && section.completedBy && section.completedAt && (
          <p className="record-completed">
            {t('record.completedBy', { name: officerName(section.completedBy), time: formatDateTime(section.completedAt) })}
          </p>
        )}
        {sectionPhotos.length > 0 && photoList(sectionPhotos, 'record-section-photos')}
      </section>
    );
  };

  return (
    <Space orientation="vertical" size="middle" className="task-page">
      <Space className="no-print" wrap>
        <Link to={`/tasks/${encodeURIComponent(task.id)}`}>{t('common.backToTasks')}</Link>
        <Button type="primary" icon={<FilePdfOutlined />} data-testid="export-pdf" onClick={() => void exportPdf()}>
          {t('record.export')}
        </Button>
        <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
          {t('record.print')}
        </Button>
        {exported && <Alert type={exported.ok ? 'success' : 'error'} showIcon title={exported.message} data-testid="export-result" />}
      </Space>
      {thumbnailsOnly > 0 && (
        <Alert
          className="no-print"
          type={downloads === 'failed' ? 'warning' : 'info'}
          showIcon
          data-testid="record-originals"
          data-count={thumbnailsOnly}
          title={t(downloads === 'failed' ? 'record.originalsUnavailable' : 'record.originalsFetching', { count: thumbnailsOnly })}
        />
      )}
      <article
        className="inspection-record"
        data-testid="inspection-record"
        data-attachment-downloads={downloads}
        lang={language === 'zh' ? 'zh-CN' : 'en'}
      >
        <h1>{t('record.title')}</h1>
        {plan && <p className="record-plan">{plan.name}</p>}
        <table className="record-table record-head">
          <tbody>
            <tr>
              <th>{t('record.enterprise')}</th>
              <td colSpan={3} data-testid="record-enterprise">
                {name}
              </td>
            </tr>
            <tr>
              <th>{t('record.uscc')}</th>
              <td className="mono">{task.enterpriseId}</td>
              <th>{t('record.district')}</th>
              <td>{enterprise ? (districtName(enterprise.districtCode) ?? enterprise.districtCode) : ''}</td>
            </tr>
            {enterprise && (
              <tr>
                <th>{t('record.address')}</th>
                <td colSpan={3}>{enterprise.address}</td>
              </tr>
            )}
            <tr>
              <th>{t('record.time')}</th>
              <td>{checkIns[0] ? formatDateTime(checkIns[0].at) : t('record.notRecorded')}</td>
              <th>{t('record.place')}</th>
              <td data-testid="record-place" data-location-source={checkIns[0] ? checkInLocationSource(checkIns[0]) : ''}>
                {checkIns[0]
                  ? `${[checkIns[0].place, checkIns[0].location && `${checkIns[0].location.lng.toFixed(5)}, ${checkIns[0].location.lat.toFixed(5)}`].filter(Boolean).join(' · ')}（${t(locationSourceLabel(checkIns[0]))}）`
                  : t('record.notRecorded')}
              </td>
            </tr>
            <tr>
              <th>{t('record.team')}</th>
              <td colSpan={3}>
                {task.officerIds
                  .map(
                    (id) =>
                      `${officerName(id)}（${departmentName(reference.officers.get(id)?.departmentId ?? '')}）${present.has(id) ? ' ✓' : ''}`,
                  )
                  .join('、')}
              </td>
            </tr>
          </tbody>
        </table>
        {ordered.map(sectionBlock)}
        <Typography.Text type="secondary" className="record-printed">
          {t('record.printedAt', { time: formatDateTime(new Date().toISOString()) })}
        </Typography.Text>
      </article>
    </Space>
  );
}
