// The credit reviewers' queue: penalties with a fine over 100 万元, each beside the source department's earlier records
// for the same enterprise. Two different reviewers, neither the uploader, approve before it counts; either may reject
// it with a reason, which returns it to the department. Every decision shows who took it and when.
import { useCallback, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  Input,
  List,
  Modal,
  Popconfirm,
  Row,
  Space,
  Tag,
  Tooltip,
  Typography,
  type ButtonProps,
} from 'antd';
import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { IntakeDispute, IntakeRecordDetail } from '@shared/api/intake';
import { intakeRejectRequestSchema } from '@shared/api/intake';
import { DISPUTE_APPROVALS_NEEDED } from '@shared/intake/kinds';
import { getBridge } from '../../platform/bridge';
import { errorMessage } from '../../platform/errors';
import { formatDateTime } from '../../lib/time';
import { useSessionStore, useSignedIn } from '../../state/sessionStore';
import { reviewsDisputes } from '../../state/roles';
import { decisionOf, kindTitle, recordSummary, yuanToWan } from './intakeView';
import { IntakeRemoteState, RecordStatusTag } from './parts';
import { MoreButton } from './MoreButton';
import { RecordDrawer, RecordValues, ReviewList } from './RecordDetail';
import { DepartmentSelect } from './RecordTable';
import { usePagedRemote } from './usePagedRemote';
import { useIntakeOverview } from './useIntakeOverview';

export function DisputesPage() {
  const { t } = useTranslation();
  const { remote: overview } = useIntakeOverview();
  const [source, setSource] = useState<string | undefined>(undefined);
  const [round, setRound] = useState(0);
  const departments = overview.status === 'ready' ? overview.data.departments : [];
  const names = new Map(departments.map((d) => [d.departmentId, d.departmentName]));

  return (
    <Card
      className="page-card"
      title={t('intake.disputes.title')}
      data-testid="intake-disputes-page"
      extra={
        <DepartmentSelect
          allowClear
          departments={departments.map((d) => ({ id: d.departmentId, name: d.departmentName }))}
          value={source}
          onChange={setSource}
          placeholder={t('intake.batches.allDepartments')}
          testId="intake-disputes-source"
        />
      }
    >
      <Typography.Paragraph type="secondary">{t('intake.disputes.intro', { count: DISPUTE_APPROVALS_NEEDED })}</Typography.Paragraph>
      <DisputeList key={`${source ?? 'all'}-${round}`} source={source} names={names} onChanged={() => setRound((r) => r + 1)} />
    </Card>
  );
}

function DisputeList({ source, names, onChanged }: { source: string | undefined; names: Map<string, string>; onChanged: () => void }) {
  const { t } = useTranslation();
  const loadPage = useCallback(
    async (cursor: string | undefined) => {
      const page = await getBridge().call('intake.disputes', { query: { source, cursor } });
      return { items: page.disputes, cursor: page.cursor, hasMore: page.hasMore };
    },
    [source],
  );
  const paged = usePagedRemote(loadPage);
  if (paged.remote.status !== 'ready') return <IntakeRemoteState remote={paged.remote} onRetry={paged.reload} />;
  const { items } = paged.remote.data;
  if (items.length === 0) return <Empty description={t('intake.disputes.empty')} data-testid="intake-disputes-empty" />;
  return (
    <div data-testid="intake-dispute-list" data-count={items.length}>
      {items.map((dispute) => (
        <DisputeCard key={dispute.record.id} dispute={dispute} sourceName={names.get(dispute.record.source)} onDecided={onChanged} />
      ))}
      <MoreButton paged={paged} />
    </div>
  );
}

