// The cleaning runs: what each ended (publicity past its deadline or repaired, expired list entries and debtor
// listings) and how many profiles changed. Reviewers and admins read them; an admin starts one on demand. Nothing is
// deleted: records keep their history and say when and why they ended.
import { useCallback, useState } from 'react';
import { Alert, App, Button, Card, List, Space, Tag, Typography } from 'antd';
import { ClearOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { CleaningReport, CleaningRun } from '@shared/api/intake';
import { cleaningActionSchema } from '@shared/intake/kinds';
import { getBridge } from '../../platform/bridge';
import { errorMessage } from '../../platform/errors';
import { formatDateTime } from '../../lib/time';
import { useRemote } from '../../hooks/useRemote';
import { useSessionStore } from '../../state/sessionStore';
import { kindTitle } from './intakeView';
import { IntakeRemoteState } from './parts';

const loadRuns = async () => (await getBridge().call('intake.cleaningRuns', { query: { limit: 10 } })).runs;

function ActionCounts({ run }: { run: CleaningRun }) {
  const { t } = useTranslation();
  return (
    <Space size={[4, 4]} wrap>
      {cleaningActionSchema.options.map((action) => (
        <Tag key={action} color={(run.counts[action] ?? 0) > 0 ? 'blue' : undefined}>
          {t(`intake.cleaning.action.${action}`, { count: run.counts[action] ?? 0 })}
        </Tag>
      ))}
    </Space>
  );
}

export function CleaningRuns({ canStart }: { canStart: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const language = useSessionStore((s) => s.language);
  const { remote, reload } = useRemote(useCallback(loadRuns, []));
  const [running, setRunning] = useState(false);
  const [report, setReport] = useState<CleaningReport | null>(null);

  const start = async () => {
    setRunning(true);
    try {
      setReport((await getBridge().call('intake.startCleaningRun')).run);
      reload();
    } catch (error) {
      message.error(t('intake.cleaning.failed', { message: errorMessage(error) }));
    } finally {
      setRunning(false);
    }
  };

  return (
    <Card
      size="small"
      title={t('intake.cleaning.title')}
      style={{ marginTop: 16 }}
      data-testid="intake-cleaning"
      extra={
        canStart && (
          <Button icon={<ClearOutlined />} loading={running} onClick={() => void start()} data-testid="intake-cleaning-start">
            {t('intake.cleaning.start')}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('intake.cleaning.intro')}</Typography.Paragraph>
      {report && (
        <Alert
          type="success"
          showIcon
          closable
          onClose={() => setReport(null)}
          style={{ marginBottom: 12 }}
          data-testid="intake-cleaning-report"
          title={t('intake.cleaning.done', { count: report.profilesChanged })}
          description={
            <Space orientation="vertical" style={{ width: '100%' }}>
              <ActionCounts run={report} />
              {report.changes.length > 0 && (
                <List
                  size="small"
                  dataSource={report.changes}
                  renderItem={(change) => (
                    <List.Item>
                      <Space wrap>
                        <Tag>{t(`intake.cleaning.change.${change.action}`)}</Tag>
                        <Typography.Text>{kindTitle(change.kind, language)}</Typography.Text>
                        <Typography.Text type="secondary">{change.key ?? change.recordId}</Typography.Text>
                        <Typography.Text type="secondary">{change.enterpriseUscc ?? ''}</Typography.Text>
                      </Space>
                    </List.Item>
                  )}
                />
              )}
              {report.truncated && (
                <Typography.Text type="secondary">{t('intake.cleaning.truncated', { count: report.changes.length })}</Typography.Text>
              )}
            </Space>
          }
        />
      )}
      {remote.status !== 'ready' ? (
        <IntakeRemoteState remote={remote} onRetry={reload} />
      ) : (
        <List
          size="small"
          data-testid="intake-cleaning-runs"
          dataSource={remote.data}
          locale={{ emptyText: t('intake.cleaning.none') }}
          renderItem={(run) => (
            <List.Item>
              <Space wrap>
                <Typography.Text>{formatDateTime(run.finishedAt)}</Typography.Text>
                <Tag>{t(`intake.cleaning.trigger.${run.trigger}`)}</Tag>
                {run.startedBy && <Typography.Text type="secondary">{run.startedBy.name}</Typography.Text>}
                <ActionCounts run={run} />
                <Typography.Text type="secondary">{t('intake.cleaning.profiles', { count: run.profilesChanged })}</Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
