// The audit trail for administrators: the chain's head (now, and the last one exported to the data folder), the log
// filtered by action, officer, record and time, and a range exported with its hashes for auditors (`npm run
// audit:verify -- --file <export>` checks it).
import { useCallback, useState } from 'react';
import { Button, DatePicker, Descriptions, Form, Input, InputNumber, Select, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import { AUDIT_ACTIONS, type AuditEntry, type AuditQuery } from '@shared/api/audit';
import { downloadJson } from '../../lib/download';
import { formatDateTime } from '../../lib/time';
import { getBridge } from '../../platform/bridge';
import { RemoteState } from '../../components/RemoteState';
import { useRemote } from '../../hooks/useRemote';
import { ADMIN_REMOTE_TEXTS } from './remoteTexts';
import { useAdminAction } from './useAdminAction';

interface Filter {
  action?: string;
  actorId?: string;
  recordId?: string;
  range?: [Dayjs, Dayjs] | null;
}

const queryOf = (filter: Filter): AuditQuery => ({
  action: filter.action || undefined,
  actorId: filter.actorId?.trim() || undefined,
  recordId: filter.recordId?.trim() || undefined,
  from: filter.range?.[0]?.startOf('day').toISOString(),
  to: filter.range?.[1]?.endOf('day').toISOString(),
  limit: 100,
});

const short = (hash: string) => `${hash.slice(0, 12)}…`;

export function AuditPage() {
  const { t } = useTranslation();
  const [query, setQuery] = useState<AuditQuery>({ limit: 100 });
  const { remote, reload } = useRemote(useCallback(() => getBridge().call('audit.list', { query }), [query]));
  const action = useAdminAction(() => {});
  const [range, setRange] = useState<{ fromSeq: number | null; toSeq: number | null }>({ fromSeq: 1, toSeq: null });

  const exportRange = () =>
    action.run(
      async () => {
        const exported = await getBridge().call('audit.export', {
          query: { fromSeq: range.fromSeq ?? 1, ...(range.toSeq ? { toSeq: range.toSeq } : {}) },
        });
        const last = exported.entries.at(-1)?.seq ?? 0;
        downloadJson(`audit-${exported.entries[0]?.seq ?? 0}-${last}.json`, exported);
        return exported;
      },
      (exported) => t('admin.audit.exported', { count: exported.entries.length }),
    );

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {remote.status === 'ready' && (
        <Descriptions size="small" bordered column={1} data-testid="audit-head">
          <Descriptions.Item label={t('admin.audit.head')}>
            <Typography.Text copyable={{ text: remote.data.head.hash }} data-testid="audit-head-hash">
              #{remote.data.head.seq} {remote.data.head.hash}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('admin.audit.exportedHead')}>
            {remote.data.lastExportedHead ? (
              <Typography.Text copyable={{ text: remote.data.lastExportedHead.hash }}>
                {t('admin.audit.exportedAt', { time: formatDateTime(remote.data.lastExportedHead.exportedAt) })} #
                {remote.data.lastExportedHead.seq} {remote.data.lastExportedHead.hash}
              </Typography.Text>
            ) : (
              t('admin.audit.notExported')
            )}
          </Descriptions.Item>
        </Descriptions>
      )}
      <Form<Filter> layout="inline" onFinish={(filter) => setQuery(queryOf(filter))}>
        <Form.Item name="action" label={t('admin.audit.action')}>
          <Select
            allowClear
            style={{ minWidth: 200 }}
            data-testid="audit-filter-action"
            options={AUDIT_ACTIONS.map((a) => ({ value: a, label: a }))}
          />
        </Form.Item>
        <Form.Item name="actorId" label={t('admin.audit.actor')}>
          <Input allowClear data-testid="audit-filter-actor" />
        </Form.Item>
        <Form.Item name="recordId" label={t('admin.audit.record')}>
          <Input allowClear data-testid="audit-filter-record" />
        </Form.Item>
        <Form.Item name="range" label={t('admin.audit.when')}>
          <DatePicker.RangePicker />
        </Form.Item>
        <Button htmlType="submit" type="primary" data-testid="audit-filter-apply">
          {t('admin.audit.filter')}
        </Button>
      </Form>
      {remote.status !== 'ready' ? (
        <RemoteState feature="admin" texts={ADMIN_REMOTE_TEXTS} remote={remote} onRetry={reload} />
      ) : (
        <Table<AuditEntry>
          rowKey="seq"
          size="small"
          data-testid="audit-list"
          dataSource={remote.data.entries}
          pagination={{ pageSize: 25, hideOnSinglePage: true }}
          onRow={(e) => ({ 'data-testid': 'audit-row', 'data-action': e.action }) as React.HTMLAttributes<HTMLTableRowElement>}
          columns={[
            { title: '#', dataIndex: 'seq', key: 'seq' },
            { title: t('admin.audit.when'), key: 'at', render: (_, e) => formatDateTime(e.at) },
            { title: t('admin.audit.actor'), key: 'actor', render: (_, e) => e.actorId ?? t('admin.audit.nobody') },
            { title: t('admin.audit.action'), dataIndex: 'action', key: 'action' },
            { title: t('admin.audit.record'), key: 'record', render: (_, e) => `${e.recordType} ${e.recordId}` },
            { title: t('admin.audit.device'), dataIndex: 'deviceId', key: 'device', responsive: ['xl'] },
            {
              title: t('admin.audit.details'),
              key: 'details',
              responsive: ['lg'],
              render: (_, e) => (
                <Typography.Text type="secondary">{Object.keys(e.details).length > 0 ? JSON.stringify(e.details) : ''}</Typography.Text>
              ),
            },
            {
              title: t('admin.audit.hash'),
              key: 'hash',
              responsive: ['xl'],
              render: (_, e) => <Typography.Text copyable={{ text: e.hash }}>{short(e.hash)}</Typography.Text>,
            },
          ]}
        />
      )}
      <Space wrap>
        <Typography.Text>{t('admin.audit.exportRange')}</Typography.Text>
        <InputNumber
          min={1}
          value={range.fromSeq}
          onChange={(fromSeq) => setRange((r) => ({ ...r, fromSeq }))}
          data-testid="audit-export-from"
        />
        <Typography.Text>–</Typography.Text>
        <InputNumber
          min={1}
          value={range.toSeq}
          placeholder={t('admin.audit.toHead')}
          onChange={(toSeq) => setRange((r) => ({ ...r, toSeq }))}
        />
        <Button loading={action.busy} onClick={() => void exportRange()} data-testid="audit-export">
          {t('admin.audit.export')}
        </Button>
      </Space>
    </Space>
  );
}
