// A paged list of submitted records (a batch's, or a department's returns): entity, key, problems, and whatever else
// the page adds; a click opens the record, more pages load on demand. Its remote states until the first page is in.
import { useState } from 'react';
import { Empty, Select, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { IntakeRecord } from '@shared/api/intake';
import { MoreButton } from './MoreButton';
import { IntakeRemoteState, ProblemList } from './parts';
import { RecordDrawer } from './RecordDetail';
import type { PagedRemote } from './usePagedRemote';

export function RecordTable<R extends IntakeRecord>({
  paged,
  testId,
  before = [],
  after = [],
  empty,
}: {
  paged: PagedRemote<R>;
  testId: string;
  /** Columns before the entity's, and between the key and the problems. */
  before?: ColumnsType<R>;
  after?: ColumnsType<R>;
  empty: string;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<string | null>(null);
  if (paged.remote.status !== 'ready') return <IntakeRemoteState remote={paged.remote} onRetry={paged.reload} />;
  const { items } = paged.remote.data;
  const columns: ColumnsType<R> = [
    ...before,
    {
      title: t('intake.records.enterprise'),
      key: 'enterprise',
      render: (_, r) => (
        <>
          <Typography.Text>{r.entityName ?? '—'}</Typography.Text>
          <br />
          <Typography.Text type="secondary" copyable={r.enterpriseUscc ? { text: r.enterpriseUscc } : false}>
            {r.enterpriseUscc ?? ''}
          </Typography.Text>
        </>
      ),
    },
    { title: t('intake.records.key'), key: 'key', render: (_, r) => r.key ?? '—' },
    ...after,
    { title: t('intake.records.problems'), key: 'problems', render: (_, r) => <ProblemList kind={r.kind} problems={r.problems} /> },
  ];
  return (
    <>
      <Table<R>
        rowKey="id"
        size="small"
        data-testid={testId}
        data-count={items.length}
        columns={columns}
        dataSource={items}
        pagination={false}
        locale={{ emptyText: <Empty description={empty} /> }}
        onRow={(record) =>
          ({
            onClick: () => setOpen(record.id),
            className: 'clickable-row',
            'data-testid': 'intake-record-row',
            'data-record-id': record.id,
            'data-status': record.status,
            'data-return-state': record.returnState ?? '',
          }) as React.HTMLAttributes<HTMLTableRowElement>
        }
      />
      <MoreButton paged={paged} />
      <RecordDrawer recordId={open} onClose={() => setOpen(null)} />
    </>
  );
}

/** The departments to choose from: one, or (cleared) all of them. */
export function DepartmentSelect({
  departments,
  value,
  onChange,
  placeholder,
  allowClear = false,
  testId,
}: {
  departments: readonly { id: string; name: string }[];
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  placeholder: string;
  allowClear?: boolean;
  testId: string;
}) {
  return (
    <Select<string>
      allowClear={allowClear}
      showSearch
      optionFilterProp="label"
      placeholder={placeholder}
      value={value}
      onChange={onChange}
      style={{ minWidth: 200 }}
      data-testid={testId}
      options={departments.map((d) => ({ value: d.id, label: d.name }))}
    />
  );
}
