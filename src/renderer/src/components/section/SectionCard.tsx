// One department's part of a task (or the correction of it) as a card: check items, evidence, result category and
// completion. The draft and its saving are useSectionDraft's, keyboard entry is useItemKeys'.
import { useRef } from 'react';
import { Alert, App, Button, Card, Input, Radio, Select, Space, Tag, Typography, type ButtonProps } from 'antd';
import {
  CheckCircleOutlined,
  CloudOutlined,
  SafetyCertificateOutlined,
  CloudUploadOutlined,
  ExclamationCircleOutlined,
  LaptopOutlined,
  LockOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { CheckItem, GeoPoint, ItemOutcome } from '@shared/domain/model';
import { RESULT_CATEGORIES, checkCategoryConsistency, resultCategoryLabel, type ResultCategory } from '@shared/domain/resultCategories';
import type { CompletionContext, SectionProblem } from '@shared/domain/sectionRules';
import type { OneVisitDb, OutboxEntry, StoredAttachment } from '../../data/db';
import type { SectionSyncInfo, SectionSyncState, WritableRecord } from '../../data/sectionsRepository';
import { formatDateTime } from '../../lib/time';
import { useItemChange } from '../../hooks/liveQueries';
import { failureText } from '../failureText';
import { ProblemsAlert } from '../ProblemsAlert';
import { setItemNote, setItemOutcome, setResultCategory } from './sectionEdit';
import { ConflictPanel } from './ConflictPanel';
import { EvidencePanel, useAttachmentUrls } from './EvidencePanel';
import { PhotoGallery } from './PhotoGallery';
import { OriginalsContext, useOriginals } from './originals';
import { preparePhoto } from './evidence';
import { useItemKeys } from './useItemKeys';
import { TaskStatusTag } from '../TaskStatusTag';
import { sectionStage } from '@shared/domain/taskStatus';
import { useSectionDraft } from './useSectionDraft';

const OUTCOMES: { value: ItemOutcome; key: string }[] = [
  { value: 'compliant', key: 'components.section.compliant' },
  { value: 'non_compliant', key: 'components.section.nonCompliant' },
  { value: 'not_applicable', key: 'components.section.notApplicable' },
];

const SYNC_TAG: Record<SectionSyncState, { color: string; icon: React.ReactNode }> = {
  saved_locally: { color: 'default', icon: <LaptopOutlined /> },
  queued: { color: 'processing', icon: <CloudUploadOutlined /> },
  on_server: { color: 'success', icon: <CloudOutlined /> },
  attachments_verified: { color: 'success', icon: <SafetyCertificateOutlined /> },
  conflict: { color: 'warning', icon: <WarningOutlined /> },
  rejected: { color: 'error', icon: <ExclamationCircleOutlined /> },
};

export interface SectionCardProps {
  db: OneVisitDb;
  /** A section, or (with collection 'corrections') the correction of a returned section. */
  stored: WritableRecord;
  collection?: 'sections' | 'corrections';
  /** Shown above the items, e.g. the supervisor's reason for returning the section. */
  banner?: React.ReactNode;
  syncInfo: SectionSyncInfo;
  editable: boolean;
  departmentName: string;
  isOwnDepartment: boolean;
  checkItems: Map<string, CheckItem>;
  officerId: string;
  officerName: (id: string) => string;
  /** The task's team, who may be recorded as present. */
  teamIds: readonly string[];
  /** The team's officers of this section's department: each one present signs it. */
  departmentOfficerIds: readonly string[];
  /** The enterprise's registered location, where the map for picking the check-in place opens (editable sections). */
  enterpriseLocation?: GeoPoint | null;
  /** Attachment bytes of this section (or correction) stored on this machine. */
  attachments: readonly StoredAttachment[];
  /** The outbox entry held for the officer (a conflict, or a refusal), if any: the conflict panel settles a conflict. */
  held?: OutboxEntry;
}

export function SectionCard({
  db,
  stored,
  collection = 'sections',
  banner,
  syncInfo,
  editable,
  departmentName,
  isOwnDepartment,
  checkItems,
  officerId,
  officerName,
  teamIds,
  departmentOfficerIds,
  enterpriseLocation,
  attachments,
  held,
}: SectionCardProps) {
  const { t, i18n } = useTranslation();
  const { modal } = App.useApp();
  const problemsRef = useRef<HTMLDivElement>(null);
  const context: CompletionContext = { officerId, departmentOfficerIds };
  const {
    draft,
    current,
    autosave,
    problems,
    check,
    edit,
    attach,
    detach,
    complete,
    retrySave,
    resolveConflict,
    sendAgain,
    dismissItemChange,
  } = useSectionDraft(db, stored, collection, context);
  const { itemList, onItemKey, onNoteKey } = useItemKeys(editable, current, edit);
  const itemChange = useItemChange(db, stored.id);
  const urls = useAttachmentUrls(attachments);
  const originals = useOriginals(db, stored, attachments);
  const refused = new Map(attachments.flatMap((a) => (a.error === null ? [] : [[a.meta.sha256, a.error] as const])));

  const language = i18n.language === 'en' ? 'en' : 'zh';
  const itemTitle = (id: string) => checkItems.get(id)?.title ?? id;
  const describe = (p: SectionProblem) => {
    const key =
      p.code === 'signature_missing' ? `components.section.problems.signature_missing_${p.kind}` : `components.section.problems.${p.code}`;
    return t(key, {
      item: 'checkItemId' in p ? itemTitle(p.checkItemId) : '',
      present: 'present' in p ? p.present : 0,
      name: 'officerId' in p && p.officerId ? officerName(p.officerId) : '',
    });
  };

  // Problems are shown beside the button and brought into view; a valid section is locked only once the officer
  // confirmed, told what will lock.
  function requestCompletion() {
    if (check().length > 0) {
      requestAnimationFrame(() => problemsRef.current?.scrollIntoView({ block: 'center', behavior: 'smooth' }));
      return;
    }
    const record = current();
    const signatures = record.attachments.filter((a) => a.kind !== 'photo').length;
    modal.confirm({
      title: t('components.section.confirmComplete.title', { department: departmentName }),
      content: (
        <div data-testid="complete-confirm-content">
          <Typography.Paragraph>{t('components.section.confirmComplete.locks')}</Typography.Paragraph>
          <ul>
            <li>{t('components.section.confirmComplete.items', { count: record.itemResults.length })}</li>
            <li>
              {t('components.section.confirmComplete.category', {
                category: record.resultCategory ? resultCategoryLabel(record.resultCategory, language) : '—',
              })}
            </li>
            <li>
              {t('components.section.confirmComplete.evidence', {
                count: signatures,
                photos: t('components.section.confirmComplete.photos', { count: record.attachments.length - signatures }),
              })}
            </li>
          </ul>
          <Typography.Paragraph type="secondary">{t('components.section.confirmComplete.after')}</Typography.Paragraph>
        </div>
      ),
      okText: t('components.section.confirmComplete.ok'),
      okButtonProps: { 'data-testid': 'complete-confirm' } as ButtonProps,
      cancelButtonProps: { 'data-testid': 'complete-cancel' } as ButtonProps,
      onOk: () => complete(),
    });
  }
  const shown = editable ? draft : stored;
  const results = new Map(shown.itemResults.map((r) => [r.checkItemId, r]));
  const tag = SYNC_TAG[syncInfo.state];
  const syncLabel =
    syncInfo.state === 'attachments_verified'
      ? t('components.section.syncAttachmentsVerified')
      : t(`components.section.syncState.${syncInfo.state}`, {
          version: syncInfo.serverVersion ?? '?',
          reason: syncInfo.errors?.join('；') ?? '',
        });
  const waiting = attachments.filter((a) => a.state === 'pending').length;
  const hasNonCompliant = shown.itemResults.some((r) => r.outcome === 'non_compliant');
  const consistency = shown.resultCategory ? checkCategoryConsistency(shown.resultCategory, hasNonCompliant) : { ok: true as const };

  // The galleries (here and in the evidence panel) fetch a dropped original for the full view.
  const card = (
    <Card
      data-testid={collection === 'sections' ? 'section-card' : 'correction-card'}
      data-department-id={stored.departmentId}
      data-section-id={stored.id}
      data-status={stored.status}
      data-editable={String(editable)}
      data-sync-state={syncInfo.state}
      className={`section-card ${isOwnDepartment ? 'own-section' : ''}`}
      title={
        <Space>
          {collection === 'corrections' && <Tag color="orange">{t('components.section.correction')}</Tag>}
          <span>{departmentName}</span>
          {isOwnDepartment && <Tag color="blue">{t('components.section.yourSection')}</Tag>}
          {!editable && <Tag icon={<LockOutlined />}>{t('components.section.readOnly')}</Tag>}
        </Space>
      }
      extra={
        <Space>
          <TaskStatusTag status={sectionStage(shown)} testId="section-stage" />
          <Tag color={tag.color} icon={tag.icon} data-testid="section-sync-state">
            {syncLabel}
          </Tag>
          {waiting > 0 && (
            <Tag color="warning" data-testid="attachments-waiting" data-count={waiting}>
              {t('components.section.attachmentsWaiting', { count: waiting })}
            </Tag>
          )}
          {syncInfo.attachments && waiting === 0 && (
            <Tag data-testid="attachments-verified" data-verified={syncInfo.attachments.verified} data-total={syncInfo.attachments.total}>
              {t('components.section.attachmentsVerified', { ...syncInfo.attachments })}
            </Tag>
          )}
        </Space>
      }
    >
      {banner}
      {itemChange && collection === 'sections' && (
        <Alert
          type="info"
          showIcon
          data-testid="items-changed"
          style={{ marginBottom: 16 }}
          title={t('components.section.itemsChanged.title')}
          description={
            <>
              {itemChange.added.length > 0 && (
                <div data-testid="items-added">
                  {t('components.section.itemsChanged.added', { items: itemChange.added.map(itemTitle).join('、') })}
                </div>
              )}
              {itemChange.removed.length > 0 && (
                <div data-testid="items-removed">
                  {t('components.section.itemsChanged.removed', { items: itemChange.removed.map(itemTitle).join('、') })}
                </div>
              )}
              {shown.checkItemIds.some((id) => checkItems.get(id)?.retiredAt) && <div>{t('components.section.itemsChanged.kept')}</div>}
            </>
          }
          action={
            <Button size="small" data-testid="items-changed-dismiss" onClick={() => void dismissItemChange()}>
              {t('components.section.itemsChanged.dismiss')}
            </Button>
          }
        />
      )}
      {syncInfo.state === 'conflict' && held?.hold === 'conflict' && (
        <ConflictPanel
          record={stored}
          entry={held}
          checkItems={checkItems}
          officerName={officerName}
          describeProblem={describe}
          onResolve={resolveConflict}
          urls={urls}
        />
      )}
      {syncInfo.state === 'rejected' && (
        <Alert
          type="error"
          showIcon
          title={syncLabel}
          style={{ marginBottom: 16 }}
          // Refused with the server's copy (completed and locked meanwhile): the edit can only be let go.
          // A change the endpoint failed to store goes out again when the officer says so.
          action={
            held?.hold === 'rejected' &&
            (held.failed ? (
              <Button size="small" data-testid="failed-send-again" onClick={() => void sendAgain(held.mutationId)}>
                {t('components.section.sendAgain')}
              </Button>
            ) : (
              held.serverCurrent && (
                <Button size="small" data-testid="rejected-take-server" onClick={() => void resolveConflict('take_server')}>
                  {t('components.section.merge.discard')}
                </Button>
              )
            ))
          }
        />
      )}
      {shown.checkItemIds.length === 0 && <Typography.Text type="secondary">{t('components.section.noItems')}</Typography.Text>}
      {editable && shown.checkItemIds.length > 0 && (
        <Typography.Paragraph type="secondary" className="category-hint">
          {t('components.section.keyboardHint', {
            compliant: t('components.section.compliant'),
            nonCompliant: t('components.section.nonCompliant'),
            notApplicable: t('components.section.notApplicable'),
          })}
        </Typography.Paragraph>
      )}
      <ol className="check-items" ref={itemList}>
        {shown.checkItemIds.map((id) => {
          const item = checkItems.get(id);
          const result = results.get(id);
          return (
            <li
              key={id}
              className="check-item"
              data-check-item-id={id}
              data-testid={`item-${id}`}
              tabIndex={editable ? 0 : -1}
              onKeyDown={(e) => onItemKey(e, id)}
            >
              <div className="check-item-head">
                <Typography.Text strong>{item?.title ?? id}</Typography.Text>
                {item?.retiredAt && (
                  <Tag data-testid="item-retired" style={{ marginLeft: 8 }}>
                    {t('components.section.itemsChanged.retiredTag')}
                  </Tag>
                )}
                {item && (
                  <Typography.Text type="secondary" className="check-item-basis">
                    {item.code} · {t('components.section.legalBasis')}
                    {t('common.colon')}
                    {item.legalBasis}
                  </Typography.Text>
                )}
              </div>
              <Radio.Group
                value={result?.outcome ?? null}
                disabled={!editable}
                onChange={(e) => edit(setItemOutcome(draft, id, e.target.value as ItemOutcome))}
              >
                {OUTCOMES.map((o) => (
                  <Radio key={o.value} value={o.value} data-testid={`item-${id}-${o.value}`}>
                    {t(o.key)}
                  </Radio>
                ))}
              </Radio.Group>
              {editable ? (
                <Input.TextArea
                  data-testid={`item-${id}-note`}
                  className="check-item-note"
                  value={result?.note ?? ''}
                  disabled={!result}
                  status={result?.outcome === 'non_compliant' && result.note.trim() === '' ? 'warning' : undefined}
                  placeholder={t('components.section.notePlaceholder')}
                  autoSize={{ minRows: 1, maxRows: 4 }}
                  maxLength={2000}
                  onChange={(e) => edit(setItemNote(draft, id, e.target.value))}
                  onKeyDown={onNoteKey}
                />
              ) : (
                result?.note && (
                  <Typography.Paragraph data-testid={`item-${id}-note`} className="check-item-note-text">
                    {t('components.section.note')}
                    {t('common.colon')}
                    {result.note}
                  </Typography.Paragraph>
                )
              )}
              <PhotoGallery
                compact
                testId={`item-${id}-photos`}
                photos={shown.attachments.filter((a) => a.kind === 'photo' && a.checkItemId === id)}
                urls={urls}
                editable={editable}
                onAdd={async (file) => attach(await preparePhoto(file, id))}
                onRemove={detach}
                refused={refused}
              />
            </li>
          );
        })}
      </ol>
      {!consistency.ok && shown.resultCategory && (
        <Alert
          type="warning"
          showIcon
          data-testid="category-inconsistent"
          style={{ marginTop: 12 }}
          title={t('components.section.categoryInconsistentNow', {
            category: resultCategoryLabel(shown.resultCategory, language),
            reason: t(`components.section.categoryReason.${consistency.reason}`),
          })}
        />
      )}
      <EvidencePanel
        section={shown}
        editable={editable}
        teamIds={teamIds}
        enterpriseLocation={enterpriseLocation ?? null}
        officerName={officerName}
        urls={urls}
        onEdit={edit}
        onAdd={attach}
        onRemove={detach}
        officerId={officerId}
        taskId={stored.taskId}
        departmentId={stored.departmentId}
        departmentOfficerIds={departmentOfficerIds}
        refused={refused}
      />
      <div ref={problemsRef}>
        <ProblemsAlert
          testId="section-problems"
          style={{ marginTop: 16 }}
          title={t('components.section.cannotComplete')}
          problems={problems.map(describe)}
        />
      </div>
      <div className="section-footer">
        <Space wrap align="center">
          <span>
            {t('components.section.resultCategory')}
            {t('common.colon')}
          </span>
          <Select<ResultCategory | null>
            data-testid="section-result-category"
            value={shown.resultCategory}
            disabled={!editable}
            placeholder={t('components.section.resultCategoryPlaceholder')}
            style={{ minWidth: 300 }}
            onChange={(value) => edit(setResultCategory(draft, value))}
            // A category that contradicts the item results cannot be chosen; the option says why.
            options={RESULT_CATEGORIES.map((c) => {
              const fits = checkCategoryConsistency(c.code, hasNonCompliant);
              const why = fits.ok
                ? ''
                : fits.reason === 'no_problem_with_non_compliant'
                  ? t('components.section.categoryNoProblemImpossible')
                  : t('components.section.categoryNeedsNonCompliant');
              return { value: c.code, disabled: !fits.ok, label: fits.ok ? c[language] : `${c[language]}（${why}）` };
            })}
          />
          <Typography.Text type="secondary" className="category-hint">
            {t('components.section.categoryHint')}
          </Typography.Text>
        </Space>
        {editable && (
          <Space className="section-actions">
            <Typography.Text
              data-testid="autosave-status"
              data-state={autosave.state}
              type={autosave.state === 'error' ? 'danger' : 'secondary'}
            >
              {autosave.state === 'saving'
                ? t('components.section.autosaveSaving')
                : autosave.state === 'saved'
                  ? t('components.section.autosaveSaved')
                  : autosave.state === 'error'
                    ? failureText(t, { kind: autosave.kind ?? 'unknown', message: autosave.message ?? '' }, (message) =>
                        t('components.section.autosaveFailed', { message }),
                      )
                    : t('components.section.autosaveIdle')}
            </Typography.Text>
            {autosave.state === 'error' && (
              <Button size="small" data-testid="autosave-retry" onClick={retrySave}>
                {t('common.retry')}
              </Button>
            )}
            <Button data-testid="section-complete" type="primary" icon={<CheckCircleOutlined />} onClick={requestCompletion}>
              {t('components.section.complete')}
            </Button>
          </Space>
        )}
        {stored.status === 'completed' && stored.completedAt && (
          <Typography.Text type="secondary">
            {t('components.section.completedBy', { name: officerName(stored.completedBy ?? ''), time: formatDateTime(stored.completedAt) })}
          </Typography.Text>
        )}
      </div>
    </Card>
  );
  return <OriginalsContext value={originals}>{card}</OriginalsContext>;
}
