// One batch: its file and counts, then its records paged by status (a batch may hold a million rows).
import { useCallback, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Card, Descriptions, Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import type { IntakeBatch, IntakeRecord } from '@shared/api/intake';
import { INTAKE_RECORD_STATUSES, type IntakeRecordStatus } from '@shared/intake/kinds';
import { getBridge } from '../../platform/bridge';
import { formatDateTime } from '../../lib/time';
import { formatBytes } from '../../lib/bytes';
import { useRemote } from '../../hooks/useRemote';
import { useSessionStore } from '../../state/sessionStore';
import { kindTitle } from './intakeView';
import { Counts, IntakeRemoteState, RecordStatusTag } from './parts';
import { RecordTable } from './RecordTable';
import { usePagedRemote } from './usePagedRemote';

type StatusFilter = IntakeRecordStatus | 'all';

export function BatchPage() {
  const { t } = useTranslation();
  const { batchId = '' } = useParams();
  const language = useSessionStore((s) => s.language);
  const { remote, reload } = useRemote(
    useCallback(async () => (await getBridge().call('intake.batch', { params: { batchId } })).batch, [batchId]),
  );
  const [status, setStatus] = useState<StatusFilter>('all');

  if (remote.status !== 'ready') return <IntakeRemoteState remote={remote} onRetry={reload} />;
  const batch = remote.data;
  const countOf = (filter: StatusFilter) => (filter === 'all' ? batch.counts.received : batch.counts[filter]);

  return (
    <Card
      className="page-card"
      data-testid="intake-batch-page"
      data-batch-id={batch.id}
      title={t('intake.batch.title', { kind: kindTitle(batch.kind, language), source: batch.sourceName })}
      extra={<Link to="/intake">{t('intake.batch.back')}</Link>}
    >
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2, xl: 3 }}
        items={[
          { key: 'file', label: t('intake.batches.file'), children: `${batch.fileName} (${formatBytes(batch.bytes)})` },
          {
            key: 'uploaded',
            label: t('intake.batches.uploadedAt'),
            children: `${formatDateTime(batch.uploadedAt)} · ${batch.uploadedBy.name}`,
          },
          { key: 'period', label: t('intake.upload.period'), children: batch.period.label },
        ]}
      />
      <Counts counts={batch.counts} />
      <Segmented<StatusFilter>
        style={{ margin: '16px 0' }}
        data-testid="intake-record-filter"
        value={status}
        onChange={setStatus}
        options={(['all', ...INTAKE_RECORD_STATUSES] as const).map((value) => ({
          value,
          label: `${t(`intake.filter.${value}`)} ${countOf(value)}`,
        }))}
      />
      <BatchRecords key={status} batch={batch} status={status} />
    </Card>
  );
}

function BatchRecords({ batch, status }: { batch: IntakeBatch; status: StatusFilter }) {
  const { t } = useTranslation();
  const loadPage = useCallback(
    async (cursor: string | undefined) => {
      const page = await getBridge().call('intake.records', {
        params: { batchId: batch.id },
        query: { status: status === 'all' ? undefined : status, cursor },
      });
      return { items: page.records, cursor: page.cursor, hasMore: page.hasMore };
    },
    [batch.id, status],
  );
  const paged = usePagedRemote(loadPage);
  return (
    <RecordTable<IntakeRecord>
      paged={paged}
      testId="intake-record-list"
      empty={t('intake.records.empty')}
      before={[{ title: t('intake.records.row'), key: 'row', dataIndex: 'row', width: 80 }]}
      after={[{ title: t('intake.records.status'), key: 'status', render: (_, r) => <RecordStatusTag status={r.status} /> }]}
    />
  );
}
