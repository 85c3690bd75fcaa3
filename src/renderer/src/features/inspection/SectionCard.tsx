import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Input, Radio, Select, Space, Tag, Typography } from 'antd';
import { CheckCircleOutlined, CloudOutlined, CloudUploadOutlined, ExclamationCircleOutlined, LaptopOutlined, LockOutlined, WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { CheckItem, ItemOutcome } from '@shared/domain/model';
import { RESULT_CATEGORIES, type ResultCategory } from '@shared/domain/resultCategories';
import type { SectionProblem } from '@shared/domain/sectionRules';
import type { OneVisitDb } from '../../data/db';
import {
  correctionsRepository,
  sectionsRepository,
  type SectionSyncInfo,
  type SectionSyncState,
  type WritableRecord,
} from '../../data/sectionsRepository';
import { errorMessage } from '../../platform/errors';
import { formatDateTime } from '../../lib/time';
import { setItemNote, setItemOutcome, setResultCategory } from './sectionEdit';

const OUTCOMES: { value: ItemOutcome; key: string }[] = [
  { value: 'compliant', key: 'inspection.compliant' },
  { value: 'non_compliant', key: 'inspection.nonCompliant' },
  { value: 'not_applicable', key: 'inspection.notApplicable' },
];

const SYNC_TAG: Record<SectionSyncState, { color: string; icon: React.ReactNode }> = {
  saved_locally: { color: 'default', icon: <LaptopOutlined /> },
  queued: { color: 'processing', icon: <CloudUploadOutlined /> },
  on_server: { color: 'success', icon: <CloudOutlined /> },
  conflict: { color: 'warning', icon: <WarningOutlined /> },
  rejected: { color: 'error', icon: <ExclamationCircleOutlined /> },
};

type AutosaveState = 'idle' | 'saving' | 'saved' | 'error';

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
}

