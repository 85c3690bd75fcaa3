import { Tag } from 'antd';
import { ClockCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { HoverTooltip } from './HoverTooltip';

/** A joint inspection waiting for other departments' sections, naming them. */
export function WaitingForTag({
  departmentIds,
  departmentName,
}: {
  departmentIds: readonly string[];
  departmentName: (id: string) => string;
}) {
  const { t } = useTranslation();
  if (departmentIds.length === 0) return null;
  const names = departmentIds.map(departmentName).join('、');
  return (
    <HoverTooltip title={t('components.waitingFor.hint')}>
      <Tag color="gold" icon={<ClockCircleOutlined />} data-testid="waiting-for" data-departments={departmentIds.join(',')}>
        {t('components.waitingFor.label', { names })}
      </Tag>
    </HoverTooltip>
  );
}
