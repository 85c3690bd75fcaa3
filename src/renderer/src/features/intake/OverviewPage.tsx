// The intake of a half-month period: which departments have submitted and which have not, what became of their rows,
// their open returns, and the disputes waiting for reviewers. The current period first; earlier ones a click away.
import { useCallback, useState } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Card, Empty, Space, Statistic, Table, Tag, Typography } from 'antd';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { IntakeDepartmentPeriod } from '@shared/api/intake';
import { previousHalfMonthPeriod } from '@shared/intake/periods';
import { getBridge } from '../../platform/bridge';
import { formatDateTime } from '../../lib/time';
import { useRemote } from '../../hooks/useRemote';
import { useSessionStore, useSignedIn } from '../../state/sessionStore';
import { reviewsDisputes } from '../../state/roles';
import { bySubmission, kindTitle, nextPeriodDate } from './intakeView';
import { Counts, IntakeRemoteState } from './parts';
import { CleaningRuns } from './CleaningRuns';

export function OverviewPage() {
  const { t } = useTranslation();
  const language = useSessionStore((s) => s.language);
  const { session } = useSignedIn();
  // Any date of the period shown; none: today's period.
  const [date, setDate] = useState<string | undefined>(undefined);
  const { remote, reload } = useRemote(useCallback(() => getBridge().call('intake.overview', { query: { date } }), [date]));
  if (remote.status !== 'ready') return <IntakeRemoteState remote={remote} onRetry={reload} />;
  const overview = remote.data;
  const { missing, submitted } = bySubmission(overview.departments);
  const current = overview.period.start <= overview.today && overview.today <= overview.period.end;

  const columns: ColumnsType<IntakeDepartmentPeriod> = [
    {
      title: t('intake.overview.department'),
      key: 'department',
      render: (_, d) => <Typography.Text strong>{d.departmentName}</Typography.Text>,
    },
    {
      title: t('intake.overview.submitted'),
      key: 'submitted',
      render: (_, d) =>
        d.submitted ? (
          <Tag color="success">{t('intake.overview.yes', { count: d.batches })}</Tag>
        ) : (
          <Tag color="error">{t('intake.overview.no')}</Tag>
        ),
    },
    {
      title: t('intake.overview.kinds'),
      key: 'kinds',
      render: (_, d) => (
        <Space size={[0, 4]} wrap>
          {d.kinds.map((kind) => (
            <Tag key={kind}>{kindTitle(kind, language)}</Tag>
          ))}
        </Space>
      ),
    },
    { title: t('intake.overview.lastUpload'), key: 'last', render: (_, d) => (d.lastUploadedAt ? formatDateTime(d.lastUploadedAt) : '—') },
    { title: t('intake.batches.counts'), key: 'counts', render: (_, d) => (d.submitted ? <Counts counts={d.counts} /> : null) },
    {
      title: t('intake.overview.openReturns'),
      key: 'returns',
      render: (_, d) =>
        d.openReturns > 0 ? <Tag color="warning">{d.openReturns}</Tag> : <Typography.Text type="secondary">0</Typography.Text>,
    },
  ];

  return (
    <Card
      className="page-card"
      data-testid="intake-overview"
      data-period={overview.period.start}
      title={
        <Space>
          <Button
            size="small"
            icon={<LeftOutlined />}
            aria-label={t('intake.overview.previous')}
            data-testid="intake-overview-previous"
            onClick={() => setDate(previousHalfMonthPeriod(overview.period).start)}
          />
          <span>
            {t('intake.overview.title', { label: overview.period.label, start: overview.period.start, end: overview.period.end })}
          </span>
          <Button
            size="small"
            icon={<RightOutlined />}
            aria-label={t('intake.overview.next')}
            disabled={current}
            data-testid="intake-overview-next"
            onClick={() => setDate(nextPeriodDate(overview.period))}
          />
        </Space>
      }
    >
      <Space size="large" wrap style={{ marginBottom: 16 }}>
        <Statistic title={t('intake.overview.departments')} value={overview.departments.length} />
        <Statistic title={t('intake.overview.submittedCount')} value={submitted.length} />
        <Statistic
          title={t('intake.overview.missingCount')}
          value={missing.length}
          styles={{ content: { color: missing.length > 0 ? '#cf1322' : undefined } }}
        />
        <Statistic
          title={t('intake.overview.openDisputes')}
          value={overview.openDisputes}
          suffix={
            reviewsDisputes(session.officer.role) && overview.openDisputes > 0 ? (
              <Link to="/intake/disputes">{t('intake.overview.toDisputes')}</Link>
            ) : undefined
          }
        />
      </Space>
      {missing.length > 0 ? (
        <Alert
          type={current ? 'warning' : 'error'}
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="intake-missing"
          data-count={missing.length}
          title={t(current ? 'intake.overview.missingNow' : 'intake.overview.missingPast', { count: missing.length })}
          description={
            <Space size={[0, 4]} wrap>
              {missing.map((d) => (
                <Tag key={d.departmentId} data-testid="intake-missing-department" data-department-id={d.departmentId}>
                  {d.departmentName}
                </Tag>
              ))}
            </Space>
          }
        />
      ) : (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="intake-missing"
          data-count={0}
          title={t('intake.overview.allSubmitted')}
        />
      )}
      <Table
        rowKey="departmentId"
        size="small"
        data-testid="intake-overview-departments"
        columns={columns}
        dataSource={[...missing, ...submitted]}
        pagination={false}
        locale={{ emptyText: <Empty /> }}
        onRow={(d) =>
          ({
            'data-testid': 'intake-overview-row',
            'data-department-id': d.departmentId,
            'data-submitted': d.submitted ? 'true' : 'false',
          }) as React.HTMLAttributes<HTMLTableRowElement>
        }
      />
      {reviewsDisputes(session.officer.role) ? (
        <CleaningRuns canStart={session.officer.role === 'admin'} />
      ) : (
        overview.lastCleaningRun && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
            {t('intake.overview.lastCleaning', {
              time: formatDateTime(overview.lastCleaningRun.finishedAt),
              count: overview.lastCleaningRun.profilesChanged,
            })}
          </Typography.Paragraph>
        )
      )}
    </Card>
  );
}