export function SectionCard({ db, stored, collection = 'sections', banner, syncInfo, editable, departmentName, isOwnDepartment, checkItems, officerId, officerName }: SectionCardProps) {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState(stored);
  const [autosave, setAutosave] = useState<{ state: AutosaveState; message?: string }>({ state: 'idle' });
  const [problems, setProblems] = useState<SectionProblem[]>([]);
  const inFlight = useRef(0);
  // What this card last wrote: a stored copy equal to it is our own echo, anything else came from elsewhere (sync, resolution).
  const lastWritten = useRef(JSON.stringify(stored));

  useEffect(() => {
    const json = JSON.stringify(stored);
    if (json !== lastWritten.current && inFlight.current === 0) {
      lastWritten.current = json;
      setDraft(stored);
    }
  }, [stored]);

  // The records share their content fields; each repository parses with its own collection's schema.
  const repo = (collection === 'sections' ? sectionsRepository(db) : correctionsRepository(db)) as unknown as {
    saveDraft(record: WritableRecord): Promise<WritableRecord>;
    complete(record: WritableRecord, officerId: string): Promise<{ ok: true; section: WritableRecord } | { ok: false; problems: SectionProblem[] }>;
    resolveConflict(id: string, choice: 'keep_local' | 'take_server'): Promise<void>;
  };

  async function persist(write: () => Promise<WritableRecord>) {
    inFlight.current++;
    setAutosave({ state: 'saving' });
    try {
      const saved = await write();
      lastWritten.current = JSON.stringify(saved);
      inFlight.current--;
      if (inFlight.current === 0) setAutosave({ state: 'saved' });
    } catch (error) {
      inFlight.current--;
      setAutosave({ state: 'error', message: errorMessage(error) });
    }
  }

  function edit(next: WritableRecord) {
    setDraft(next);
    setProblems([]);
    void persist(() => repo.saveDraft(next));
  }

  async function complete() {
    const result = await repo.complete(draft, officerId);
    if (!result.ok) {
      setProblems(result.problems);
      return;
    }
    lastWritten.current = JSON.stringify(result.section);
    setDraft(result.section);
    setProblems([]);
  }

  const language = i18n.language === 'en' ? 'en' : 'zh';
  const itemTitle = (id: string) => checkItems.get(id)?.title ?? id;
  const describe = (p: SectionProblem) => t(`problems.${p.code}`, { item: 'checkItemId' in p ? itemTitle(p.checkItemId) : '' });
  const shown = editable ? draft : stored;
  const results = new Map(shown.itemResults.map((r) => [r.checkItemId, r]));
  const tag = SYNC_TAG[syncInfo.state];
  const syncLabel = t(`syncState.${syncInfo.state}`, { version: syncInfo.serverVersion ?? '?', reason: syncInfo.errors?.join('；') ?? '' });

  return (
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
          {collection === 'corrections' && <Tag color="orange">{t('review.correction')}</Tag>}
          <span>{departmentName}</span>
          {isOwnDepartment && <Tag color="blue">{t('inspection.yourSection')}</Tag>}
          {!editable && <Tag icon={<LockOutlined />}>{t('inspection.readOnly')}</Tag>}
        </Space>
      }
      extra={
        <Space>
          <Tag color={stored.status === 'completed' ? 'success' : 'default'} icon={stored.status === 'completed' ? <CheckCircleOutlined /> : undefined}>
            {t(`sectionStatus.${stored.status}`)}
          </Tag>
          <Tag color={tag.color} icon={tag.icon} data-testid="section-sync-state">{syncLabel}</Tag>
        </Space>
      }
    >
      {banner}
      {syncInfo.state === 'conflict' && (
        <Alert
          type="warning"
          showIcon
          title={syncLabel}
          style={{ marginBottom: 16 }}
          action={
            <Space orientation="vertical">
              <Button size="small" type="primary" data-testid="conflict-keep-local" onClick={() => void repo.resolveConflict(stored.id, 'keep_local')}>{t('inspection.keepMine')}</Button>
              <Button size="small" data-testid="conflict-take-server" onClick={() => void repo.resolveConflict(stored.id, 'take_server')}>{t('inspection.takeServer')}</Button>
            </Space>
          }
        />
      )}
      {syncInfo.state === 'rejected' && <Alert type="error" showIcon title={syncLabel} style={{ marginBottom: 16 }} />}
      {shown.checkItemIds.length === 0 && <Typography.Text type="secondary">{t('inspection.noItems')}</Typography.Text>}
      <ol className="check-items">
        {shown.checkItemIds.map((id) => {
          const item = checkItems.get(id);
          const result = results.get(id);
          return (
            <li key={id} className="check-item" data-check-item-id={id}>
              <div className="check-item-head">
                <Typography.Text strong>{item?.title ?? id}</Typography.Text>
                {item && <Typography.Text type="secondary" className="check-item-basis">{item.code} · {t('inspection.legalBasis')}{t('app.colon')}{item.legalBasis}</Typography.Text>}
              </div>
              <Radio.Group value={result?.outcome ?? null} disabled={!editable} onChange={(e) => edit(setItemOutcome(draft, id, e.target.value as ItemOutcome))}>
                {OUTCOMES.map((o) => (
                  <Radio key={o.value} value={o.value} data-testid={`item-${id}-${o.value}`}>{t(o.key)}</Radio>
                ))}
              </Radio.Group>
              {editable ? (
                <Input.TextArea
                  data-testid={`item-${id}-note`}
                  className="check-item-note"
                  value={result?.note ?? ''}
                  disabled={!result}
                  status={result?.outcome === 'non_compliant' && result.note.trim() === '' ? 'warning' : undefined}
                  placeholder={t('inspection.notePlaceholder')}
                  autoSize={{ minRows: 1, maxRows: 4 }}
                  maxLength={2000}
                  onChange={(e) => edit(setItemNote(draft, id, e.target.value))}
                />
              ) : (
                result?.note && <Typography.Paragraph data-testid={`item-${id}-note`} className="check-item-note-text">{t('inspection.note')}{t('app.colon')}{result.note}</Typography.Paragraph>
              )}
            </li>
          );
        })}
      </ol>
      <div className="section-footer">
        <Space wrap align="center">
          <span>{t('inspection.resultCategory')}{t('app.colon')}</span>
          <Select<ResultCategory | null>
            data-testid="section-result-category"
            value={shown.resultCategory}
            disabled={!editable}
            placeholder={t('inspection.resultCategoryPlaceholder')}
            style={{ minWidth: 300 }}
            onChange={(value) => edit(setResultCategory(draft, value))}
            options={RESULT_CATEGORIES.map((c) => ({ value: c.code, label: c[language] }))}
          />
        </Space>
        {editable && (
          <Space className="section-actions">
            <Typography.Text data-testid="autosave-status" data-state={autosave.state} type={autosave.state === 'error' ? 'danger' : 'secondary'}>
              {autosave.state === 'saving' ? t('inspection.autosaveSaving')
                : autosave.state === 'saved' ? t('inspection.autosaveSaved')
                : autosave.state === 'error' ? t('inspection.autosaveFailed', { message: autosave.message })
                : t('inspection.autosaveIdle')}
            </Typography.Text>
            <Button data-testid="section-complete" type="primary" icon={<CheckCircleOutlined />} onClick={() => void complete()}>
              {t('inspection.complete')}
            </Button>
          </Space>
        )}
        {stored.status === 'completed' && stored.completedAt && (
          <Typography.Text type="secondary">{t('inspection.completedBy', { name: officerName(stored.completedBy ?? ''), time: formatDateTime(stored.completedAt) })}</Typography.Text>
        )}
      </div>
      {problems.length > 0 && (
        <Alert
          data-testid="section-problems"
          type="error"
          showIcon
          style={{ marginTop: 16 }}
          title={t('inspection.cannotComplete')}
          description={<ul className="problem-list">{problems.map((p, i) => <li key={i}>{describe(p)}</li>)}</ul>}
        />
      )}
    </Card>
  );
}
