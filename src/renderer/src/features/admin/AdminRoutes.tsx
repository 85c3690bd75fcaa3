// Administration (系统管理): officers, units and jurisdictions, departments and their check-item catalogue, the audit
// trail. Administrators only, online: every action is an operation of the endpoint, which refuses everyone else.
import { Link, Route, Routes, useLocation } from 'react-router';
import { Card, Menu, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { OnlineOnly } from '../../components/RemoteState';
import { useSignedIn } from '../../state/sessionStore';
import { AuditPage } from './AuditPage';
import { CataloguePage } from './CataloguePage';
import { OfficersPage } from './OfficersPage';
import { UnitsPage } from './UnitsPage';
import { ADMIN_REMOTE_TEXTS } from './remoteTexts';

const SECTIONS = [
  { path: 'officers', label: 'admin.nav.officers' },
  { path: 'units', label: 'admin.nav.units' },
  { path: 'catalogue', label: 'admin.nav.catalogue' },
  { path: 'audit', label: 'admin.nav.audit' },
] as const;

export default function AdminRoutes() {
  const { t } = useTranslation();
  const { session } = useSignedIn();
  const location = useLocation();
  if (session.officer.role !== 'admin') return <Result status="403" title={t('admin.forbidden')} data-testid="admin-forbidden" />;
  const current = location.pathname.split('/')[2] || 'officers';
  return (
    <Card>
      <Menu
        mode="horizontal"
        selectedKeys={[current]}
        items={SECTIONS.map((s) => ({
          key: s.path,
          label: (
            <Link to={`/admin/${s.path}`} data-testid={`admin-nav-${s.path}`}>
              {t(s.label)}
            </Link>
          ),
        }))}
        style={{ marginBottom: 16 }}
      />
      <OnlineOnly feature="admin" texts={ADMIN_REMOTE_TEXTS}>
        <Routes>
          <Route index element={<OfficersPage />} />
          <Route path="officers" element={<OfficersPage />} />
          <Route path="units" element={<UnitsPage />} />
          <Route path="catalogue" element={<CataloguePage />} />
          <Route path="audit" element={<AuditPage />} />
          <Route path="*" element={<Result status="404" title={t('common.notFound')} />} />
        </Routes>
      </OnlineOnly>
    </Card>
  );
}
