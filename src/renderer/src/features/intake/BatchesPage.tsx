// A data officer's submissions: the upload, then the department's batches with what became of their rows. An admin
// uploads for any department and sees every department's batches.
import { useCallback, useState } from 'react';
import { useNavigate } from 'react-router';
import { Badge, Card, Empty, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { IntakeBatch } from '@shared/api/intake';
import { getBridge } from '../../platform/bridge';
import { formatDateTime } from '../../lib/time';
import { useSessionStore, useSignedIn } from '../../state/sessionStore';
import { kindTitle } from './intakeView';
import { Counts, IntakeRemoteState } from './parts';
import { UploadPanel, type Department } from './UploadPanel';
import { MoreButton } from './MoreButton';
import { DepartmentSelect } from './RecordTable';
import { usePagedRemote } from './usePagedRemote';
import { useIntakeOverview } from './useIntakeOverview';

export function BatchesPage() {
  const { t } = useTranslation();
  const { session } = useSignedIn();
  const { remote: overview } = useIntakeOverview();
  const isAdmin = session.officer.role === 'admin';
  // A data officer's own department only; an admin's filter (all departments when none is chosen).
  const [filter, setFilter] = useState<string | undefined>(undefined);
  const source = isAdmin ? filter : session.officer.departmentId;
  const [round, setRound] = useState(0);

  if (overview.status !== 'ready') return <IntakeRemoteState remote={overview} />;
  const departments: Department[] = overview.data.departments.map((d) => ({ id: d.departmentId, name: d.departmentName }));
  const uploadable = isAdmin ? departments : departments.filter((d) => d.id === session.officer.departmentId);

  return (
    <>
      <Card title={t('intake.batches.uploadTitle')} className="page-card" data-testid="intake-batches-page">
        <Typography.Paragraph type="secondary">{t('intake.batches.intro', { period: overview.data.period.label })}</Typography.Paragraph>
        <UploadPanel departments={uploadable} period={overview.data.period} onUploaded={() => setRound((r) => r + 1)} />
      </Card>
      <Card
        title={t(isAdmin ? 'intake.batches.allTitle' : 'intake.batches.title')}
        className="page-card"
        style={{ marginTop: 16 }}
        extra={
          isAdmin && (
            <DepartmentSelect
              allowClear
              departments={departments}
              value={filter}
              onChange={setFilter}
              placeholder={t('intake.batches.allDepartments')}
              testId="intake-batches-source"
            />
          )
        }
      >
        <BatchTable key={`${source ?? 'all'}-${round}`} source={source} />
      </Card>
    </>
  );
}

function BatchTable({ source }: { source: string | undefined }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const language = useSessionStore((s) => s.language);
  const loadPage = useCallback(
    async (cursor: string | undefined) => {
      const page = await getBridge().call('intake.batches', { query: { source, cursor } });
      return { items: page.batches, cursor: page.cursor, hasMore: page.hasMore };
    },
    [source],
  );
  const paged = usePagedRemote(loadPage);
  if (paged.remote.status !== 'ready') return <IntakeRemoteState remote={paged.remote} onRetry={paged.reload} />;

  const columns: ColumnsType<IntakeBatch> = [
    { title: t('intake.batches.uploadedAt'), key: 'uploadedAt', render: (_, b) => formatDateTime(b.uploadedAt) },
    {
      title: t('intake.batches.kind'),
      key: 'kind',
      render: (_, b) => (
        <>
          <Typography.Text strong>{kindTitle(b.kind, language)}</Typography.Text>
          <br />
          <Typography.Text type="secondary">{b.sourceName}</Typography.Text>
        </>
      ),
    },
    {
      title: t('intake.batches.file'),
      key: 'file',
      render: (_, b) => (
        <>
          <Typography.Text>{b.fileName}</Typography.Text>
          <br />
          <Typography.Text type="secondary">
            {b.period.label} · {b.uploadedBy.name}
          </Typography.Text>
        </>
      ),
    },
    { title: t('intake.batches.counts'), key: 'counts', render: (_, b) => <Counts counts={b.counts} /> },
    {
      title: t('intake.batches.state'),
      key: 'state',
      render: (_, b) =>
        b.status === 'settled' ? (
          <Tag color="success">{t('intake.batches.settled')}</Tag>
        ) : (
          <Badge status="warning" text={t('intake.batches.open', { returns: b.openReturns, disputes: b.counts.disputed })} />
        ),
    },
  ];

  return (
    <>
      <Table
        rowKey="id"
        data-testid="intake-batch-list"
        columns={columns}
        dataSource={paged.remote.data.items}
        pagination={false}
        locale={{ emptyText: <Empty description={t('intake.batches.empty')} /> }}
        onRow={(batch) =>
          ({
            onClick: () => void navigate(`/intake/batches/${encodeURIComponent(batch.id)}`),
            className: 'clickable-row',
            'data-testid': 'intake-batch-row',
            'data-batch-id': batch.id,
          }) as React.HTMLAttributes<HTMLTableRowElement>
        }
      />
      <MoreButton paged={paged} />
    </>
  );
}
