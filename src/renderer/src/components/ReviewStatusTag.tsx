import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ReviewStatus } from '@shared/domain/model';

const COLORS: Record<ReviewStatus, string> = {
  awaiting_review: 'processing',
  returned: 'warning',
  corrected: 'cyan',
  approved: 'success',
  published: 'purple',
};

export function ReviewStatusTag({ status }: { status: ReviewStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[status]} data-testid="review-status" data-status={status}>
      {t(`components.reviewStatus.${status}`)}
    </Tag>
  );
}
