// The signed-in officer, their local database and the UI language.
import { create } from 'zustand';
import type { LoginInput, PlatformBridge, SessionInfo } from '@shared/ipc';
import { openOfficerDatabase, type OneVisitDb } from '../../data/db';
import { i18n, LANGUAGES, type Language } from '../../i18n';

const LANGUAGE_KEY = 'onevisit.language';

export function storedLanguage(): Language {
  const stored = window.localStorage.getItem(LANGUAGE_KEY);
  return LANGUAGES.find((l) => l === stored) ?? 'zh-CN';
}

type SessionState =
  | { status: 'loading'; session: null; db: null }
  | { status: 'signed_out'; session: null; db: null; notice?: 'expired' }
  | { status: 'signed_in'; session: SessionInfo; db: OneVisitDb };

interface SessionStore {
  state: SessionState;
  language: Language;
  /** Restores a session kept by the host (Electron main, or sessionStorage on the web) and opens its database. */
  restore(bridge: PlatformBridge): Promise<void>;
  signIn(bridge: PlatformBridge, input: LoginInput): Promise<SessionInfo>;
  signOut(bridge: PlatformBridge, notice?: 'expired'): Promise<void>;
  setLanguage(language: Language): void;
}

async function openFor(session: SessionInfo): Promise<SessionState> {
  const db = openOfficerDatabase(session.officer.id);
  await db.open();
  return { status: 'signed_in', session, db };
}

export const useSessionStore = create<SessionStore>((set, get) => ({
  state: { status: 'loading', session: null, db: null },
  language: storedLanguage(),

  async restore(bridge) {
    const session = await bridge.getSession();
    set({ state: session ? await openFor(session) : { status: 'signed_out', session: null, db: null } });
  },

  async signIn(bridge, input) {
    const session = await bridge.login(input);
    set({ state: await openFor(session) });
    return session;
  },

  async signOut(bridge, notice) {
    const { state } = get();
    await bridge.logout();
    // Local data stays: the officer's unsent work must survive a sign-out.
    state.db?.close();
    set({ state: { status: 'signed_out', session: null, db: null, notice } });
  },

  setLanguage(language) {
    window.localStorage.setItem(LANGUAGE_KEY, language);
    void i18n.changeLanguage(language);
    set({ language });
  },
}));

/** The signed-in officer's session and database; only for components rendered behind the sign-in. */
export function useSignedIn(): { session: SessionInfo; db: OneVisitDb } {
  const state = useSessionStore((s) => s.state);
  if (state.status !== 'signed_in') throw new Error('useSignedIn used outside a signed-in view');
  return state;
}
