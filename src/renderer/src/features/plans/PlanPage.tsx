import { useCallback, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, App, Button, Card, Descriptions, Input, Modal, Result, Space, Table, Tag, Typography, type ButtonProps } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { DrawView, PlanDetail } from '@shared/api/plans';
import { districtName } from '@shared/domain/districts';
import type { PlatformBridge } from '@shared/bridge';
import { downloadJson } from '../../lib/download';
import { formatDateTime } from '../../lib/time';
import { getBridge } from '../../platform/bridge';
import { errorMessage } from '../../platform/errors';
import type { ReferenceData } from '../../data/referenceRepository';
import { useSignedIn } from '../../state/sessionStore';
import { useSyncStore } from '../../state/syncStore';
import { useReference } from '../../hooks/liveQueries';
import { drawFailureOf, type DrawFailure } from './drawFailure';
import { RemoteState } from '../../components/RemoteState';
import { PLANS_REMOTE_TEXTS } from './remoteTexts';
import { DrawEstimate } from './DrawEstimate';
import { searchTeams } from './drawSearch';
import { useRemote } from '../../hooks/useRemote';

interface PlanAndDraw {
  plan: PlanDetail;
  draw: DrawView | null;
}

/** The plan (there is no single-plan endpoint: the unit's list is small) and, once drawn, its draw. */
async function loadPlan(bridge: PlatformBridge, planId: string): Promise<PlanAndDraw | null> {
  const plan = (await bridge.call('plans.list')).plans.find((p) => p.id === planId);
  if (!plan) return null;
  return { plan, draw: plan.draw ? await bridge.call('draws.get', { params: { planId } }) : null };
}

