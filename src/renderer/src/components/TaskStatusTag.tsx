import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TaskStatus } from '@shared/domain/model';

const COLORS: Record<TaskStatus, string> = { assigned: 'default', in_progress: 'processing', completed: 'success' };

export function TaskStatusTag({ status }: { status: TaskStatus }) {
  const { t } = useTranslation();
  return <Tag color={COLORS[status]}>{t(`components.taskStatus.${status}`)}</Tag>;
}
