// One submitted record as the endpoint holds it: its values in template order, its problems, the reviewers'
// decisions with who and when, and its history of revisions.
import { useCallback } from 'react';
import { Descriptions, Drawer, Empty, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { IntakeRecordDetail, IntakeReview } from '@shared/api/intake';
import { getBridge } from '../../platform/bridge';
import { formatDateTime } from '../../lib/time';
import { useRemote } from '../../hooks/useRemote';
import { useSessionStore } from '../../state/sessionStore';
import { kindTitle, recordValues } from './intakeView';
import { IntakeRemoteState, ProblemList, RecordStatusTag } from './parts';

/** The record's values, captioned by the template; `compact` for a column beside another record. */
export function RecordValues({ record, compact = false }: { record: IntakeRecordDetail; compact?: boolean }) {
  const language = useSessionStore((s) => s.language);
  return (
    <Descriptions
      size="small"
      bordered
      column={1}
      data-testid="intake-record-values"
      styles={{ label: { width: compact ? 140 : 220 } }}
      items={recordValues(record.kind, record.fields, language).map(({ name, caption, value }) => ({
        key: name,
        label: caption,
        children: <span data-field={name}>{value}</span>,
      }))}
    />
  );
}

/** Each reviewer's decision: approve or reject (with the reason), who, when. */
export function ReviewList({ reviews }: { reviews: readonly IntakeReview[] }) {
  const { t } = useTranslation();
  if (reviews.length === 0) return <Typography.Text type="secondary">{t('intake.disputes.noDecision')}</Typography.Text>;
  return (
    <List
      size="small"
      data-testid="intake-reviews"
      dataSource={[...reviews]}
      renderItem={(review) => (
        <List.Item data-testid="intake-review" data-decision={review.decision} data-reviewer={review.reviewer.id}>
          <Space wrap>
            <Tag color={review.decision === 'approve' ? 'success' : 'error'}>{t(`intake.disputes.decision.${review.decision}`)}</Tag>
            <Typography.Text strong>{review.reviewer.name}</Typography.Text>
            <Typography.Text type="secondary">{formatDateTime(review.decidedAt)}</Typography.Text>
            {review.reason && <Typography.Text>{t('intake.disputes.reasonShown', { reason: review.reason })}</Typography.Text>}
          </Space>
        </List.Item>
      )}
    />
  );
}

/** A record of a list, opened in a drawer: loads its detail from the endpoint. */
export function RecordDrawer({ recordId, onClose }: { recordId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Drawer open={recordId !== null} onClose={onClose} size="large" title={t('intake.record.title')} destroyOnHidden>
      {recordId && <RecordDetailView recordId={recordId} />}
    </Drawer>
  );
}

function RecordDetailView({ recordId }: { recordId: string }) {
  const { t } = useTranslation();
  const language = useSessionStore((s) => s.language);
  const { remote, reload } = useRemote(
    useCallback(async () => (await getBridge().call('intake.record', { params: { recordId } })).record, [recordId]),
  );
  if (remote.status !== 'ready') return <IntakeRemoteState remote={remote} onRetry={reload} />;
  const record = remote.data;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="intake-record" data-record-id={record.id}>
      <Space wrap>
        <RecordStatusTag status={record.status} />
        <Typography.Text strong>{kindTitle(record.kind, language)}</Typography.Text>
        <Typography.Text type="secondary">{t('intake.record.row', { row: record.row, file: record.fileName })}</Typography.Text>
        {record.returnState === 'cleared' && <Tag color="success">{t('intake.returns.cleared')}</Tag>}
      </Space>
      <ProblemList kind={record.kind} problems={record.problems} />
      <RecordValues record={record} />
      <Typography.Title level={5}>{t('intake.record.reviews')}</Typography.Title>
      <ReviewList reviews={record.reviews} />
      <Typography.Title level={5}>{t('intake.record.history')}</Typography.Title>
      {record.history.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <List
          size="small"
          dataSource={record.history}
          renderItem={(revision) => (
            <List.Item>
              <Space wrap>
                <RecordStatusTag status={revision.status} />
                <Typography.Text>{formatDateTime(revision.uploadedAt)}</Typography.Text>
                <Typography.Text type="secondary">{t('intake.record.revisionRow', { row: revision.row })}</Typography.Text>
                {revision.current && <Tag color="blue">{t('intake.record.current')}</Tag>}
              </Space>
            </List.Item>
          )}
        />
      )}
    </Space>
  );
}
