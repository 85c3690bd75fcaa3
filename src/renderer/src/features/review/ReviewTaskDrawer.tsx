import { useState } from 'react';
import { App, Button, Drawer, type ButtonProps, Empty, Form, Input, Modal, Skeleton, Space, Typography } from 'antd';
import { CheckOutlined, RollbackOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { InspectionSection } from '@shared/domain/model';
import { sectionSyncInfo } from '../../data/sectionsRepository';
import type { OneVisitDb } from '../../data/db';
import { SectionCard } from '../../components/section/SectionCard';
import { attachmentsOf, departmentOfficers, useTaskDetail } from '../../hooks/useTaskDetail';
import { useAttachmentDownloads } from '../../components/section/useAttachmentDownloads';
import { WaitingForTag } from '../../components/WaitingForTag';
import { waitingForDepartments } from '@shared/domain/taskStatus';
import { ReviewStatusTag } from '../../components/ReviewStatusTag';

export interface ReviewTaskDrawerProps {
  db: OneVisitDb;
  taskId: string | null;
  officerId: string;
  busy: boolean;
  onClose(): void;
  onApprove(taskId: string): Promise<void>;
  onReturn(taskId: string, sectionId: string, reason: string): Promise<void>;
}

/** One inspection as the supervisor reviews it: every section (and correction) read-only, with approve and return. */
export function ReviewTaskDrawer({ db, taskId, officerId, busy, onClose, onApprove, onReturn }: ReviewTaskDrawerProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const detail = useTaskDetail(db, taskId ?? '');
  // Every section's signatures and photos are brought here (hash-checked) so the reviewer sees them before deciding.
  const downloads = useAttachmentDownloads(db, detail);
  const [returning, setReturning] = useState<InspectionSection | null>(null);
  const [form] = Form.useForm<{ reason: string }>();

  const departmentName = (id: string) => detail?.reference.departments.get(id)?.name ?? id;
  const officerName = (id: string) => detail?.reference.officers.get(id)?.name ?? id;
  const status = detail?.task.reviewStatus;
  /** A section or correction under review, read-only, with its own attachments. */
  const readOnlyCard = (
    d: NonNullable<typeof detail>,
    s: { id: string; departmentId: string; attachments: readonly { sha256: string }[] },
  ) => ({
    db,
    syncInfo: sectionSyncInfo([]),
    teamIds: d.task.officerIds,
    departmentOfficerIds: departmentOfficers(d, s.departmentId),
    attachments: attachmentsOf(d, s),
    editable: false,
    isOwnDepartment: false,
    departmentName: departmentName(s.departmentId),
    checkItems: d.checkItems,
    officerId,
    officerName,
  });
  const canReturn = status === 'awaiting_review' || status === 'returned' || status === 'corrected';
  const openCorrection = (sectionId: string) => detail?.corrections.some((c) => c.sectionId === sectionId && c.status === 'draft') ?? false;
  const canApprove = (status === 'awaiting_review' || status === 'corrected') && !detail?.corrections.some((c) => c.status === 'draft');

  async function submitReturn() {
    if (!returning || !taskId) return;
    const { reason } = await form.validateFields();
    await onReturn(taskId, returning.id, reason.trim());
    setReturning(null);
    form.resetFields();
    message.success(t('review.returned'));
  }

  return (
    <Drawer
      open={taskId !== null}
      onClose={onClose}
      size="large"
      data-testid="review-drawer"
      data-attachment-downloads={downloads}
      title={
        <Space>
          <span>{detail?.enterprise?.name ?? taskId}</span>
          {status && <ReviewStatusTag status={status} />}
          {detail && <WaitingForTag departmentIds={waitingForDepartments(detail.sections)} departmentName={departmentName} />}
        </Space>
      }
      extra={
        <Button
          type="primary"
          icon={<CheckOutlined />}
          data-testid="review-approve"
          disabled={!canApprove}
          loading={busy}
          onClick={() => taskId && void onApprove(taskId).then(() => message.success(t('review.approved')))}
        >
          {t('review.approve')}
        </Button>
      }
    >
      {detail === undefined && <Skeleton active />}
      {detail === null && <Empty description={t('review.syncFirst')} />}
      {detail && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          {detail.sections.map((section) => (
            <div key={section.id}>
              <SectionCard
                {...readOnlyCard(detail, section)}
                stored={section}
                banner={
                  <Button
                    size="small"
                    danger
                    icon={<RollbackOutlined />}
                    data-testid="section-return"
                    data-section-id={section.id}
                    disabled={!canReturn || openCorrection(section.id)}
                    style={{ marginBottom: 12 }}
                    onClick={() => setReturning(section)}
                  >
                    {t('review.returnSection')}
                  </Button>
                }
              />
              {detail.corrections
                .filter((c) => c.sectionId === section.id)
                .map((correction) => (
                  <SectionCard
                    key={correction.id}
                    {...readOnlyCard(detail, correction)}
                    collection="corrections"
                    stored={correction}
                    banner={
                      <Typography.Paragraph type="warning">
                        {t('review.reason')}
                        {t('common.colon')}
                        {correction.returnReason}
                      </Typography.Paragraph>
                    }
                  />
                ))}
            </div>
          ))}
        </Space>
      )}
      <Modal
        open={returning !== null}
        title={t('review.returnTitle', { department: returning ? departmentName(returning.departmentId) : '' })}
        okText={t('review.returnSection')}
        okButtonProps={{ danger: true, loading: busy, 'data-testid': 'return-confirm' } as ButtonProps}
        onOk={() => void submitReturn()}
        onCancel={() => setReturning(null)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item
            name="reason"
            label={t('review.reason')}
            rules={[{ required: true, whitespace: true, min: 2, message: t('review.returnReasonRequired') }]}
          >
            <Input.TextArea data-testid="return-reason-input" rows={4} maxLength={2000} placeholder={t('review.returnReasonPlaceholder')} />
          </Form.Item>
        </Form>
      </Modal>
    </Drawer>
  );
}
