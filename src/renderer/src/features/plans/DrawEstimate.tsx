// What a draw will ask of the unit, shown before it is created and again before it is run: the population per risk
// class, the tasks the draw's rounding gives, and the load per inspector over the window against the unit's capacity.
import { useCallback, useEffect, useState } from 'react';
import { Alert, InputNumber, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PopulationRequest } from '@shared/api/plans';
import { workingDaysIn } from '@shared/calendar/workingDays';
import type { RiskClass } from '@shared/domain/model';
import { estimateDraw } from '@shared/draw/estimate';
import type { SamplingRatios } from '@shared/draw/schema';
import { getBridge } from '../../platform/bridge';
import { useRemote } from '../../hooks/useRemote';
import { RemoteState } from '../../components/RemoteState';
import { RiskClassTag } from '../../components/RiskClassTag';
import { PLANS_REMOTE_TEXTS } from './remoteTexts';
import { RISK_CLASSES } from './planForm';
import { useCapacity } from './capacity';

export interface DrawEstimateProps {
  request: PopulationRequest;
  samplingRatios: SamplingRatios;
  teamSize: number;
  window: [string, string] | null;
  /** The capacity can be changed here (the plan form), or is only shown (the draw confirmation). */
  editableCapacity?: boolean;
}

interface EstimateRow {
  riskClass: RiskClass;
  ratio: number;
  population: number;
  drawn: number;
}

/** The request as a stable key, so the population is asked again only when the filter or the departments change. */
function usePopulation(request: PopulationRequest) {
  const key = JSON.stringify(request);
  const [settled, setSettled] = useState(key);
  // Typing in a filter asks once the officer pauses, not at every key.
  useEffect(() => {
    const timer = setTimeout(() => setSettled(key), 300);
    return () => clearTimeout(timer);
  }, [key]);
  return useRemote(useCallback(() => getBridge().call('plans.population', { body: JSON.parse(settled) as PopulationRequest }), [settled]));
}

export function DrawEstimate({ request, samplingRatios, teamSize, window, editableCapacity = false }: DrawEstimateProps) {
  const { t } = useTranslation();
  const [capacity, setCapacity] = useCapacity();
  const { remote, reload } = usePopulation(request);
  if (remote.status !== 'ready')
    return (
      <div data-testid="draw-estimate" data-state={remote.status}>
        <RemoteState feature="plans" texts={PLANS_REMOTE_TEXTS} remote={remote} onRetry={reload} />
      </div>
    );
  const workingDays = window ? workingDaysIn(window[0], window[1]) : 0;
  const estimate = estimateDraw({
    population: remote.data.byClass,
    samplingRatios,
    teamSize,
    inspectorsByDepartment: remote.data.inspectorsByDepartment,
    workingDays,
    capacityPerWorkingDay: capacity,
  });
  const rows: EstimateRow[] = RISK_CLASSES.map((riskClass) => ({
    riskClass,
    ratio: samplingRatios[riskClass],
    ...estimate.byClass[riskClass],
  }));
  const perInspector = Math.ceil(estimate.tasksPerInspector);

  return (
    <div
      className="draw-estimate"
      data-testid="draw-estimate"
      data-state="ready"
      data-tasks={estimate.tasks}
      data-population={estimate.population}
      data-per-inspector={perInspector}
      data-over-capacity={String(estimate.overCapacity)}
    >
      <Table<EstimateRow>
        size="small"
        pagination={false}
        rowKey="riskClass"
        dataSource={rows}
        columns={[
          {
            title: t('plans.estimate.riskClass'),
            key: 'class',
            render: (_, r) => <RiskClassTag riskClass={r.riskClass} />,
          },
          { title: t('plans.estimate.population'), dataIndex: 'population', align: 'right' },
          { title: t('plans.estimate.ratio'), key: 'ratio', align: 'right', render: (_, r) => `${r.ratio}%` },
          { title: t('plans.estimate.drawn'), dataIndex: 'drawn', align: 'right' },
        ]}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>{t('plans.estimate.total')}</Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">
              {estimate.population}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={2} />
            <Table.Summary.Cell index={3} align="right">
              <Typography.Text strong data-testid="estimate-tasks">
                {estimate.tasks}
              </Typography.Text>
            </Table.Summary.Cell>
          </Table.Summary.Row>
        )}
      />
      <Typography.Paragraph className="draw-estimate-load" data-testid="estimate-load">
        {t('plans.estimate.load', {
          count: estimate.tasks,
          inspectors: estimate.inspectors,
          perInspector,
          workingDays,
          perDay: estimate.tasksPerInspectorPerWorkingDay.toFixed(1),
        })}
      </Typography.Paragraph>
      <Space wrap align="center">
        <span>{t('plans.estimate.capacity')}</span>
        {editableCapacity ? (
          <InputNumber
            min={0.1}
            max={20}
            step={0.5}
            precision={1}
            value={capacity}
            onChange={(value) => value !== null && setCapacity(value)}
            data-testid="estimate-capacity"
          />
        ) : (
          <Typography.Text strong data-testid="estimate-capacity">
            {capacity}
          </Typography.Text>
        )}
        <Typography.Text type="secondary">{t('plans.estimate.capacityHint', { total: estimate.capacityPerInspector })}</Typography.Text>
      </Space>
      {estimate.overCapacity && (
        <Alert
          type="warning"
          showIcon
          className="draw-estimate-alert"
          data-testid="estimate-over-capacity"
          title={t('plans.estimate.overCapacity', { perInspector, capacity: estimate.capacityPerInspector })}
          description={t('plans.estimate.overCapacityHint')}
        />
      )}
      {estimate.departmentsWithoutInspectors.length > 0 && (
        <Alert
          type="error"
          showIcon
          className="draw-estimate-alert"
          title={t('plans.estimate.noInspectors')}
          data-testid="estimate-no-inspectors"
        />
      )}
    </div>
  );
}
