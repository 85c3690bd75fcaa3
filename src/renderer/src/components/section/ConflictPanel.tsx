// The officer settles what the three-way merge could not: for each part both sides changed differently, their value
// beside the server's, one pick each; or discard the local edit. Nothing is decided for them.
import { useState } from 'react';
import { Alert, Button, Radio, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AttachmentMeta, CheckIn, CheckItem, InspectionRefusal, ItemResult, SignatureRefusal } from '@shared/domain/model';
import { resultCategoryLabel, type ResultCategory } from '@shared/domain/resultCategories';
import type { SectionProblem } from '@shared/domain/sectionRules';
import { mergeRecorded, slotValue, type Completion, type ConflictChoice, type SlotKey } from '@shared/sync/merge';
import type { OutboxEntry } from '../../data/db';
import type { ConflictChoices, ResolveResult, WritableRecord } from '../../data/sectionsRepository';
import { formatDateTime } from '../../lib/time';

export interface ConflictPanelProps {
  /** The local record: the merged content, with the officer's values where both sides differ. */
  record: WritableRecord;
  /** The held outbox entry: the server's copy and the conflicting parts. */
  entry: OutboxEntry;
  checkItems: Map<string, CheckItem>;
  officerName: (id: string) => string;
  describeProblem: (problem: SectionProblem) => string;
  /** Undefined when the choice could not be written: the card shows why and tries again. */
  onResolve: (choice: ConflictChoices | 'take_server') => Promise<ResolveResult | undefined>;
  /** Object URLs of the attachment bytes on this machine, by sha256: a photo or signature is shown, not only described. */
  urls: Map<string, string>;
}

