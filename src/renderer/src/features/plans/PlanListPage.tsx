import { useCallback } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, Card, Empty, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { PlanDetail } from '@shared/api/plans';
import { getBridge } from '../../platform/bridge';
import { useSignedIn } from '../../state/sessionStore';
import { useReference } from '../../hooks/liveQueries';
import { RemoteState } from '../../components/RemoteState';
import { PLANS_REMOTE_TEXTS } from './remoteTexts';
import { useRemote } from '../../hooks/useRemote';

export function PlanListPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { db } = useSignedIn();
  const reference = useReference(db);
  const { remote, reload } = useRemote(useCallback(async () => (await getBridge().call('plans.list')).plans, []));

  const columns: ColumnsType<PlanDetail> = [
    { title: t('plans.name'), key: 'name', render: (_, plan) => <Typography.Text strong>{plan.name}</Typography.Text> },
    {
      title: t('plans.departments'),
      key: 'departments',
      render: (_, plan) => (
        <Space size={[0, 4]} wrap>
          {plan.departmentIds.map((id) => (
            <Tag key={id}>{reference?.departments.get(id)?.name ?? id}</Tag>
          ))}
        </Space>
      ),
    },
    { title: t('plans.window'), key: 'window', render: (_, plan) => `${plan.windowStart} – ${plan.windowEnd}` },
    {
      title: t('plans.status'),
      key: 'status',
      render: (_, plan) =>
        plan.draw ? (
          <Tag color="green">{t('plans.drawnStatus', { count: plan.draw.drawnCount })}</Tag>
        ) : (
          <Tag color="gold">{t('plans.awaitingDraw')}</Tag>
        ),
    },
  ];

  return (
    <Card
      title={t('plans.title')}
      extra={
        <Space>
          <Link to="/plans/recusals" data-testid="nav-recusals">
            {t('plans.recusals.nav')}
          </Link>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/plans/new')} data-testid="plan-new">
            {t('plans.create')}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('plans.onlineOnly')}</Typography.Paragraph>
      {remote.status !== 'ready' ? (
        <RemoteState feature="plans" texts={PLANS_REMOTE_TEXTS} remote={remote} onRetry={reload} />
      ) : (
        <Table
          rowKey="id"
          data-testid="plan-list"
          columns={columns}
          dataSource={remote.data}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty description={t('plans.empty')} /> }}
          onRow={(plan) =>
            ({
              onClick: () => void navigate(`/plans/${encodeURIComponent(plan.id)}`),
              className: 'clickable-row',
              'data-testid': 'plan-row',
              'data-plan-id': plan.id,
              'data-drawn': plan.draw ? 'true' : 'false',
            }) as React.HTMLAttributes<HTMLTableRowElement>
          }
        />
      )}
    </Card>
  );
}
