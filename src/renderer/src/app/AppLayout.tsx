import { Suspense, lazy } from 'react';
import { Route, Routes, Link } from 'react-router';
import { Button, Layout, Result, Skeleton, Space, Tooltip, Typography } from 'antd';
import { LogoutOutlined, ScheduleOutlined, UnorderedListOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { getBridge } from '../platform/bridge';
import { LanguageSwitch } from '../features/session/LanguageSwitch';
import { useSessionStore, useSignedIn } from '../features/session/sessionStore';
import { SyncControl } from '../features/sync/SyncControl';
import { InstantCheck } from '../features/instantCheck/InstantCheck';
import { useSyncStore } from '../features/sync/syncStore';
import { TaskListPage } from '../features/tasks/TaskListPage';
import { useReference } from '../features/tasks/useTaskList';

// The task page carries the credit profile and the form: load it when first opened.
const TaskPage = lazy(() => import('../features/inspection/TaskPage'));
// Supervisors only, and only online: loaded when first opened.
const PlansRoutes = lazy(() => import('../features/plans/PlansRoutes'));
const DossierPage = lazy(() => import('../features/dossier/DossierPage'));
const RecordPage = lazy(() => import('../features/record/RecordPage'));

export function AppLayout() {
  const { t } = useTranslation();
  const { session, db } = useSignedIn();
  const signOut = useSessionStore((s) => s.signOut);
  const resetSync = useSyncStore((s) => s.reset);
  const reference = useReference(db);
  const officer = session.officer;
  const department = reference?.departments.get(officer.departmentId)?.name;
  const unit = reference?.units.get(officer.unitId)?.name;
  const canPlan = officer.role !== 'inspector';

  return (
    <Layout className="app-layout">
      <Layout.Header className="app-header no-print">
        <Link to="/" className="app-brand">
          <span className="brand-mark">一</span>
          <span className="brand-name">{t('app.name')}</span>
          {t('app.name') !== 'OneVisit' && <span className="brand-latin">OneVisit</span>}
        </Link>
        {canPlan && (
          <nav className="header-nav">
            <Link to="/" data-testid="nav-tasks"><UnorderedListOutlined /> {t('plans.tasksNav')}</Link>
            <Link to="/plans" data-testid="nav-plans"><ScheduleOutlined /> {t('plans.nav')}</Link>
          </nav>
        )}
        <div className="header-spacer" />
        <InstantCheck />
        <SyncControl />
        <Space size="small" className="header-officer">
          <UserOutlined />
          <Tooltip title={unit}>
            <span data-testid="officer-name">{officer.name}</span>
          </Tooltip>
          {department && <Typography.Text className="header-department">{department}</Typography.Text>}
        </Space>
        <LanguageSwitch />
        <Button
          type="text"
          icon={<LogoutOutlined />}
          data-testid="sign-out"
          onClick={() => {
            resetSync();
            void signOut(getBridge());
          }}
        >
          {t('app.signOut')}
        </Button>
      </Layout.Header>
      <Layout.Content className="app-content">
        <Suspense fallback={<Skeleton active />}>
          <Routes>
            <Route path="/" element={<TaskListPage />} />
            <Route path="/tasks/:taskId" element={<TaskPage />} />
            {canPlan && <Route path="/plans/*" element={<PlansRoutes />} />}
            <Route path="/tasks/:taskId/record" element={<RecordPage />} />
            <Route path="/enterprises/:enterpriseId" element={<DossierPage />} />
            <Route path="*" element={<Result status="404" title={t('app.notFound')} extra={<Link to="/">{t('app.back')}</Link>} />} />
          </Routes>
        </Suspense>
      </Layout.Content>
    </Layout>
  );
}
