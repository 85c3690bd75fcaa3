// A department's returned records: what is wrong with each, field by field; the returns as the kind's template with a
// problems column, to correct in a spreadsheet; and the upload of the corrected file, which clears what it corrects.
import { useCallback, useState } from 'react';
import { Alert, App, Button, Card, Empty, Segmented, Select, Space, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { IntakeRecordDetail } from '@shared/api/intake';
import { INTAKE_KINDS, type IntakeKind, type IntakeReturnState } from '@shared/intake/kinds';
import { getBridge } from '../../platform/bridge';
import { errorMessage } from '../../platform/errors';
import { formatDateTime } from '../../lib/time';
import { downloadFile } from '../../lib/download';
import { useSessionStore, useSignedIn } from '../../state/sessionStore';
import { kindTitle } from './intakeView';
import { IntakeRemoteState } from './parts';
import { DepartmentSelect, RecordTable } from './RecordTable';
import { UploadPanel, type Department } from './UploadPanel';
import { usePagedRemote } from './usePagedRemote';
import { useIntakeOverview } from './useIntakeOverview';

export function ReturnsPage() {
  const { t } = useTranslation();
  const { session } = useSignedIn();
  const language = useSessionStore((s) => s.language);
  const { remote: overview } = useIntakeOverview();
  const isAdmin = session.officer.role === 'admin';
  const [chosenSource, setChosenSource] = useState<string | undefined>(undefined);
  const [kind, setKind] = useState<IntakeKind | undefined>(undefined);
  const [state, setState] = useState<IntakeReturnState>('open');
  const [round, setRound] = useState(0);

  if (overview.status !== 'ready') return <IntakeRemoteState remote={overview} />;
  const departments: Department[] = overview.data.departments.map((d) => ({ id: d.departmentId, name: d.departmentName }));
  // A data officer's returns are their own department's; an admin looks at one department at a time.
  const source = isAdmin ? chosenSource : session.officer.departmentId;
  const department = departments.find((d) => d.id === source);

  return (
    <Card
      className="page-card"
      title={t('intake.returns.title')}
      data-testid="intake-returns-page"
      extra={
        <Space wrap>
          {isAdmin && (
            <DepartmentSelect
              departments={departments}
              value={chosenSource}
              onChange={setChosenSource}
              placeholder={t('intake.returns.chooseDepartment')}
              testId="intake-returns-source"
            />
          )}
          <Select<IntakeKind | 'all'>
            value={kind ?? 'all'}
            onChange={(value) => setKind(value === 'all' ? undefined : value)}
            style={{ minWidth: 180 }}
            data-testid="intake-returns-kind"
            options={[
              { value: 'all', label: t('intake.returns.allKinds') },
              ...INTAKE_KINDS.map((value) => ({ value, label: kindTitle(value, language) })),
            ]}
          />
          <Segmented<IntakeReturnState>
            value={state}
            onChange={setState}
            data-testid="intake-returns-state"
            options={(['open', 'cleared'] as const).map((value) => ({ value, label: t(`intake.returns.state.${value}`) }))}
          />
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('intake.returns.intro')}</Typography.Paragraph>
      {!source ? (
        <Empty description={t('intake.returns.chooseDepartment')} />
      ) : (
        <>
          {kind ? (
            <CorrectionPanel
              key={`${source}-${kind}`}
              source={source}
              departments={department ? [department] : []}
              kind={kind}
              period={overview.data.period}
              onUploaded={() => setRound((r) => r + 1)}
            />
          ) : (
            <Alert type="info" showIcon title={t('intake.returns.chooseKind')} style={{ marginBottom: 16 }} />
          )}
          <ReturnTable key={`${source}-${kind ?? 'all'}-${state}-${round}`} source={source} kind={kind} state={state} />
        </>
      )}
    </Card>
  );
}

/** Download of the open returns as a template file, and the upload of the corrected file. */
function CorrectionPanel({
  source,
  departments,
  kind,
  period,
  onUploaded,
}: {
  source: string;
  departments: Department[];
  kind: IntakeKind;
  period: React.ComponentProps<typeof UploadPanel>['period'];
  onUploaded: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [downloading, setDownloading] = useState<'xlsx' | 'csv' | null>(null);

  const download = async (format: 'xlsx' | 'csv') => {
    setDownloading(format);
    try {
      const file = await getBridge().getIntakeReturnsFile({ source, kind, format });
      downloadFile(file.fileName, file.bytes, file.contentType);
    } catch (error) {
      message.error(t('intake.returns.downloadFailed', { message: errorMessage(error) }));
    } finally {
      setDownloading(null);
    }
  };

  return (
    <Card size="small" style={{ marginBottom: 16 }} data-testid="intake-correction">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text>{t('intake.returns.correctionSteps')}</Typography.Text>
        <Space wrap>
          {(['xlsx', 'csv'] as const).map((format) => (
            <Button
              key={format}
              icon={<DownloadOutlined />}
              loading={downloading === format}
              disabled={downloading !== null}
              data-testid={`intake-returns-download-${format}`}
              onClick={() => void download(format)}
            >
              {t(format === 'xlsx' ? 'intake.returns.downloadXlsx' : 'intake.returns.downloadCsv')}
            </Button>
          ))}
        </Space>
        <UploadPanel departments={departments} period={period} kind={kind} source={source} onUploaded={onUploaded} />
      </Space>
    </Card>
  );
}

function ReturnTable({ source, kind, state }: { source: string; kind: IntakeKind | undefined; state: IntakeReturnState }) {
  const { t } = useTranslation();
  const language = useSessionStore((s) => s.language);
  const loadPage = useCallback(
    async (cursor: string | undefined) => {
      const page = await getBridge().call('intake.returns', { query: { source, kind, state, cursor } });
      return { items: page.returns, cursor: page.cursor, hasMore: page.hasMore };
    },
    [source, kind, state],
  );
  const paged = usePagedRemote(loadPage);
  return (
    <RecordTable<IntakeRecordDetail>
      paged={paged}
      testId="intake-return-list"
      empty={t(state === 'open' ? 'intake.returns.empty' : 'intake.returns.noneCleared')}
      before={[
        {
          title: t('intake.returns.where'),
          key: 'where',
          render: (_, r) => (
            <>
              <Typography.Text>{kindTitle(r.kind, language)}</Typography.Text>
              <br />
              <Typography.Text type="secondary">
                {t('intake.record.row', { row: r.row, file: r.fileName })} · {formatDateTime(r.uploadedAt)}
              </Typography.Text>
            </>
          ),
        },
      ]}
    />
  );
}
