import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { HashRouter } from 'react-router';
import { App as AntApp, ConfigProvider, Result, Spin } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useTranslation } from 'react-i18next';
import { getBridge } from '../platform/bridge';
import { errorMessage } from '../platform/errors';
import { LoginPage } from '../features/session/LoginPage';
import { ForcedPasswordChange } from '../features/session/ForcedPasswordChange';
import { useSessionStore } from '../state/sessionStore';
import { useSyncStore } from '../state/syncStore';
import { worksOnInspections } from '../state/roles';
import type { OneVisitDb } from '../data/db';
import { AppLayout } from './AppLayout';
import { useReducedMotion } from './reducedMotion';

// Component styles come from antd's static stylesheet (imported in main.tsx), not generated as each component renders:
// the theme's tokens still apply through CSS variables. A start is ~100 ms sooner ready and a first sync's window does a
// fifth less work.
const THEME = {
  zeroRuntime: true,
  token: {
    colorPrimary: '#1f4e99',
    borderRadius: 4,
    fontFamily: "-apple-system, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', sans-serif",
  },
};

export function App() {
  const { t } = useTranslation();
  const language = useSessionStore((s) => s.language);
  const state = useSessionStore((s) => s.state);
  const restore = useSessionStore((s) => s.restore);
  const loadSync = useSyncStore((s) => s.load);
  const runSync = useSyncStore((s) => s.run);
  const [bootError, setBootError] = useState<string | null>(null);
  const reducedMotion = useReducedMotion();
  const theme = useMemo(() => ({ ...THEME, token: { ...THEME.token, motion: !reducedMotion } }), [reducedMotion]);
  // Set by an interactive sign-in: the officer's data is fetched straight away. A restored session is not synced unasked.
  const syncAfterSignIn = useRef(false);

  useEffect(() => {
    restore(getBridge()).catch((e: unknown) => setBootError(errorMessage(e)));
  }, [restore]);

  useEffect(() => {
    dayjs.locale(language === 'zh-CN' ? 'zh-cn' : 'en');
    document.documentElement.lang = language;
  }, [language]);

  // Entering the app renders the whole layout, task list included, at once: do it in the background (interruptible)
  // while the previous view stays up, so signing in never blocks the window. Leaving it is immediate.
  const deferred = useDeferredValue(state);
  const view = state.status === 'signed_in' ? deferred : state;

  // The sync state is loaded, and a sign-in's sync started, as soon as the session is open: the sync worker fetches and
  // stores while the window renders the layout (deferred, above), not after it.
  const sessionDb = state.status === 'signed_in' ? state.db : null;
  const offline = state.status === 'signed_in' && state.offline;
  const mustChangePassword = state.status === 'signed_in' && state.session.mustChangePassword === true;
  // Data officers and credit reviewers work on the endpoint's intake screens: nothing of theirs lives on the device.
  const syncs = state.status === 'signed_in' && worksOnInspections(state.session.officer.role);
  const syncLoad = useRef<{ db: OneVisitDb; loaded: Promise<void> } | null>(null);
  useEffect(() => {
    if (!sessionDb) return;
    let cancelled = false;
    const loaded = loadSync(sessionDb, { warmWorker: syncs });
    syncLoad.current = { db: sessionDb, loaded };
    void loaded.then(() => {
      // An offline unlock has no token: its sync waits for an online sign-in.
      if (cancelled || !syncAfterSignIn.current || offline || mustChangePassword) return;
      syncAfterSignIn.current = false;
      if (syncs) void runSync(getBridge(), sessionDb);
    });
    return () => {
      cancelled = true;
    };
  }, [sessionDb, offline, mustChangePassword, syncs, loadSync, runSync]);

  // Ready for use (and for end-to-end tests) once the session's view is up and, if signed in, its sync state read.
  const viewDb = view.status === 'signed_in' ? view.db : null;
  useEffect(() => {
    if (view.status === 'loading') return;
    let cancelled = false;
    const loaded = viewDb && syncLoad.current?.db === viewDb ? syncLoad.current.loaded : Promise.resolve();
    void loaded.then(() => {
      if (!cancelled) document.documentElement.dataset.appReady = 'true';
    });
    return () => {
      cancelled = true;
    };
  }, [view.status, viewDb]);

  let body: React.ReactNode;
  if (bootError) body = <Result status="error" title={t('common.appName')} subTitle={bootError} />;
  else if (view.status === 'loading')
    body = (
      <div className="boot">
        <Spin size="large" description={t('app.loading')} />
      </div>
    );
  else if (view.status === 'signed_out') body = <LoginPage onSigningIn={() => (syncAfterSignIn.current = true)} />;
  // The endpoint refuses everything else until then; the officer's data is synced once the password is their own.
  else if (view.session.mustChangePassword) body = <ForcedPasswordChange />;
  else body = <AppLayout />;

  return (
    <ConfigProvider locale={language === 'zh-CN' ? zhCN : enUS} theme={theme}>
      <AntApp>
        <HashRouter>{body}</HashRouter>
      </AntApp>
    </ConfigProvider>
  );
}