export function PlanPage() {
  const { t } = useTranslation();
  const { planId = '' } = useParams();
  const { db } = useSignedIn();
  const reference = useReference(db);
  const { remote, reload } = useRemote(useCallback(() => loadPlan(getBridge(), planId), [planId]));

  const back = <Link to="/plans">{t('plans.back')}</Link>;
  if (remote.status !== 'ready')
    return (
      <Card extra={back}>
        <RemoteState feature="plans" texts={PLANS_REMOTE_TEXTS} remote={remote} onRetry={reload} />
      </Card>
    );
  if (!remote.data) return <Result status="404" title={t('plans.notFound')} extra={back} />;
  const { plan, draw } = remote.data;
  const departmentName = (id: string) => reference?.departments.get(id)?.name ?? id;

  return (
    <Space orientation="vertical" size="middle" className="plan-page" data-testid="plan-page" data-plan-id={plan.id}>
      <Card title={plan.name} extra={back}>
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label={t('plans.departments')}>
            {plan.departmentIds.map((id) => (
              <div key={id}>
                <Tag>{departmentName(id)}</Tag>
                <Typography.Text type="secondary">
                  {t('plans.checkItemCount', { count: plan.checkItemIds[id]?.length ?? 0 })}
                </Typography.Text>
              </div>
            ))}
          </Descriptions.Item>
          <Descriptions.Item label={t('plans.population')}>{populationText(plan, t)}</Descriptions.Item>
          {plan.samplingRatios && (
            <Descriptions.Item label={t('plans.ratios')}>
              {Object.entries(plan.samplingRatios)
                .map(([c, ratio]) => `${c} ${ratio}%`)
                .join(' · ')}
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('plans.window')}>
            {plan.windowStart} – {plan.windowEnd}
          </Descriptions.Item>
          <Descriptions.Item label={t('plans.teamSize')}>{plan.teamSize ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('plans.seedSource')}>{plan.seedSource ?? '—'}</Descriptions.Item>
        </Descriptions>
      </Card>
      {draw ? <DrawResult plan={plan} draw={draw} reference={reference} /> : <RunDraw plan={plan} onDrawn={reload} />}
    </Space>
  );
}

function populationText(plan: PlanDetail, t: ReturnType<typeof useTranslation>['t']): string {
  const filter = plan.populationFilter;
  if (!filter) return t('plans.any');
  const parts = [
    filter.districtCodes.map((c) => districtName(c) ?? c).join('、'),
    filter.industries.join('、'),
    filter.entityCategories.map((c) => t(`plans.entityCategoryName.${c}`)).join('、'),
  ].filter((p) => p.length > 0);
  return parts.length > 0 ? parts.join('；') : t('plans.any');
}

function RunDraw({ plan, onDrawn }: { plan: PlanDetail; onDrawn: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { db } = useSignedIn();
  const runSync = useSyncStore((s) => s.run);
  const [seedValue, setSeedValue] = useState('');
  const [running, setRunning] = useState(false);
  const [failure, setFailure] = useState<DrawFailure | null>(null);
  const [confirming, setConfirming] = useState(false);

  async function run() {
    setRunning(true);
    setFailure(null);
    try {
      const view = await getBridge().call('draws.run', { params: { planId: plan.id }, body: { seedValue } });
      void message.success(t('plans.drawDone', { count: view.teams.length }));
      // The supervisor's own copy of the unit's tasks picks up the new ones straight away.
      void runSync(getBridge(), db);
      onDrawn();
    } catch (error) {
      setFailure(drawFailureOf(error));
    } finally {
      setRunning(false);
    }
  }

  return (
    <Card title={t('plans.draw')}>
      <Typography.Paragraph>{t('plans.runDrawHint', { source: plan.seedSource ?? '' })}</Typography.Paragraph>
      <Space wrap>
        <Input
          value={seedValue}
          onChange={(e) => setSeedValue(e.target.value)}
          placeholder={t('plans.seedValuePlaceholder')}
          aria-label={t('plans.seedValue')}
          maxLength={500}
          className="seed-input"
          data-testid="seed-value"
        />
        <Button
          type="primary"
          disabled={seedValue.trim() === ''}
          loading={running}
          onClick={() => setConfirming(true)}
          data-testid="run-draw"
        >
          {t('plans.runDraw')}
        </Button>
      </Space>
      {failure && <DrawFailureAlert failure={failure} />}
      <Modal
        open={confirming}
        width={720}
        title={t('plans.confirmDrawTitle')}
        okText={t('plans.confirm')}
        cancelText={t('common.cancel')}
        onOk={() => {
          setConfirming(false);
          void run();
        }}
        onCancel={() => setConfirming(false)}
        okButtonProps={{ 'data-testid': 'run-draw-confirm' } as ButtonProps}
      >
        <Typography.Paragraph data-testid="draw-confirmation">{t('plans.confirmDraw')}</Typography.Paragraph>
        {plan.populationFilter && plan.samplingRatios && plan.teamSize !== null && (
          <DrawEstimate
            request={{ populationFilter: plan.populationFilter, departmentIds: plan.departmentIds }}
            samplingRatios={plan.samplingRatios}
            teamSize={plan.teamSize}
            window={[plan.windowStart, plan.windowEnd]}
          />
        )}
      </Modal>
    </Card>
  );
}

function DrawFailureAlert({ failure }: { failure: DrawFailure }) {
  const { t } = useTranslation();
  if (failure.kind === 'offline')
    return <Alert className="draw-error" type="warning" showIcon title={t('plans.offline')} data-testid="draw-error" data-kind="offline" />;
  if (failure.kind === 'other') {
    return (
      <Alert
        className="draw-error"
        type="error"
        showIcon
        title={t('plans.drawFailed', { message: failure.message })}
        data-testid="draw-error"
        data-kind="other"
      />
    );
  }
  return (
    <Alert
      className="draw-error"
      type="error"
      showIcon
      data-testid="draw-error"
      data-kind="infeasible"
      data-constraints={failure.constraints.join(' ')}
      title={t('plans.infeasible')}
      description={
        <>
          <ul>
            {failure.constraints.map((c) => (
              <li key={c}>{t(`plans.constraint.${c}`)}</li>
            ))}
          </ul>
          <Typography.Text type="secondary" className="mono">
            {failure.message}
          </Typography.Text>
        </>
      }
    />
  );
}

function DrawResult({ plan, draw, reference }: { plan: PlanDetail; draw: DrawView; reference: ReferenceData | undefined }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { summary, workload } = draw;
  const [query, setQuery] = useState('');
  const teams = useMemo(() => searchTeams(draw.teams, query), [draw.teams, query]);
  const departmentName = (id: string) => reference?.departments.get(id)?.name ?? id;

  async function download(kind: 'publicity' | 'draw') {
    try {
      if (kind === 'publicity')
        downloadJson(`publicity-${plan.id}.json`, await getBridge().call('draws.publicity', { params: { planId: plan.id } }));
      else downloadJson(`draw-${plan.id}.json`, await getBridge().call('draws.file', { params: { planId: plan.id } }));
    } catch (error) {
      void message.error(t('plans.downloadFailed', { message: errorMessage(error) }));
    }
  }

  const columns: ColumnsType<DrawView['teams'][number]> = [
    { title: t('plans.enterprise'), key: 'name', render: (_, team) => <Typography.Text strong>{team.enterpriseName}</Typography.Text> },
    { title: t('plans.uscc'), key: 'uscc', render: (_, team) => <span className="mono">{team.enterpriseId}</span> },
    { title: t('plans.district'), key: 'district', render: (_, team) => districtName(team.districtCode) ?? team.districtCode },
    {
      title: t('plans.team'),
      key: 'team',
      render: (_, team) => (
        <Space size={[0, 4]} wrap>
          {team.officers.map((o, i) => (
            <Tag key={o.id} color={i === 0 ? 'blue' : undefined} data-officer-id={o.id}>
              {o.name} <span className="mono">{o.username}</span> · {departmentName(o.departmentId)}
            </Tag>
          ))}
        </Space>
      ),
    },
  ];

  return (
    <Card title={t('plans.result')} data-testid="draw-result" data-output-hash={summary.outputHash} data-drawn-count={summary.drawnCount}>
      <Descriptions column={1} size="small" bordered className="draw-record">
        <Descriptions.Item label={t('plans.seedValue')}>{summary.seedValue}</Descriptions.Item>
        <Descriptions.Item label={t('plans.seed')}>
          <span className="mono">{summary.seed}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('plans.populationHash')}>
          <span className="mono">{summary.populationHash}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('plans.outputHash')}>
          <span className="mono" data-testid="draw-output-hash">
            {summary.outputHash}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('plans.record')}>
          {t('plans.populationSize', { population: summary.populationSize, drawn: summary.drawnCount })}
        </Descriptions.Item>
        <Descriptions.Item label={t('plans.ranBy')}>{reference?.officers.get(summary.ranBy)?.name ?? summary.ranBy}</Descriptions.Item>
        <Descriptions.Item label={t('plans.ranAt')}>{formatDateTime(summary.ranAt)}</Descriptions.Item>
        <Descriptions.Item label={t('plans.workload')}>
          <span data-testid="draw-workload" data-spread={workload.spread}>
            {t('plans.workloadText', {
              officers: workload.officers,
              min: workload.minTasks,
              max: workload.maxTasks,
              spread: workload.spread,
              mean: workload.meanTasks.toFixed(2),
            })}
          </span>
        </Descriptions.Item>
      </Descriptions>
      <div className="draw-downloads">
        <div className="draw-download">
          <Button icon={<DownloadOutlined />} onClick={() => void download('publicity')} data-testid="download-publicity">
            {t('plans.downloadPublicity')}
          </Button>
          <Typography.Paragraph type="secondary" data-testid="publicity-hint">
            {t('plans.publicityHint')}
          </Typography.Paragraph>
        </div>
        <div className="draw-download">
          <Button icon={<DownloadOutlined />} onClick={() => void download('draw')} data-testid="download-draw-file">
            {t('plans.downloadDrawFile')}
          </Button>
          <Typography.Paragraph type="secondary" data-testid="draw-file-hint">
            {t('plans.drawFileHint')}
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary" className="mono">
            {t('plans.verifyHint')}
          </Typography.Paragraph>
        </div>
      </div>
      <Space wrap align="center" className="draw-teams-head">
        <Typography.Title level={5}>{t('plans.teams')}</Typography.Title>
        <Input.Search
          allowClear
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder={t('plans.teamSearch')}
          className="draw-team-search"
          data-testid="draw-team-search"
        />
        <Typography.Text type="secondary" data-testid="draw-team-count" data-count={teams.length}>
          {t('plans.teamCount', { count: teams.length, total: draw.teams.length })}
        </Typography.Text>
      </Space>
      <Table
        rowKey="taskId"
        size="small"
        columns={columns}
        dataSource={teams}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
        onRow={(team) => ({ 'data-testid': 'draw-team', 'data-task-id': team.taskId }) as React.HTMLAttributes<HTMLTableRowElement>}
      />
    </Card>
  );
}
