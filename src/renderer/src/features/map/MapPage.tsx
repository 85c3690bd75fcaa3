import { useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { Card, Checkbox, Input, List, Modal, Segmented, Select, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { YANTAI_DISTRICTS } from '@shared/domain/districts';
import { riskClassSchema, taskStatusSchema } from '@shared/domain/model';
import { todayInShanghai } from '../../lib/time';
import { msAttribute, stopwatch } from '../../lib/timing';
import { WaitingForTag } from '../../components/WaitingForTag';
import { useSignedIn } from '../../state/sessionStore';
import { usePlans } from '../../hooks/liveQueries';
import { useTaskList } from '../../hooks/useTaskList';
import { mapPointsOf } from '../../data/tasksRepository';
import { filterMapPoints, RISK_COLOURS, STATUS_COLOURS, type ColourMode, type MapFilters } from './mapPoints';
import { storedTileUrl, storeTileUrl, type TileStatus } from '../../lib/baseLayer';
import { TaskMap } from './TaskMap';

/** The task map: supervisors see their unit's tasks, inspectors their own (whatever was synced to this machine). */
export default function MapPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { db } = useSignedIn();
  // The task list's own rows: opened from the list, the map finds its tasks read.
  const list = useTaskList(db);
  const reference = list?.reference;
  const points = useMemo(() => list && mapPointsOf(list.rows), [list]);
  // How long the page waited for its tasks (nothing when they were read already), for the map benchmark.
  const [sinceOpened] = useState(() => stopwatch());
  const loadMs = useRef<number | null>(null);
  if (points) loadMs.current ??= sinceOpened();
  const plans = usePlans(db);
  const [filters, setFilters] = useState<MapFilters>({});
  const [colourMode, setColourMode] = useState<ColourMode>('status');
  const [tileUrl, setTileUrl] = useState(storedTileUrl);
  const [tileStatus, setTileStatus] = useState<TileStatus>('off');
  const [cluster, setCluster] = useState<{ taskIds: string[]; total: number } | null>(null);
  const today = todayInShanghai();
  const filtered = useMemo(() => (points ? filterMapPoints(points, filters, today) : []), [points, filters, today]);
  // The points of the clicked cluster's list, looked up when it is clicked rather than indexed for every task.
  const byTask = useMemo(() => {
    const ids = new Set(cluster?.taskIds);
    return new Map(ids.size > 0 ? points?.filter((p) => ids.has(p.task.id)).map((p) => [p.task.id, p]) : []);
  }, [points, cluster]);
  const waiting = useMemo(() => filtered.filter((p) => (p.waitingFor ?? []).length > 0), [filtered]);
  const departmentName = (id: string) => reference?.departments.get(id)?.name ?? id;
  const set = (patch: MapFilters) => setFilters((current) => ({ ...current, ...patch }));
  /** One filter; cleared, it no longer narrows the points. */
  const filterSelect = <K extends 'planId' | 'departmentId' | 'districtCode' | 'status' | 'riskClass'>(
    key: K,
    placeholder: string,
    minWidth: number,
    testId: string,
    options: { value: NonNullable<MapFilters[K]>; label: string }[] | undefined,
  ) => (
    <Select
      allowClear
      placeholder={placeholder}
      style={{ minWidth }}
      data-testid={testId}
      value={filters[key]}
      onChange={(value?: MapFilters[K]) => set({ [key]: value })}
      options={options}
    />
  );

  const legend =
    colourMode === 'status'
      ? taskStatusSchema.options.map((s) => [t(`components.taskStatus.${s}`), STATUS_COLOURS[s]] as const)
      : riskClassSchema.options.map((r) => [r, RISK_COLOURS[r]] as const);

  return (
    <Card
      className="page-card"
      title={t('map.title')}
      data-testid="map-page"
      data-load-ms={loadMs.current === null ? undefined : msAttribute(loadMs.current)}
    >
      <Space wrap style={{ marginBottom: 12 }}>
        {filterSelect(
          'planId',
          t('map.plan'),
          200,
          'map-filter-plan',
          plans?.map((p) => ({ value: p.id, label: p.name })),
        )}
        {filterSelect(
          'departmentId',
          t('map.department'),
          140,
          'map-filter-department',
          [...(reference?.departments.values() ?? [])].map((d) => ({ value: d.id, label: d.name })),
        )}
        {filterSelect(
          'districtCode',
          t('map.district'),
          120,
          'map-filter-district',
          YANTAI_DISTRICTS.map((d) => ({ value: d.code, label: d.name })),
        )}
        {filterSelect(
          'status',
          t('map.status'),
          110,
          'map-filter-status',
          taskStatusSchema.options.map((s) => ({ value: s, label: t(`components.taskStatus.${s}`) })),
        )}
        {filterSelect(
          'riskClass',
          t('map.riskClass'),
          110,
          'map-filter-risk',
          riskClassSchema.options.map((r) => ({ value: r, label: r })),
        )}
        <Checkbox
          data-testid="map-filter-overdue"
          checked={filters.overdueOnly ?? false}
          onChange={(e) => set({ overdueOnly: e.target.checked })}
        >
          {t('map.overdue')}
        </Checkbox>
        <Segmented<ColourMode>
          data-testid="map-colour-mode"
          value={colourMode}
          onChange={setColourMode}
          options={[
            { value: 'status', label: t('map.byStatus') },
            { value: 'risk', label: t('map.byRisk') },
          ]}
        />
        <Typography.Text data-testid="map-count" data-count={filtered.length}>
          {t('map.count', { count: filtered.length })}
        </Typography.Text>
      </Space>
      <div className="map-legend" data-testid="map-legend" data-mode={colourMode}>
        {legend.map(([label, colour]) => (
          <Tag key={label} color={colour}>
            {label}
          </Tag>
        ))}
        {waiting.length > 0 && (
          <Typography.Link
            data-testid="map-waiting"
            data-count={waiting.length}
            onClick={() => setCluster({ taskIds: waiting.map((p) => p.task.id), total: waiting.length })}
          >
            {t('map.waiting', { count: waiting.length })}
          </Typography.Link>
        )}
      </div>
      {/* Mounted before the tasks are read, so the outlines and the cluster worker start meanwhile. */}
      <TaskMap
        points={points ? filtered : null}
        colourMode={colourMode}
        tileUrl={tileUrl.trim() || null}
        onOpenTask={(taskId) => navigate(`/tasks/${taskId}`)}
        onCluster={(taskIds, total) => setCluster({ taskIds, total })}
        onTileStatus={setTileStatus}
      />
      <Input
        data-testid="map-tile-url"
        addonBefore={t('map.tileUrl')}
        placeholder="https://tiles.example.gov.cn/{z}/{x}/{y}.png"
        style={{ marginTop: 12 }}
        defaultValue={tileUrl}
        onBlur={(e) => {
          storeTileUrl(e.target.value);
          setTileUrl(e.target.value.trim());
        }}
      />
      {tileStatus === 'unreachable' && (
        <Typography.Text type="secondary" data-testid="map-tiles-unreachable">
          {t('map.tilesUnreachable')}
        </Typography.Text>
      )}
      {/* Mounted when a cluster is clicked: the dialog and its list have nothing to do while the map opens. */}
      {cluster && (
        <Modal open footer={null} onCancel={() => setCluster(null)} title={t('map.clusterTitle', { count: cluster.total })}>
          <List
            data-testid="cluster-list"
            size="small"
            dataSource={cluster.taskIds}
            renderItem={(taskId) => (
              <List.Item>
                <Typography.Link data-testid="cluster-task" data-task-id={taskId} onClick={() => navigate(`/tasks/${taskId}`)}>
                  {byTask.get(taskId)?.enterprise.name ?? taskId}
                </Typography.Link>
                <WaitingForTag departmentIds={byTask.get(taskId)?.waitingFor ?? []} departmentName={departmentName} />
              </List.Item>
            )}
            footer={cluster.total > cluster.taskIds.length ? t('map.clusterMore', { count: cluster.total - cluster.taskIds.length }) : null}
          />
        </Modal>
      )}
    </Card>
  );
}
