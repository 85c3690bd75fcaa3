// Upload of a department's file: kind, source department and period, then the host's file dialog and a progress bar.
// The file goes from disk to the endpoint in a stream (in Electron main reads it, in a browser the page sends it),
// so a file of a million rows takes no more memory than a small one.
import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Form, Progress, Select, Space, Typography } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { IntakeUploadProgress, IntakeUploadResult } from '@shared/api/intakeUpload';
import { INTAKE_KINDS, type IntakeKind } from '@shared/intake/kinds';
import { previousHalfMonthPeriod, type HalfMonthPeriod } from '@shared/intake/periods';
import { getBridge } from '../../platform/bridge';
import { errorMessage } from '../../platform/errors';
import { useSessionStore } from '../../state/sessionStore';
import { formatBytes } from '../../lib/bytes';
import { kindTitle, uploadPercent, uploadPhase } from './intakeView';
import { Counts } from './parts';

export interface Department {
  id: string;
  name: string;
}

type UploadState =
  | { step: 'idle' }
  | { step: 'uploading'; progress: IntakeUploadProgress | null }
  | { step: 'done'; result: IntakeUploadResult }
  | { step: 'failed'; message: string };

export function UploadPanel({
  departments,
  period,
  kind: fixedKind,
  source: fixedSource,
  onUploaded,
}: {
  /** The departments the officer may upload for: their own (a data officer), or every one (an admin). */
  departments: readonly Department[];
  /** The current half-month period; the previous one may be chosen for a late upload. */
  period: HalfMonthPeriod;
  /** A re-upload of corrected returns: the kind and department of the returns. */
  kind?: IntakeKind;
  source?: string;
  onUploaded: (result: IntakeUploadResult) => void;
}) {
  const { t } = useTranslation();
  const language = useSessionStore((s) => s.language);
  const [kind, setKind] = useState<IntakeKind>(fixedKind ?? 'penalties');
  const [source, setSource] = useState<string | undefined>(fixedSource ?? (departments.length === 1 ? departments[0]?.id : undefined));
  const previous = previousHalfMonthPeriod(period);
  const [periodStart, setPeriodStart] = useState(period.start);
  const [state, setState] = useState<UploadState>({ step: 'idle' });
  const uploading = state.step === 'uploading';
  const chosenKind = fixedKind ?? kind;
  const chosenSource = fixedSource ?? source;

  const upload = async () => {
    if (!chosenSource) return;
    setState({ step: 'uploading', progress: null });
    try {
      const result = await getBridge().uploadIntakeFile(
        { kind: chosenKind, source: chosenSource, ...(periodStart === period.start ? {} : { period: periodStart }) },
        (progress) => setState({ step: 'uploading', progress }),
      );
      if (!result) return setState({ step: 'idle' });
      setState({ step: 'done', result });
      onUploaded(result);
    } catch (error) {
      setState({ step: 'failed', message: errorMessage(error) });
    }
  };

  const progress = state.step === 'uploading' ? state.progress : null;
  return (
    <div data-testid="intake-upload" data-state={state.step}>
      <Form layout="inline" disabled={uploading} style={{ rowGap: 8 }}>
        <Form.Item label={t('intake.upload.kind')}>
          <Select<IntakeKind>
            data-testid="intake-upload-kind"
            value={chosenKind}
            disabled={fixedKind !== undefined}
            onChange={setKind}
            style={{ minWidth: 180 }}
            options={INTAKE_KINDS.map((value) => ({ value, label: kindTitle(value, language) }))}
          />
        </Form.Item>
        <Form.Item label={t('intake.upload.source')}>
          <Select<string>
            data-testid="intake-upload-source"
            value={chosenSource}
            disabled={fixedSource !== undefined || departments.length <= 1}
            onChange={setSource}
            placeholder={t('intake.upload.sourcePlaceholder')}
            showSearch
            optionFilterProp="label"
            style={{ minWidth: 200 }}
            options={departments.map((d) => ({ value: d.id, label: d.name }))}
          />
        </Form.Item>
        <Form.Item label={t('intake.upload.period')}>
          <Select<string>
            data-testid="intake-upload-period"
            value={periodStart}
            onChange={setPeriodStart}
            options={[
              { value: period.start, label: t('intake.upload.currentPeriod', { label: period.label }) },
              { value: previous.start, label: t('intake.upload.latePeriod', { label: previous.label }) },
            ]}
          />
        </Form.Item>
        <Form.Item>
          <Button
            type="primary"
            icon={<UploadOutlined />}
            loading={uploading}
            disabled={!chosenSource}
            data-testid="intake-upload-choose"
            onClick={() => void upload()}
          >
            {t(fixedKind ? 'intake.upload.chooseCorrected' : 'intake.upload.choose')}
          </Button>
        </Form.Item>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t('intake.upload.formats')}
      </Typography.Paragraph>
      {uploading && (
        <div data-testid="intake-upload-progress" data-sent={progress?.sentBytes ?? 0} data-total={progress?.totalBytes ?? ''}>
          {progress ? (
            <>
              <Typography.Text>
                {progress.fileName} ·{' '}
                {uploadPhase(progress) === 'sending'
                  ? t('intake.upload.sending', { sent: formatBytes(progress.sentBytes), total: formatBytes(progress.totalBytes) })
                  : t('intake.upload.checking')}
              </Typography.Text>
              <Progress percent={uploadPercent(progress)} status="active" />
            </>
          ) : (
            <Typography.Text type="secondary">{t('intake.upload.waitingForFile')}</Typography.Text>
          )}
        </div>
      )}
      {state.step === 'failed' && (
        <Alert type="error" showIcon data-testid="intake-upload-error" title={t('intake.upload.failed')} description={state.message} />
      )}
      {state.step === 'done' && (
        <Alert
          type={state.result.batch.counts.returned > 0 || state.result.batch.counts.disputed > 0 ? 'warning' : 'success'}
          showIcon
          data-testid="intake-upload-done"
          data-batch-id={state.result.batch.id}
          title={t('intake.upload.done', { file: state.result.fileName, count: state.result.batch.counts.received })}
          description={
            <Space orientation="vertical" size={4}>
              <Counts counts={state.result.batch.counts} />
              <Link to={`/intake/batches/${encodeURIComponent(state.result.batch.id)}`} data-testid="intake-upload-open-batch">
                {t('intake.upload.openBatch')}
              </Link>
            </Space>
          }
        />
      )}
    </div>
  );
}
