// The supervisor's plan pages (抽查计划), loaded when first opened. Inspectors never get here from the menu; the
// endpoint refuses them anyway.
import { Link, Route, Routes } from 'react-router';
import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSignedIn } from '../../state/sessionStore';
import { PlanCreatePage } from './PlanCreatePage';
import { PlanListPage } from './PlanListPage';
import { PlanPage } from './PlanPage';
import { RecusalsPage } from './RecusalsPage';

export default function PlansRoutes() {
  const { t } = useTranslation();
  const { session } = useSignedIn();
  if (session.officer.role === 'inspector') return <Result status="403" title={t('plans.forbidden')} data-testid="plans-forbidden" />;
  return (
    <Routes>
      <Route index element={<PlanListPage />} />
      <Route path="new" element={<PlanCreatePage />} />
      <Route path="recusals" element={<RecusalsPage />} />
      <Route path=":planId" element={<PlanPage />} />
      <Route path="*" element={<Result status="404" title={t('common.notFound')} extra={<Link to="/plans">{t('plans.back')}</Link>} />} />
    </Routes>
  );
}
