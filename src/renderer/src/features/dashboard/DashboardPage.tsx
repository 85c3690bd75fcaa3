import { useMemo } from 'react';
import { Link } from 'react-router';
import { Card, Col, Row, Skeleton, Statistic, Table, Tag } from 'antd';
import type { EChartsOption } from 'echarts';
import { useTranslation } from 'react-i18next';
import { DueDate } from '../../components/DueDate';
import { districtName } from '@shared/domain/districts';
import { resultCategoryLabel } from '@shared/domain/resultCategories';
import type { ProgressSummary } from '@shared/review/progress';
import { useSignedIn } from '../../state/sessionStore';
import { useEnterpriseNames, useProgressSummary, useReference } from '../../hooks/liveQueries';
import { Chart } from './Chart';

const bar = (labels: string[], values: number[], color: string): EChartsOption => ({
  grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
  tooltip: { trigger: 'axis' },
  xAxis: { type: 'category', data: labels, axisLabel: { interval: 0, rotate: labels.length > 6 ? 30 : 0 } },
  yAxis: { type: 'value', minInterval: 1 },
  series: [{ type: 'bar', data: values, itemStyle: { color }, label: { show: true, position: 'top' } }],
});

/** The supervisor's campaign at a glance, from the records synced to this machine (works offline). */
/** A bar chart of [label, value] entries, which it also carries as its data-series. */
const barChart = (entries: (readonly [string, number])[], colour: string) => ({
  series: Object.fromEntries(entries),
  option: bar(
    entries.map((e) => e[0]),
    entries.map((e) => e[1]),
    colour,
  ),
});

export default function DashboardPage() {
  const { t, i18n } = useTranslation();
  const { db } = useSignedIn();
  const reference = useReference(db);
  const summary = useProgressSummary(db);
  const names = useEnterpriseNames(db, summary?.pendingPublication.map((p) => p.enterpriseId) ?? []);
  const language = i18n.language === 'en' ? 'en' : 'zh';
  const charts = useMemo(() => (summary ? chartsOf(summary) : null), [summary, reference, language]);

  function chartsOf(s: ProgressSummary) {
    const status = Object.entries(s.byStatus).map(([k, v]) => [t(`components.taskStatus.${k}`), v] as const);
    const district = s.byDistrict.map((d) => [districtName(d.districtCode) ?? d.districtCode, d.total] as const);
    const department = s.byDepartment.map(
      (d) => [reference?.departments.get(d.departmentId)?.name ?? d.departmentId, d.completed] as const,
    );
    const results = s.resultCategories.map((r) => [resultCategoryLabel(r.resultCategory, language), r.count] as const);
    return {
      status: barChart(status, '#1f4e99'),
      district: barChart(district, '#3a7bd5'),
      department: barChart(department, '#52a36b'),
      results: {
        series: Object.fromEntries(results),
        option: {
          tooltip: { trigger: 'item' },
          legend: { type: 'scroll', bottom: 0 },
          series: [
            {
              type: 'pie',
              radius: ['30%', '55%'],
              center: ['50%', '45%'],
              // Category names are long (above all in English): wrapped, never cut off.
              label: { overflow: 'break' },
              data: results.map(([name, value]) => ({ name, value })),
            },
          ],
        } satisfies EChartsOption,
      },
    };
  }

  if (!summary || !charts)
    return (
      <Card className="page-card">
        <Skeleton active />
      </Card>
    );
  const stat = (key: string, title: string, value: number, color?: string) => (
    <Col xs={12} md={6} key={key}>
      <Card>
        <Statistic title={title} value={value} valueStyle={color ? { color } : undefined} />
        <span hidden data-testid={`stat-${key}`} data-value={value} />
      </Card>
    </Col>
  );

  return (
    <Row gutter={[16, 16]} data-testid="dashboard">
      {stat('total', t('dashboard.total'), summary.total)}
      {stat('completed', t('dashboard.completed'), summary.byStatus.completed, '#389e0d')}
      {stat('awaitingReview', t('dashboard.awaitingReview'), summary.byReviewStatus.awaiting_review + summary.byReviewStatus.corrected)}
      {stat('overdue', t('dashboard.overdue'), summary.overdueForPublication, summary.overdueForPublication > 0 ? '#cf1322' : undefined)}
      {(
        [
          ['status', t('dashboard.byStatus')],
          ['district', t('dashboard.byDistrict')],
          ['department', t('dashboard.byDepartment')],
          ['results', t('dashboard.results')],
        ] as const
      ).map(([key, title]) => (
        <Col key={key} xs={24} lg={12}>
          <Card title={title}>
            <Chart testId={`chart-${key}`} {...charts[key]} />
          </Card>
        </Col>
      ))}
      <Col span={24}>
        <Card title={t('dashboard.pendingPublication')}>
          <Table
            data-testid="pending-publication"
            size="small"
            rowKey="taskId"
            dataSource={summary.pendingPublication}
            pagination={{ pageSize: 10 }}
            columns={[
              {
                title: t('dashboard.enterprise'),
                key: 'enterprise',
                render: (_: unknown, p: ProgressSummary['pendingPublication'][number]) => (
                  <Link to={`/tasks/${encodeURIComponent(p.taskId)}`} data-testid="pending-task" data-task-id={p.taskId}>
                    {names.get(p.enterpriseId) ?? p.enterpriseId}
                  </Link>
                ),
              },
              { title: t('dashboard.checkedOn'), dataIndex: 'checkedOn' },
              {
                title: t('dashboard.dueOn'),
                key: 'dueOn',
                render: (_: unknown, p: ProgressSummary['pendingPublication'][number]) => (
                  <DueDate dueOn={p.dueOn} calendarKnown={p.calendarKnown} />
                ),
              },
              {
                title: t('dashboard.daysLeft'),
                key: 'left',
                render: (_: unknown, p: ProgressSummary['pendingPublication'][number]) =>
                  p.overdue ? (
                    <Tag color="error">{t('dashboard.overdueBy', { count: -p.workingDaysLeft })}</Tag>
                  ) : (
                    <Tag color={p.workingDaysLeft <= 3 ? 'warning' : 'default'}>{t('dashboard.left', { count: p.workingDaysLeft })}</Tag>
                  ),
              },
            ]}
          />
        </Card>
      </Col>
    </Row>
  );
}