export function ConflictPanel({ record, entry, checkItems, officerName, describeProblem, onResolve, urls }: ConflictPanelProps) {
  const { t, i18n } = useTranslation();
  const [choices, setChoices] = useState<Partial<Record<SlotKey, ConflictChoice>>>({});
  const [problems, setProblems] = useState<SectionProblem[]>([]);
  const [busy, setBusy] = useState(false);
  const conflicts = entry.conflicts ?? legacyConflicts(record, entry);
  const open = conflicts.filter((c) => !choices[c.key]).length;
  const language = i18n.language === 'en' ? 'en' : 'zh';

  const label = (key: SlotKey): string => {
    const [kind, id = ''] = key.split(/:(.*)/s) as [string, string?];
    if (kind === 'item') return checkItems.get(id)?.title ?? id;
    if (kind === 'signature' && id.startsWith('officer_signature:'))
      return t('components.section.merge.field.officerSignatureOf', { name: officerName(id.slice('officer_signature:'.length)) });
    if (kind === 'signature') return t(`components.section.merge.field.${id as 'officer_signature' | 'representative_signature'}`);
    if (kind === 'team') return t('components.section.merge.field.team', { name: officerName(id) });
    return t(
      `components.section.merge.field.${kind as 'resultCategory' | 'checkIn' | 'representativeName' | 'completion' | 'photo' | 'findings' | 'inspectionRefusal' | 'signatureRefusal'}`,
    );
  };

  const show = (key: SlotKey, value: unknown): string => {
    const kind = key.split(':')[0];
    if (kind === 'item') {
      const result = value as ItemResult | null;
      if (!result) return t('components.section.merge.notAnswered');
      const outcome = t(
        `components.section.${result.outcome === 'non_compliant' ? 'nonCompliant' : result.outcome === 'not_applicable' ? 'notApplicable' : 'compliant'}`,
      );
      return result.note ? `${outcome}${t('common.colon')}${result.note}` : outcome;
    }
    if (kind === 'resultCategory')
      return value ? resultCategoryLabel(value as ResultCategory, language) : t('components.section.merge.none');
    if (kind === 'checkIn') {
      const checkIn = value as CheckIn | null;
      return checkIn ? `${checkIn.place} · ${formatDateTime(checkIn.at)}` : t('components.section.merge.none');
    }
    if (kind === 'representativeName' || kind === 'findings') return (value as string) || t('components.section.merge.none');
    if (kind === 'inspectionRefusal') {
      const refusal = value as InspectionRefusal | null;
      return refusal ? `${formatDateTime(refusal.at)} ${refusal.person}`.trim() : t('components.section.merge.none');
    }
    if (kind === 'signatureRefusal') {
      const refusal = value as SignatureRefusal | null;
      if (!refusal) return t('components.section.merge.none');
      return refusal.confirmation
        ? t('components.section.merge.refusalConfirmed', { name: officerName(refusal.confirmation.officerId) })
        : t('components.section.merge.refusalMarked');
    }
    if (kind === 'completion') {
      const completion = value as Completion;
      return completion.status === 'completed' && completion.completedAt
        ? t('components.section.merge.completed', {
            name: officerName(completion.completedBy ?? ''),
            time: formatDateTime(completion.completedAt),
          })
        : t('components.section.merge.draft');
    }
    if (kind === 'team') return t(value ? 'components.section.merge.present' : 'components.section.merge.absent');
    const attachment = value as AttachmentMeta | null;
    if (!attachment) return kind === 'photo' ? t('components.section.merge.removed') : t('components.section.merge.none');
    return t(kind === 'signature' ? 'components.section.merge.signed' : 'components.section.merge.photo', {
      time: formatDateTime(attachment.capturedAt),
    });
  };

  /** Bytes of the other device's attachment may not be here yet (they download with the record): the description stays. */
  const thumbnail = (key: SlotKey, value: unknown) => {
    const kind = key.split(':')[0];
    const url = (kind === 'photo' || kind === 'signature') && value ? urls.get((value as AttachmentMeta).sha256) : undefined;
    return url && <img className="conflict-thumb" data-testid="conflict-thumbnail" src={url} alt={label(key)} />;
  };

  async function resolve(choice: ConflictChoices | 'take_server') {
    setBusy(true);
    try {
      const result = await onResolve(choice);
      setProblems(result?.ok === false ? result.problems : []);
    } finally {
      setBusy(false);
    }
  }

  const version = entry.serverCurrent?.version;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="conflict-panel"
      style={{ marginBottom: 16 }}
      title={version === undefined ? t('components.section.merge.titleUnknown') : t('components.section.merge.title', { version })}
      description={
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">
            {entry.serverChangedBy && (
              <span data-testid="conflict-changed-by">
                {t('components.section.merge.changedBy', { name: officerName(entry.serverChangedBy) })} ·{' '}
              </span>
            )}
            {t('components.section.merge.merged')}
          </Typography.Text>
          <ol className="conflict-list">
            {conflicts.map((conflict) => (
              <li key={conflict.key} data-testid="conflict-row" data-key={conflict.key}>
                <Typography.Text strong>{label(conflict.key)}</Typography.Text>
                <Radio.Group
                  value={choices[conflict.key] ?? null}
                  onChange={(e) => setChoices({ ...choices, [conflict.key]: e.target.value as ConflictChoice })}
                  style={{ display: 'flex', flexDirection: 'column' }}
                >
                  <Radio value="local" data-testid="conflict-choose-local">
                    {t('components.section.merge.mine')}
                    {t('common.colon')}
                    <span data-testid="conflict-local-value">{show(conflict.key, slotValue(record, conflict.key))}</span>
                    {thumbnail(conflict.key, slotValue(record, conflict.key))}
                  </Radio>
                  <Radio value="server" data-testid="conflict-choose-server">
                    {t('components.section.merge.server')}
                    {t('common.colon')}
                    <span data-testid="conflict-server-value">{show(conflict.key, conflict.server)}</span>
                    {thumbnail(conflict.key, conflict.server)}
                  </Radio>
                </Radio.Group>
              </li>
            ))}
          </ol>
          {problems.length > 0 && (
            <Alert
              type="error"
              data-testid="conflict-problems"
              title={t('components.section.merge.cannotApply')}
              description={
                <ul>
                  {problems.map((p, i) => (
                    <li key={i}>{describeProblem(p)}</li>
                  ))}
                </ul>
              }
            />
          )}
          <Space wrap>
            <Button type="primary" data-testid="conflict-apply" disabled={open > 0 || busy} onClick={() => void resolve(choices)}>
              {t('components.section.merge.apply')}
            </Button>
            {open > 0 && <Typography.Text type="secondary">{t('components.section.merge.chooseAll', { count: open })}</Typography.Text>}
            <Button data-testid="conflict-take-server" disabled={busy} onClick={() => void resolve('take_server')}>
              {t('components.section.merge.discard')}
            </Button>
          </Space>
        </Space>
      }
    />
  );
}

/** A conflict held by an older app version carries no parts: without its base, every difference is asked. */
function legacyConflicts(record: WritableRecord, entry: OutboxEntry) {
  if (!entry.serverCurrent) return [];
  const outcome = mergeRecorded(null, record, entry.serverCurrent);
  return outcome.kind === 'merged' ? outcome.conflicts : [];
}