function DisputeCard({ dispute, sourceName, onDecided }: { dispute: IntakeDispute; sourceName?: string; onDecided: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { session } = useSignedIn();
  const language = useSessionStore((s) => s.language);
  const me = session.officer;
  const [record, setRecord] = useState<IntakeRecordDetail>(dispute.record);
  const [busy, setBusy] = useState(false);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [opened, setOpened] = useState<string | null>(null);
  const mine = decisionOf(record.reviews, me.id);
  const ownUpload = record.uploadedBy.id === me.id;
  const approvals = record.reviews.filter((r) => r.decision === 'approve').length;
  const blocked = !reviewsDisputes(me.role)
    ? t('intake.disputes.notReviewer')
    : ownUpload
      ? t('intake.disputes.ownUpload')
      : mine
        ? t('intake.disputes.alreadyDecided')
        : null;
  const reasonCheck = intakeRejectRequestSchema.safeParse({ reason });

  const decide = async (decision: 'approve' | 'reject') => {
    setBusy(true);
    try {
      const params = { recordId: record.id };
      const { record: decided } =
        decision === 'approve'
          ? await getBridge().call('intake.approve', { params })
          : await getBridge().call('intake.reject', { params, body: { reason } });
      setRecord(decided);
      setRejecting(false);
      if (decided.status === 'disputed') message.success(t('intake.disputes.approvedOnce'));
      else {
        message.success(t(decided.status === 'returned' ? 'intake.disputes.rejected' : 'intake.disputes.confirmed'));
        onDecided();
      }
    } catch (error) {
      message.error(t('intake.disputes.failed', { message: errorMessage(error) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      data-testid="intake-dispute"
      data-record-id={record.id}
      data-approvals={approvals}
      title={
        <Space wrap>
          <Typography.Text strong>{record.entityName ?? '—'}</Typography.Text>
          <Typography.Text type="secondary">{record.enterpriseUscc ?? ''}</Typography.Text>
          <Tag color="red" data-testid="intake-dispute-fine">
            {t('intake.disputes.fine', { wan: yuanToWan(dispute.fineYuan), yuan: dispute.fineYuan.toLocaleString('zh-CN') })}
          </Tag>
        </Space>
      }
      extra={
        <Typography.Text type="secondary">
          {t('intake.disputes.uploaded', {
            source: sourceName ?? record.source,
            name: record.uploadedBy.name,
            time: formatDateTime(record.uploadedAt),
          })}
        </Typography.Text>
      }
    >
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Typography.Title level={5}>{t('intake.disputes.record')}</Typography.Title>
          <RecordValues record={record} />
        </Col>
        <Col xs={24} lg={10}>
          <Typography.Title level={5}>{t('intake.disputes.earlier', { count: dispute.earlierRecords.length })}</Typography.Title>
          {dispute.earlierRecords.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('intake.disputes.noEarlier')} />
          ) : (
            <List
              size="small"
              bordered
              data-testid="intake-dispute-earlier"
              dataSource={dispute.earlierRecords}
              renderItem={(earlier) => (
                <List.Item className="clickable-row" onClick={() => setOpened(earlier.id)} data-testid="intake-earlier-record">
                  <Space orientation="vertical" size={0}>
                    <Space wrap>
                      <RecordStatusTag status={earlier.status} />
                      <Typography.Text strong>{kindTitle(earlier.kind, language)}</Typography.Text>
                      <Typography.Text>{earlier.key ?? '—'}</Typography.Text>
                    </Space>
                    <Typography.Text type="secondary">{recordSummary(earlier.fields, t('intake.wan'))}</Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
          )}
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('intake.disputes.decisions', { approvals, needed: DISPUTE_APPROVALS_NEEDED })}
          </Typography.Title>
          <ReviewList reviews={record.reviews} />
          {record.status === 'disputed' ? (
            <Tooltip title={blocked}>
              <Space style={{ marginTop: 12 }}>
                <Popconfirm
                  title={t('intake.disputes.approveConfirm')}
                  okText={t('intake.disputes.approve')}
                  cancelText={t('common.cancel')}
                  okButtonProps={{ 'data-testid': 'intake-approve-confirm' } as ButtonProps}
                  onConfirm={() => void decide('approve')}
                  disabled={blocked !== null}
                >
                  <Button type="primary" icon={<CheckOutlined />} loading={busy} disabled={blocked !== null} data-testid="intake-approve">
                    {t('intake.disputes.approve')}
                  </Button>
                </Popconfirm>
                <Button
                  danger
                  icon={<CloseOutlined />}
                  disabled={blocked !== null || busy}
                  data-testid="intake-reject"
                  onClick={() => setRejecting(true)}
                >
                  {t('intake.disputes.reject')}
                </Button>
              </Space>
            </Tooltip>
          ) : (
            <Alert
              style={{ marginTop: 12 }}
              type={record.status === 'returned' ? 'warning' : 'success'}
              showIcon
              data-testid="intake-dispute-outcome"
              data-status={record.status}
              title={t(record.status === 'returned' ? 'intake.disputes.rejected' : 'intake.disputes.confirmed')}
            />
          )}
        </Col>
      </Row>
      <Modal
        open={rejecting}
        title={t('intake.disputes.rejectTitle')}
        okText={t('intake.disputes.reject')}
        cancelText={t('common.cancel')}
        okButtonProps={
          { danger: true, disabled: !reasonCheck.success, loading: busy, 'data-testid': 'intake-reject-confirm' } as ButtonProps
        }
        onOk={() => void decide('reject')}
        onCancel={() => setRejecting(false)}
      >
        <Typography.Paragraph>{t('intake.disputes.rejectText')}</Typography.Paragraph>
        <Input.TextArea
          rows={4}
          maxLength={2000}
          showCount
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          data-testid="intake-reject-reason"
          placeholder={t('intake.disputes.reasonPlaceholder')}
        />
      </Modal>
      <RecordDrawer recordId={opened} onClose={() => setOpened(null)} />
    </Card>
  );
}
