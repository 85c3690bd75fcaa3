import { useParams, Link } from 'react-router';
import { Fragment } from 'react';
import { Alert, Breadcrumb, Card, Empty, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { heldEntry, isEditable, sectionSyncInfo } from '../../data/sectionsRepository';
import { attachmentsProgress } from '../../data/attachmentsRepository';
import { RiskClassTag } from '../../components/RiskClassTag';
import { TaskStatusTag } from '../../components/TaskStatusTag';
import { formatDateTime } from '../../lib/time';
import { ReviewStatusTag } from '../../components/ReviewStatusTag';
import { useSignedIn } from '../../state/sessionStore';
import { CreditProfile } from '../../components/CreditProfile';
import { SectionCard } from '../../components/section/SectionCard';
import { attachmentsOf, departmentOfficers, useTaskDetail } from '../../hooks/useTaskDetail';
import { useAttachmentDownloads } from '../../components/section/useAttachmentDownloads';
import { PageLoading, PageNotFound } from '../../components/PageState';

export default function TaskPage() {
  const { t } = useTranslation();
  const { taskId = '' } = useParams();
  const { db, session } = useSignedIn();
  const detail = useTaskDetail(db, taskId);
  const downloads = useAttachmentDownloads(db, detail);
  const me = session.officer;

  if (detail === undefined) return <PageLoading />;
  if (detail === null) return <PageNotFound title={t('inspection.notFound')} />;

  const { task, plan, enterprise, sections, corrections, outbox, checkItems, reference } = detail;
  const departmentName = (id: string) => reference.departments.get(id)?.name ?? id;
  const officerName = (id: string) => reference.officers.get(id)?.name ?? id;
  // The officer's own department first: that is the card they work in.
  const ordered = [...sections].sort((a, b) => Number(b.departmentId === me.departmentId) - Number(a.departmentId === me.departmentId));

  return (
    <Space orientation="vertical" size="middle" className="task-page" data-testid="task-page" data-attachment-downloads={downloads}>
      <Breadcrumb items={[{ title: <Link to="/">{t('inspection.tasks')}</Link> }, { title: enterprise?.name ?? task.enterpriseId }]} />
      <Card className="page-card task-header">
        <Space orientation="vertical" size={4}>
          <Space wrap align="center">
            <Typography.Title level={4} style={{ margin: 0 }}>
              {enterprise?.name ?? t('inspection.unknownEnterprise')}
            </Typography.Title>
            {enterprise && <RiskClassTag riskClass={enterprise.riskClass} />}
            <TaskStatusTag status={task.status} testId="task-status" />
            {task.reviewStatus && <ReviewStatusTag status={task.reviewStatus} />}
          </Space>
          <Typography.Text type="secondary">
            {plan ? `${t('inspection.plan')}${t('common.colon')}${plan.name} · ` : ''}
            {t('inspection.dueDate')}
            {t('common.colon')}
            {task.dueDate}
          </Typography.Text>
          <Space wrap size={[4, 4]}>
            <span>
              {t('inspection.team')}
              {t('common.colon')}
            </span>
            {task.officerIds.map((id) => (
              <Tag key={id} color={id === me.id ? 'blue' : undefined}>
                {officerName(id)}
              </Tag>
            ))}
          </Space>
        </Space>
      </Card>
      {enterprise ? (
        <CreditProfile
          enterprise={enterprise}
          departmentName={departmentName}
          extra={
            <Link to={`/enterprises/${encodeURIComponent(enterprise.id)}`} data-testid="open-dossier">
              {t('inspection.openDossier')}
            </Link>
          }
        />
      ) : (
        <Card className="page-card">
          <Empty description={t('inspection.unknownEnterprise')} />
        </Card>
      )}
      <Space className="form-title" align="center">
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('inspection.form')}
        </Typography.Title>
        <Link to={`/tasks/${encodeURIComponent(task.id)}/record`} data-testid="open-record">
          {t('inspection.openRecord')}
        </Link>
      </Space>
      {ordered.map((section) => {
        const entries = outbox.filter((e) => e.recordId === section.id);
        const stored = attachmentsOf(detail, section);
        const own = section.departmentId === me.departmentId;
        const common = {
          db,
          departmentName: departmentName(section.departmentId),
          isOwnDepartment: own,
          checkItems,
          officerId: me.id,
          officerName,
          teamIds: task.officerIds,
          departmentOfficerIds: departmentOfficers(detail, section.departmentId),
          enterpriseLocation: enterprise?.location ?? null,
        };
        // An officer of the department on the team writes the correction; others (and supervisors) read it.
        const canWrite = own && me.role === 'inspector' && task.officerIds.includes(me.id);
        return (
          <Fragment key={section.id}>
            <SectionCard
              {...common}
              stored={section}
              syncInfo={sectionSyncInfo(entries, attachmentsProgress(section, stored))}
              attachments={stored}
              held={canWrite ? heldEntry(entries) : undefined}
              editable={canWrite && isEditable(section, entries, stored)}
            />
            {corrections
              .filter((c) => c.sectionId === section.id)
              .map((correction) => {
                const correctionEntries = outbox.filter((e) => e.recordId === correction.id);
                const correctionStored = attachmentsOf(detail, correction);
                return (
                  <SectionCard
                    key={correction.id}
                    {...common}
                    collection="corrections"
                    stored={correction}
                    syncInfo={sectionSyncInfo(correctionEntries, attachmentsProgress(correction, correctionStored))}
                    attachments={correctionStored}
                    held={canWrite ? heldEntry(correctionEntries) : undefined}
                    editable={canWrite && isEditable(correction, correctionEntries, correctionStored)}
                    banner={
                      <Alert
                        data-testid="return-reason"
                        type={correction.status === 'completed' ? 'info' : 'warning'}
                        showIcon
                        style={{ marginBottom: 16 }}
                        title={t('inspection.returnedBy', {
                          name: officerName(correction.returnedBy),
                          time: formatDateTime(correction.returnedAt),
                        })}
                        description={
                          <span>
                            {t('inspection.reason')}
                            {t('common.colon')}
                            <span data-testid="return-reason-text">{correction.returnReason}</span>
                          </span>
                        }
                      />
                    }
                  />
                );
              })}
          </Fragment>
        );
      })}
    </Space>
  );
}
