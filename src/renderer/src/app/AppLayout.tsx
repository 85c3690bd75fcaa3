import { Suspense, lazy, memo, useState, type ComponentType } from 'react';
import { Navigate, Route, Routes, Link, useLocation } from 'react-router';
import { Layout, Menu, Skeleton, Space, Tag, Tooltip, Typography, type MenuProps } from 'antd';
import { HddOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../features/session/LanguageSwitch';
import { useSignedIn } from '../state/sessionStore';
import { reviewsDisputes, runsIntake, supervises, worksOnInspections } from '../state/roles';
import { SignOutButton } from '../features/session/SignOutButton';
import { SyncControl } from '../features/sync/SyncControl';
import { InstantCheck } from '../features/instantCheck/InstantCheck';
import { TaskListPage } from '../features/tasks/TaskListPage';
import { useReference } from '../hooks/liveQueries';
import { readTaskListAhead } from '../hooks/useTaskList';
import { useStoragePersistence } from '../hooks/useStoragePersistence';
import type { StoragePersistence } from '../platform/storage';
import { PageNotFound } from '../components/PageState';

/**
 * A page of the menu, loaded when first opened; its code starts loading when the pointer or the focus reaches its menu
 * entry, so that it is on its way before the click and the render of the route that follow. Once loaded, it renders
 * straight away: a lazy component suspends on its first render even when its code is there, and the fallback it shows
 * meanwhile costs a render, a layout and a paint of its own.
 */
function menuPage(load: () => Promise<{ default: ComponentType }>) {
  let loaded: ComponentType | undefined;
  const loadPage = () =>
    load().then((module) => {
      loaded = module.default;
      return module;
    });
  const Lazy = lazy(loadPage);
  function MenuPage() {
    // Decided once per mount: switching from the lazy component to the loaded one would remount the page.
    const [Page] = useState(() => loaded ?? Lazy);
    return <Page />;
  }
  return Object.assign(MenuPage, { preload: () => void loadPage() });
}

// The task page carries the credit profile and the form: load it when first opened.
const TaskPage = lazy(() => import('../features/inspection/TaskPage'));
const ReviewPage = menuPage(() => import('../features/review/ReviewPage'));
const DashboardPage = menuPage(() => import('../features/dashboard/DashboardPage'));
const MapPage = menuPage(() => import('../features/map/MapPage'));
// Supervisors only, and only online: loaded when first opened.
const PlansRoutes = menuPage(() => import('../features/plans/PlansRoutes'));
const DossierPage = lazy(() => import('../features/dossier/DossierPage'));
const RecordPage = lazy(() => import('../features/record/RecordPage'));
const DevicesPage = menuPage(() => import('../features/devices/DevicesPage'));
const AccountPage = lazy(() => import('../features/session/AccountPage'));
// Administrators only, online.
const AdminRoutes = menuPage(() => import('../features/admin/AdminRoutes'));

// Data officers, credit reviewers and admins, online only.
const IntakeRoutes = menuPage(() => import('../features/intake/IntakeRoutes'));

const navItem = (path: string, testId: string, label: string, page?: { preload(): void }, onOpen?: () => void) => ({
  key: path,
  label: (
    <Link to={path} data-testid={testId} onPointerEnter={page?.preload} onFocus={page?.preload} onClick={onOpen}>
      {label}
    </Link>
  ),
});

/** The menu entry of a page: the intake's pages by their first two segments, a task or a dossier under the task list. */
function selectedNavKey(pathname: string): string {
  const [first = '', second = ''] = pathname.split('/').slice(1);
  if (first === 'tasks' || first === 'enterprises') return '/';
  if (first === 'intake') return ['returns', 'disputes', 'overview'].includes(second) ? `/intake/${second}` : '/intake';
  return `/${first}`;
}

/**
 * The menu, the one part of the layout that follows the route: the layout itself does not, so opening a page does not
 * render the header (the sync control, the instant check, tooltips) again, and the menu renders only when its
 * selected entry changes (not from one task or dossier to the next).
 */
export function AppNav({ items }: { items: MenuProps['items'] }) {
  return <NavMenu items={items} selected={selectedNavKey(useLocation().pathname)} />;
}

const NavMenu = memo(function NavMenu({ items, selected }: { items: MenuProps['items']; selected: string }) {
  return <Menu mode="horizontal" theme="dark" className="app-nav" disabledOverflow selectedKeys={[selected]} items={items} />;
});

export function AppLayout() {
  const { t } = useTranslation();
  const { session, db } = useSignedIn();
  const persistence = useStoragePersistence();
  const reference = useReference(db);
  const officer = session.officer;
  const department = reference?.departments.get(officer.departmentId)?.name;
  const unit = reference?.units.get(officer.unitId)?.name;
  // Each role sees only its own work (the endpoint enforces it; the menu just does not offer the rest).
  const { role } = officer;
  const inspections = worksOnInspections(role);
  const supervising = supervises(role);
  const intake = runsIntake(role);
  const disputes = reviewsDisputes(role);
  const administering = role === 'admin';
  const intakeItems = [
    ...(intake
      ? [
          navItem('/intake', 'nav-intake', t('app.nav.intake'), IntakeRoutes),
          navItem('/intake/returns', 'nav-intake-returns', t('app.nav.intakeReturns'), IntakeRoutes),
        ]
      : []),
    ...(disputes ? [navItem('/intake/disputes', 'nav-intake-disputes', t('app.nav.intakeDisputes'), IntakeRoutes)] : []),
    ...(intake || disputes ? [navItem('/intake/overview', 'nav-intake-overview', t('app.nav.intakeOverview'), IntakeRoutes)] : []),
  ];
  const navItems = [
    ...(inspections
      ? [navItem('/', 'nav-tasks', t('app.nav.tasks')), navItem('/map', 'nav-map', t('app.nav.map'), MapPage, () => readTaskListAhead(db))]
      : []),
    ...(supervising
      ? [
          navItem('/plans', 'nav-plans', t('app.nav.plans'), PlansRoutes),
          navItem('/dashboard', 'nav-dashboard', t('app.nav.dashboard'), DashboardPage),
          navItem('/review', 'nav-review', t('app.nav.review'), ReviewPage),
          navItem('/devices', 'nav-devices', t('app.nav.devices'), DevicesPage),
        ]
      : []),
    // Beside the inspection menus (an admin's), the intake's own go in one submenu.
    ...(inspections && intakeItems.length > 0
      ? [{ key: 'intake-menu', label: <span data-testid="nav-intake-menu">{t('app.nav.intakeMenu')}</span>, children: intakeItems }]
      : intakeItems),
    ...(administering ? [navItem('/admin', 'nav-admin', t('app.nav.admin'), AdminRoutes)] : []),
  ];
  const landing = inspections ? null : intake ? '/intake' : disputes ? '/intake/disputes' : null;

  return (
    <Layout className="app-layout">
      <Layout.Header className="app-header no-print">
        <Link to="/" className="app-brand">
          <span className="brand-mark">一</span>
          <span className="brand-name">{t('common.appName')}</span>
          {t('common.appName') !== 'OneVisit' && <span className="brand-latin">OneVisit</span>}
        </Link>
        <AppNav items={navItems} />
        <div className="header-spacer" />
        {inspections && <InstantCheck />}
        {inspections && <SyncControl />}
        {persistence && <StoragePersistenceTag persistence={persistence} />}
        <Space size="small" className="header-officer">
          <UserOutlined />
          <Tooltip title={unit}>
            <Link to="/account" data-testid="officer-name">
              {officer.name}
            </Link>
          </Tooltip>
          {department && <Typography.Text className="header-department">{department}</Typography.Text>}
        </Space>
        <LanguageSwitch />
        <SignOutButton />
      </Layout.Header>
      <Layout.Content className="app-content">
        <Suspense fallback={<Skeleton active />}>
          <Routes>
            {inspections && (
              <>
                <Route path="/" element={<TaskListPage />} />
                <Route path="/tasks/:taskId" element={<TaskPage />} />
                <Route path="/tasks/:taskId/record" element={<RecordPage />} />
                <Route path="/enterprises/:enterpriseId" element={<DossierPage />} />
                <Route path="/map" element={<MapPage />} />
              </>
            )}
            {landing && <Route path="/" element={<Navigate to={landing} replace />} />}
            {supervising && <Route path="/plans/*" element={<PlansRoutes />} />}
            {supervising && <Route path="/review" element={<ReviewPage />} />}
            {supervising && <Route path="/dashboard" element={<DashboardPage />} />}
            {supervising && <Route path="/devices" element={<DevicesPage />} />}
            {administering && <Route path="/admin/*" element={<AdminRoutes />} />}
            <Route path="/account" element={<AccountPage />} />
            {(intake || disputes) && <Route path="/intake/*" element={<IntakeRoutes />} />}
            <Route path="*" element={<PageNotFound title={t('common.notFound')} />} />
          </Routes>
        </Suspense>
      </Layout.Content>
    </Layout>
  );
}

const PERSISTENCE_COLORS: Record<StoragePersistence, string> = { persisted: 'green', not_persisted: 'warning', unsupported: 'default' };

/** Whether the browser keeps the officer's data: an icon with its words in the tooltip, so the header holds on one row at 1,280 px in English. */
function StoragePersistenceTag({ persistence }: { persistence: StoragePersistence }) {
  const { t } = useTranslation();
  return (
    <Tooltip
      title={
        <>
          <strong>{t(`app.storage.${persistence}.label`)}</strong>
          <div>{t(`app.storage.${persistence}.hint`)}</div>
        </>
      }
    >
      <Tag
        data-testid="storage-persistence"
        data-state={persistence}
        aria-label={t(`app.storage.${persistence}.label`)}
        icon={<HddOutlined />}
        color={PERSISTENCE_COLORS[persistence]}
        className="storage-persistence"
      />
    </Tooltip>
  );
}
