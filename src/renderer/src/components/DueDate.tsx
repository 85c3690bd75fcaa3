import { Space, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';

/** A publication due date, marked in place while it depends on a holiday arrangement not yet published. */
export function DueDate({ dueOn, calendarKnown }: { dueOn: string; calendarKnown: boolean }) {
  const { t } = useTranslation();
  return (
    <Space size={4}>
      <span className="mono">{dueOn}</span>
      {!calendarKnown && (
        <Tooltip title={t('components.dueDate.provisionalHint')}>
          <Tag color="orange" data-testid="deadline-provisional">
            {t('components.dueDate.provisional')}
          </Tag>
        </Tooltip>
      )}
    </Space>
  );
}
