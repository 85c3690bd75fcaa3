import { memo, useCallback, useDeferredValue, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { Card, Empty, Input, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { YANTAI_DISTRICTS, districtName } from '@shared/domain/districts';
import type { RiskClass, TaskStatus } from '@shared/domain/model';
import type { TaskListRow } from '../../data/tasksRepository';
import { todayInShanghai } from '../../lib/time';
import { RiskClassTag } from '../../components/RiskClassTag';
import { TaskStatusTag } from '../../components/TaskStatusTag';
import { WaitingForTag } from '../../components/WaitingForTag';
import { useSignedIn } from '../../state/sessionStore';
import { dueState, filterTasks, sortTasks, type DueFilter, type TaskSort } from './taskFilter';
import { useTaskList } from '../../hooks/useTaskList';
import { useSyncStore } from '../../state/syncStore';
import { emptyListKey } from './emptyList';

const STATUSES: TaskStatus[] = ['assigned', 'in_progress', 'completed'];
const RISK_CLASSES: RiskClass[] = ['E', 'D', 'C', 'B', 'A'];
const DUE_FILTERS: { value: DueFilter; key: string }[] = [
  { value: 'overdue', key: 'tasks.filters.overdue' },
  { value: 'due_soon', key: 'tasks.filters.dueSoon' },
  { value: 'later', key: 'tasks.filters.later' },
];
const NO_ROWS: TaskListRow[] = [];
const SORTS: { value: TaskSort; key: string }[] = [
  { value: 'due_asc', key: 'tasks.filters.sortDueAsc' },
  { value: 'due_desc', key: 'tasks.filters.sortDueDesc' },
  { value: 'risk_desc', key: 'tasks.filters.sortRisk' },
  { value: 'name', key: 'tasks.filters.sortName' },
];

/**
 * A column cell that re-renders only for a changed row or new columns (language, date, department names): rows keep
 * their identity while unchanged (see shareTaskList), and every Table render would otherwise redraw every cell.
 */
function cellOnce(render: (row: TaskListRow) => React.ReactNode): Pick<ColumnsType<TaskListRow>[number], 'render' | 'shouldCellUpdate'> {
  const drawn = new WeakSet<TaskListRow>();
  return {
    render: (_, row) => {
      drawn.add(row);
      return render(row);
    },
    shouldCellUpdate: (row, previous) => row !== previous || !drawn.has(row),
  };
}

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
  const [due, setDue] = useState<DueFilter | null>(null);
  const [riskClass, setRiskClass] = useState<RiskClass | null>(null);
  const [departmentId, setDepartmentId] = useState<string | null>(null);
  const [planId, setPlanId] = useState<string | null>(null);
  const [sort, setSort] = useState<TaskSort>('due_asc');
  const [focused, setFocused] = useState(0);
  const table = useRef<HTMLDivElement>(null);
  const today = todayInShanghai();

  const rows = useMemo(
    () =>
      sortTasks(
        filterTasks(
          data?.rows ?? [],
          { text, districtCode, status, officerId: mineOnly ? session.officer.id : null, due, riskClass, departmentId, planId },
          today,
        ),
        sort,
      ),
    [data, text, districtCode, status, mineOnly, session.officer.id, due, riskClass, departmentId, planId, sort, today],
  );
  // A page of rows is hundreds of antd components: render it interruptibly, so a sync page or the instant check's
  // input is not held up behind it (the table shows the previous rows meanwhile; a spinner while it has none).
  const shown = useDeferredValue(rows, NO_ROWS);
  const pending = shown !== rows && shown.length === 0;
  const open = useCallback((row: TaskListRow | undefined) => row && void navigate(`/tasks/${encodeURIComponent(row.task.id)}`), [navigate]);

  /** ↑/↓ move through the visible tasks, Enter opens the selected one. */
  function onKeyDown(event: React.KeyboardEvent) {
    if (!['ArrowDown', 'ArrowUp', 'Enter'].includes(event.key) || (event.target as HTMLElement).closest('.ant-select, input')) return;
    event.preventDefault();
    if (event.key === 'Enter') return open(shown[focused]);
    const next = Math.min(Math.max(focused + (event.key === 'ArrowDown' ? 1 : -1), 0), shown.length - 1);
    setFocused(next);
    table.current?.querySelectorAll('tr[data-testid="task-row"]')[next]?.scrollIntoView({ block: 'nearest' });
  }

  const departments = data?.reference.departments;
  // The plans of the tasks on this machine, named as the rows name them.
  const plans = useMemo(
    () =>
      [...new Map((data?.rows ?? []).map((r) => [r.task.planId, r.planName ?? r.task.planId])).entries()].map(([value, label]) => ({
        value,
        label,
      })),
    [data],
  );
  const ownDepartment = session.officer.departmentId;
  const columns = useMemo(
    (): ColumnsType<TaskListRow> => [
      {
        title: t('tasks.enterprise'),
        key: 'enterprise',
        ...cellOnce(({ enterprise, isNew }) => (
          <span className="cell-items">
            {isNew && (
              <Tag color="green" data-testid="task-new">
                {t('tasks.new')}
              </Tag>
            )}
            {enterprise ? (
              <strong>{enterprise.name}</strong>
            ) : (
              <Typography.Text type="secondary">{t('tasks.unknownEnterprise')}</Typography.Text>
            )}
          </span>
        )),
      },
      { title: t('tasks.plan'), key: 'plan', ...cellOnce(({ planName }) => planName ?? '—') },
      { title: t('tasks.uscc'), key: 'uscc', ...cellOnce(({ task }) => <span className="mono">{task.enterpriseId}</span>) },
      {
        title: t('tasks.district'),
        key: 'district',
        ...cellOnce(({ enterprise }) => (enterprise ? (districtName(enterprise.districtCode) ?? enterprise.districtCode) : '—')),
      },
      {
        title: t('tasks.riskClass'),
        key: 'risk',
        ...cellOnce(({ enterprise }) => (enterprise ? <RiskClassTag riskClass={enterprise.riskClass} /> : '—')),
      },
      {
        title: t('tasks.departments'),
        key: 'departments',
        ...cellOnce(({ task }) => (
          <span className="cell-items">
            {task.departmentIds.map((id) => (
              <Tag key={id} color={id === ownDepartment ? 'blue' : undefined}>
                {departments?.get(id)?.name ?? id}
              </Tag>
            ))}
          </span>
        )),
      },
      {
        title: t('tasks.dueDate'),
        key: 'due',
        ...cellOnce((row) => {
          const state = dueState(row, today);
          return (
            <span className="cell-items">
              <span className="mono">{row.task.dueDate}</span>
              {state === 'overdue' && (
                <Tag color="error" data-testid="overdue">
                  {t('tasks.overdue')}
                </Tag>
              )}
              {state === 'due_soon' && (
                <Tag color="warning" data-testid="due-soon">
                  {t('tasks.filters.dueSoonTag')}
                </Tag>
              )}
            </span>
          );
        }),
      },
      {
        title: t('tasks.status'),
        key: 'status',
        ...cellOnce(({ task, waitingFor }) => (
          <span className="cell-items">
            <TaskStatusTag status={task.status} />
            <WaitingForTag departmentIds={waitingFor ?? []} departmentName={(id) => departments?.get(id)?.name ?? id} />
          </span>
        )),
      },
    ],
    [t, departments, ownDepartment, today],
  );

  return (
    <Card
      title={t('tasks.title')}
      extra={<Typography.Text type="secondary">{t('tasks.count', { count: shown.length })}</Typography.Text>}
      className="page-card"
    >
      <Space wrap className="task-filters">
        <Input.Search
          allowClear
          placeholder={t('tasks.search')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          style={{ width: 300 }}
          data-testid="task-search"
        />
        {anyOrSelect(
          undefined,
          districtCode,
          setDistrictCode,
          140,
          t('tasks.allDistricts'),
          YANTAI_DISTRICTS.map((d) => ({ value: d.code, label: d.name })),
        )}
        {anyOrSelect(
          undefined,
          status,
          setStatus,
          120,
          t('tasks.allStatuses'),
          STATUSES.map((s) => ({ value: s, label: t(`components.taskStatus.${s}`) })),
        )}
        {anyOrSelect(
          'filter-due',
          due,
          setDue,
          130,
          t('tasks.filters.anyDue'),
          DUE_FILTERS.map((d) => ({ value: d.value, label: t(d.key) })),
        )}
        {anyOrSelect(
          'filter-risk',
          riskClass,
          setRiskClass,
          130,
          t('tasks.filters.anyRisk'),
          RISK_CLASSES.map((r) => ({ value: r, label: `${r} · ${t('components.riskClass.internal')}` })),
        )}
        {anyOrSelect(
          'filter-department',
          departmentId,
          setDepartmentId,
          180,
          t('tasks.filters.anyDepartment'),
          [...(data?.reference.departments.values() ?? [])].map((d) => ({ value: d.id, label: d.name })),
        )}
        {anyOrSelect('filter-plan', planId, setPlanId, 220, t('tasks.filters.anyPlan'), plans)}
        <Select<TaskSort>
          data-testid="task-sort"
          value={sort}
          onChange={setSort}
          style={{ width: 170 }}
          options={SORTS.map((o) => ({ value: o.value, label: t(o.key) }))}
        />
        <Space size={6}>
          <Switch checked={mineOnly} onChange={setMineOnly} size="small" data-testid="tasks-mine-only" />
          <span>{t('tasks.mineOnly')}</span>
        </Space>
      </Space>
      <Typography.Text type="secondary" className="category-hint">
        {t('tasks.filters.keyboard')} {t('tasks.filters.newFirst')}
      </Typography.Text>
      {/* data-current: the rows drawn are the latest read (the deferred render has caught up). */}
      <div
        ref={table}
        tabIndex={0}
        onKeyDown={onKeyDown}
        data-testid="task-list-keys"
        data-current={shown === rows}
        className="task-list-keys"
      >
        <TaskTable
          rows={shown}
          columns={columns}
          loading={data === undefined || pending}
          focused={focused}
          today={today}
          // Whether any task is here, not how many: the count changes with nearly every read of a first sync.
          anyOnMachine={(data?.rows.length ?? 0) > 0}
          onOpen={open}
        />
      </div>
    </Card>
  );
}

const PAGINATION = { defaultPageSize: 100, showSizeChanger: true, pageSizeOptions: [50, 100, 500], hideOnSinglePage: true };
const rowKey = (row: TaskListRow) => row.task.id;

/**
 * The table, drawn again only when what it shows changes. The page renders again whenever the list is read (a pull
 * page, an edit) in a render React does not interrupt, while the rows it shows change only in the deferred render
 * after it: a page of rows drawn again there held the window up for nothing.
 */
const TaskTable = memo(function TaskTable({
  rows,
  columns,
  loading,
  focused,
  today,
  anyOnMachine,
  onOpen,
}: {
  rows: TaskListRow[];
  columns: ColumnsType<TaskListRow>;
  loading: boolean;
  focused: number;
  today: string;
  anyOnMachine: boolean;
  onOpen: (row: TaskListRow) => void;
}) {
  return (
    <Table<TaskListRow>
      data-testid="task-list"
      rowKey={rowKey}
      columns={columns}
      dataSource={rows}
      loading={loading}
      size="middle"
      pagination={PAGINATION}
      locale={{ emptyText: <TaskListEmpty anyOnMachine={anyOnMachine} /> }}
      onRow={(r, i) => {
        const state = dueState(r, today) ?? 'done';
        return {
          'data-testid': 'task-row',
          'data-task-id': r.task.id,
          'data-due': state,
          'data-new': String(r.isNew ?? false),
          'aria-selected': i === focused,
          onClick: () => onOpen(r),
          className: `clickable-row due-${state} ${i === focused ? 'row-focused' : ''}`,
        } as React.HTMLAttributes<HTMLTableRowElement>;
      }}
    />
  );
});

/** What an empty list says, following the sync on its own: the page does not render again as a sync starts and ends. */
function TaskListEmpty({ anyOnMachine }: { anyOnMachine: boolean }) {
  const { t } = useTranslation();
  const sync = useSyncStore((s) => s.state);
  const lastSyncedAt = useSyncStore((s) => s.lastSyncedAt);
  return <Empty data-testid="task-list-empty" description={t(emptyListKey({ anyOnMachine, sync, lastSyncedAt }))} />;
}

/** A filter whose first choice, null, lets every task through. */
function anyOrSelect<V extends string>(
  testId: string | undefined,
  value: V | null,
  onChange: (value: V | null) => void,
  width: number,
  anyLabel: string,
  options: { value: V; label: string }[],
) {
  return (
    <Select<V | null>
      data-testid={testId}
      value={value}
      onChange={onChange}
      style={{ width }}
      options={[{ value: null, label: anyLabel }, ...options]}
    />
  );
}
