import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { HoverTooltip } from './HoverTooltip';
import type { RiskClass } from '@shared/domain/model';

const COLORS: Record<RiskClass, string> = { A: 'green', B: 'cyan', C: 'gold', D: 'orange', E: 'red' };

/** The risk class is internal (DOMAIN.md): always labelled so, never shown as a public fact. */
export function RiskClassTag({ riskClass }: { riskClass: RiskClass }) {
  const { t } = useTranslation();
  return (
    <HoverTooltip title={t('components.riskClass.internalHint')}>
      <Tag color={COLORS[riskClass]} variant="outlined" data-risk-class={riskClass}>
        {riskClass} · {t('components.riskClass.internal')}
      </Tag>
    </HoverTooltip>
  );
}
