import { Tag } from 'antd';
import { CheckCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TaskStatus } from '@shared/domain/model';

const COLORS: Record<TaskStatus, string> = { assigned: 'default', in_progress: 'processing', completed: 'success' };

/** A task's status, or a section's stage in the same words (see sectionStage). */
export function TaskStatusTag({ status, testId }: { status: TaskStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag
      color={COLORS[status]}
      icon={status === 'completed' ? <CheckCircleOutlined /> : undefined}
      data-testid={testId}
      data-status={status}
    >
      {t(`components.taskStatus.${status}`)}
    </Tag>
  );
}
