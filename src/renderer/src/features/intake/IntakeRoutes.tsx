// The intake's pages, online only: they read and write the endpoint's records, none of which lives on the device.
import { Navigate, Route, Routes } from 'react-router';
import { useTranslation } from 'react-i18next';
import { OnlineOnly } from '../../components/RemoteState';
import { PageNotFound } from '../../components/PageState';
import { useSignedIn } from '../../state/sessionStore';
import { reviewsDisputes, runsIntake } from '../../state/roles';
import { BatchesPage } from './BatchesPage';
import { BatchPage } from './BatchPage';
import { DisputesPage } from './DisputesPage';
import { OverviewPage } from './OverviewPage';
import { ReturnsPage } from './ReturnsPage';
import { INTAKE_REMOTE_TEXTS } from './parts';

export default function IntakeRoutes() {
  const { t } = useTranslation();
  const { session } = useSignedIn();
  const intake = runsIntake(session.officer.role);
  const disputes = reviewsDisputes(session.officer.role);
  return (
    <OnlineOnly feature="intake" texts={INTAKE_REMOTE_TEXTS}>
      <Routes>
        <Route index element={intake ? <BatchesPage /> : <Navigate to="/intake/disputes" replace />} />
        {intake && <Route path="batches/:batchId" element={<BatchPage />} />}
        {intake && <Route path="returns" element={<ReturnsPage />} />}
        {disputes && <Route path="disputes" element={<DisputesPage />} />}
        <Route path="overview" element={<OverviewPage />} />
        <Route path="*" element={<PageNotFound title={t('common.notFound')} />} />
      </Routes>
    </OnlineOnly>
  );
}
