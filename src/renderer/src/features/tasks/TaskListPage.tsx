import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { Card, Empty, Input, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { YANTAI_DISTRICTS, districtName } from '@shared/domain/districts';
import type { TaskStatus } from '@shared/domain/model';
import type { TaskListRow } from '../../data/tasksRepository';
import { todayInShanghai } from '../../lib/time';
import { RiskClassTag } from '../../components/RiskClassTag';
import { TaskStatusTag } from '../../components/TaskStatusTag';
import { useSignedIn } from '../session/sessionStore';
import { filterTasks } from './taskFilter';
import { useTaskList } from './useTaskList';

const STATUSES: TaskStatus[] = ['assigned', 'in_progress', 'completed'];

export function TaskListPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { db, session } = useSignedIn();
  const data = useTaskList(db);
  const [text, setText] = useState('');
  const [districtCode, setDistrictCode] = useState<string | null>(null);
  const [status, setStatus] = useState<TaskStatus | null>(null);
  // Inspectors start with their own tasks; supervisors follow the whole unit's.
  const [mineOnly, setMineOnly] = useState(session.officer.role === 'inspector');
  const today = todayInShanghai();

  const rows = useMemo(
    () => filterTasks(data?.rows ?? [], { text, districtCode, status, officerId: mineOnly ? session.officer.id : null }),
    [data, text, districtCode, status, mineOnly, session.officer.id],
  );

  const columns: ColumnsType<TaskListRow> = [
    {
      title: t('tasks.enterprise'),
      key: 'enterprise',
      render: (_, { enterprise }) =>
        enterprise ? <Typography.Text strong>{enterprise.name}</Typography.Text> : <Typography.Text type="secondary">{t('tasks.unknownEnterprise')}</Typography.Text>,
    },
    { title: t('tasks.uscc'), key: 'uscc', render: (_, { task }) => <span className="mono">{task.enterpriseId}</span> },
    { title: t('tasks.district'), key: 'district', render: (_, { enterprise }) => (enterprise ? districtName(enterprise.districtCode) ?? enterprise.districtCode : '—') },
    { title: t('tasks.riskClass'), key: 'risk', render: (_, { enterprise }) => (enterprise ? <RiskClassTag riskClass={enterprise.riskClass} /> : '—') },
    {
      title: t('tasks.departments'),
      key: 'departments',
      render: (_, { task }) => (
        <Space size={[0, 4]} wrap>
          {task.departmentIds.map((id) => (
            <Tag key={id} color={id === session.officer.departmentId ? 'blue' : undefined}>{data?.reference.departments.get(id)?.name ?? id}</Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('tasks.dueDate'),
      key: 'due',
      render: (_, { task }) => (
        <Space size={4}>
          <span className="mono">{task.dueDate}</span>
          {task.status !== 'completed' && task.dueDate < today && <Tag color="error">{t('tasks.overdue')}</Tag>}
        </Space>
      ),
    },
    { title: t('tasks.status'), key: 'status', render: (_, { task }) => <TaskStatusTag status={task.status} /> },
  ];

  return (
    <Card
      title={t('tasks.title')}
      extra={<Typography.Text type="secondary">{t('tasks.count', { count: rows.length })}</Typography.Text>}
      className="page-card"
    >
      <Space wrap className="task-filters">
        <Input.Search allowClear placeholder={t('tasks.search')} value={text} onChange={(e) => setText(e.target.value)} style={{ width: 300 }} data-testid="task-search" />
        <Select<string | null>
          value={districtCode}
          onChange={setDistrictCode}
          style={{ width: 140 }}
          options={[{ value: null, label: t('tasks.allDistricts') }, ...YANTAI_DISTRICTS.map((d) => ({ value: d.code, label: d.name }))]}
        />
        <Select<TaskStatus | null>
          value={status}
          onChange={setStatus}
          style={{ width: 120 }}
          options={[{ value: null, label: t('tasks.allStatuses') }, ...STATUSES.map((s) => ({ value: s, label: t(`taskStatus.${s}`) }))]}
        />
        <Space size={6}>
          <Switch checked={mineOnly} onChange={setMineOnly} size="small" data-testid="tasks-mine-only" />
          <span>{t('tasks.mineOnly')}</span>
        </Space>
      </Space>
      <Table<TaskListRow>
        data-testid="task-list"
        rowKey={(r) => r.task.id}
        columns={columns}
        dataSource={rows}
        loading={data === undefined}
        size="middle"
        pagination={{ defaultPageSize: 100, showSizeChanger: true, pageSizeOptions: [50, 100, 500], hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description={t((data?.rows.length ?? 0) === 0 ? 'tasks.empty' : 'tasks.noMatch')} /> }}
        onRow={(r) => ({
          'data-testid': 'task-row',
          'data-task-id': r.task.id,
          onClick: () => void navigate(`/tasks/${encodeURIComponent(r.task.id)}`),
          className: 'clickable-row',
        }) as React.HTMLAttributes<HTMLTableRowElement>}
      />
    </Card>
  );
}
