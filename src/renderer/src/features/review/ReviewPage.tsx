import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Segmented, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, ReloadOutlined, SendOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { DueDate } from '../../components/DueDate';
import { publicationCsv, type ReviewQueueItem } from '@shared/api/review';
import { districtName } from '@shared/domain/districts';
import { RiskClassTag } from '../../components/RiskClassTag';
import { getBridge } from '../../platform/bridge';
import { errorMessage } from '../../platform/errors';
import { useSignedIn } from '../../state/sessionStore';
import { useSyncStore } from '../../state/syncStore';
import { downloadFile } from '../../lib/download';
import { ReviewStatusTag } from '../../components/ReviewStatusTag';
import { ReviewTaskDrawer } from './ReviewTaskDrawer';
import { WaitingForTag } from '../../components/WaitingForTag';
import { useEnterpriseNames, useReference, useWaitingTasks } from '../../hooks/liveQueries';
import type { WaitingTask } from '../../data/tasksRepository';

type Scope = 'publishable' | 'published' | 'all';

/** The supervisor's review queue and publication list. Talks to the endpoint directly: review decisions are made online. */
export default function ReviewPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { db, session } = useSignedIn();
  const runSync = useSyncStore((s) => s.run);
  const [items, setItems] = useState<ReviewQueueItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [busy, setBusy] = useState(false);
  const [openTask, setOpenTask] = useState<string | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [scope, setScope] = useState<Scope>('publishable');
  // Inspections some departments completed while others have not: from the synced records on this machine.
  const waiting = useWaitingTasks(db) ?? [];
  const names = useEnterpriseNames(
    db,
    waiting.map((row) => row.task.enterpriseId),
  );
  const reference = useReference(db);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const queue = await getBridge().call('review.queue', { query: { status: 'awaiting_review,returned,corrected,approved,published' } });
      setItems(queue.items);
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  /** Runs a decision, then refreshes the queue and pulls the changed records so the drawer shows them. */
  async function act(action: () => Promise<unknown>) {
    setBusy(true);
    try {
      await action();
      await Promise.all([load(), runSync(getBridge(), db)]);
    } catch (e) {
      message.error(t('review.actionFailed', { message: errorMessage(e) }));
      throw e;
    } finally {
      setBusy(false);
    }
  }

  async function exportList(format: 'csv' | 'json') {
    try {
      const list = await getBridge().call('publication.export', { query: { scope } });
      const stamp = list.generatedAt.slice(0, 10);
      if (format === 'csv') downloadFile(`publication-${stamp}.csv`, publicationCsv(list), 'text/csv;charset=utf-8');
      else downloadFile(`publication-${stamp}.json`, JSON.stringify(list, null, 2), 'application/json');
    } catch (e) {
      message.error(t('review.actionFailed', { message: errorMessage(e) }));
    }
  }

  const columns = [
    {
      title: t('review.enterprise'),
      key: 'enterprise',
      render: (_: unknown, item: ReviewQueueItem) => (
        <Space>
          <Typography.Link data-testid="review-open" onClick={() => setOpenTask(item.task.id)}>
            {item.enterpriseName}
          </Typography.Link>
          <RiskClassTag riskClass={item.riskClass} />
        </Space>
      ),
    },
    {
      title: t('review.district'),
      key: 'district',
      render: (_: unknown, item: ReviewQueueItem) => districtName(item.districtCode) ?? item.districtCode,
    },
    { title: t('review.plan'), dataIndex: 'planName', key: 'plan' },
    {
      title: t('review.reviewStatus'),
      key: 'status',
      render: (_: unknown, item: ReviewQueueItem) => item.task.reviewStatus && <ReviewStatusTag status={item.task.reviewStatus} />,
    },
    { title: t('review.checkedOn'), key: 'checkedOn', render: (_: unknown, item: ReviewQueueItem) => item.task.checkedOn },
    {
      title: t('review.dueOn'),
      key: 'dueOn',
      render: (_: unknown, item: ReviewQueueItem) =>
        item.deadline && <DueDate dueOn={item.deadline.dueOn} calendarKnown={item.deadline.calendarKnown} />,
    },
    {
      title: t('review.daysLeft'),
      key: 'daysLeft',
      render: (_: unknown, item: ReviewQueueItem) => {
        const deadline = item.deadline;
        if (!deadline || item.task.reviewStatus === 'published') return null;
        const tag = deadline.overdue ? (
          <Tag color="error">{t('review.overdueBy', { count: -deadline.workingDaysLeft })}</Tag>
        ) : (
          <Tag color={deadline.workingDaysLeft <= 3 ? 'warning' : 'default'}>{t('review.left', { count: deadline.workingDaysLeft })}</Tag>
        );
        return tag;
      },
    },
    { title: t('review.openCorrections'), dataIndex: 'openCorrections', key: 'openCorrections' },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        className="page-card"
        title={t('review.queue')}
        extra={
          <Button icon={<ReloadOutlined />} loading={loading} onClick={() => void load()} data-testid="review-refresh">
            {t('review.refresh')}
          </Button>
        }
      >
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="review-error" />}
        <Table<ReviewQueueItem>
          data-testid="review-queue"
          rowKey={(item) => item.task.id}
          size="small"
          loading={loading && items === null}
          dataSource={items ?? []}
          columns={columns}
          locale={{ emptyText: t('review.empty') }}
          pagination={{ defaultPageSize: 100, showSizeChanger: true, pageSizeOptions: [20, 100, 500] }}
          onRow={(item) =>
            ({
              'data-testid': 'review-row',
              'data-task-id': item.task.id,
              'data-review-status': item.task.reviewStatus ?? '',
            }) as React.HTMLAttributes<HTMLElement>
          }
          rowSelection={{
            selectedRowKeys: selected,
            onChange: (keys) => setSelected(keys.map(String)),
            getCheckboxProps: (item) => ({ disabled: item.task.reviewStatus !== 'approved' }),
          }}
        />
      </Card>
      <Card className="page-card" title={t('review.waitingTitle')} data-testid="review-waiting" data-count={waiting.length}>
        <Table<WaitingTask>
          size="small"
          rowKey={(row) => row.task.id}
          dataSource={waiting}
          locale={{ emptyText: t('review.waitingEmpty') }}
          pagination={{ pageSize: 10 }}
          onRow={(row) => ({ 'data-testid': 'review-waiting-row', 'data-task-id': row.task.id }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            {
              title: t('review.enterprise'),
              key: 'enterprise',
              render: (_: unknown, row: WaitingTask) => (
                <Typography.Link data-testid="review-waiting-open" onClick={() => setOpenTask(row.task.id)}>
                  {names.get(row.task.enterpriseId) ?? row.task.enterpriseId}
                </Typography.Link>
              ),
            },
            {
              title: t('review.waitingFor'),
              key: 'waiting',
              render: (_: unknown, row: WaitingTask) => (
                <WaitingForTag departmentIds={row.waitingFor} departmentName={(id) => reference?.departments.get(id)?.name ?? id} />
              ),
            },
            { title: t('review.dueDate'), key: 'due', render: (_: unknown, row: WaitingTask) => row.task.dueDate },
          ]}
        />
      </Card>
      <Card className="page-card" title={t('review.publication')}>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">{t('review.selectToPublish')}</Typography.Text>
          <Space wrap>
            <Button
              type="primary"
              icon={<SendOutlined />}
              data-testid="publish-selected"
              disabled={selected.length === 0}
              loading={busy}
              onClick={() =>
                void act(() => getBridge().call('publication.publish', { body: { taskIds: selected } })).then(
                  () => {
                    message.success(t('review.published', { count: selected.length }));
                    setSelected([]);
                  },
                  () => {},
                )
              }
            >
              {t('review.publish')}
            </Button>
            <Segmented<Scope>
              value={scope}
              onChange={setScope}
              options={(['publishable', 'published', 'all'] as const).map((value) => ({ value, label: t(`review.scope.${value}`) }))}
            />
            <Button icon={<DownloadOutlined />} data-testid="export-csv" onClick={() => void exportList('csv')}>
              {t('review.exportCsv')}
            </Button>
            <Button icon={<DownloadOutlined />} data-testid="export-json" onClick={() => void exportList('json')}>
              {t('review.exportJson')}
            </Button>
          </Space>
          <Typography.Text type="secondary">{t('review.exportHint')}</Typography.Text>
        </Space>
      </Card>
      <ReviewTaskDrawer
        db={db}
        taskId={openTask}
        officerId={session.officer.id}
        busy={busy}
        onClose={() => setOpenTask(null)}
        onApprove={(taskId) => act(() => getBridge().call('review.approve', { params: { taskId } }))}
        onReturn={(taskId, sectionId, reason) =>
          act(() => getBridge().call('review.return', { params: { taskId }, body: { sectionId, reason } }))
        }
      />
    </Space>
  );
}
