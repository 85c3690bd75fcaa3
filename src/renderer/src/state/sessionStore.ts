// The signed-in officer, their local database and the UI language.
import { create } from 'zustand';
import type { ChangePasswordInput, LoginInput, PlatformBridge, SessionInfo } from '@shared/bridge';
import { openedOfficerDatabase, type OneVisitDb } from '../data/db';
import { localDataRepository } from '../data/localDataRepository';
import { i18n, LANGUAGES, type Language } from '../i18n';
import { errorKind } from '../platform/errors';
import { offlineSignIn } from './offlineSignIn';
import { worksOnInspections } from './roles';

const LANGUAGE_KEY = 'onevisit.language';

export function storedLanguage(): Language {
  const stored = window.localStorage.getItem(LANGUAGE_KEY);
  return LANGUAGES.find((l) => l === stored) ?? 'zh-CN';
}

/** Why the login page shows: the session expired, the device was revoked, or the officer wiped their local data. */
export type SignedOutNotice = 'expired' | 'revoked' | 'wiped';

type SessionState =
  | { status: 'loading'; session: null; db: null }
  | { status: 'signed_out'; session: null; db: null; notice?: SignedOutNotice }
  /** `offline`: unlocked with the local verifier while the endpoint was unreachable; there is no token to sync with. */
  /** `username`: what the officer signed in with on this run of the app (not known to a restored session). */
  | { status: 'signed_in'; session: SessionInfo; db: OneVisitDb; offline: false; username?: string }
  | { status: 'signed_in'; session: SessionInfo; db: OneVisitDb; offline: true; username: string };

interface SessionStore {
  state: SessionState;
  language: Language;
  /** Restores a session kept by the host (Electron main, or sessionStorage on the web) and opens its database. */
  restore(bridge: PlatformBridge): Promise<void>;
  /** Signs in online; when the endpoint cannot be reached, unlocks the local data with the offline verifier instead. */
  signIn(bridge: PlatformBridge, input: LoginInput): Promise<SessionInfo>;
  /** Turns an offline session into an online one (same officer, same database) once the endpoint is reachable. */
  signInOnline(bridge: PlatformBridge, password: string): Promise<void>;
  /**
   * Changes the password online; the offline verifier follows (the old password no longer unlocks this machine).
   * Without the user name (a restored session), the old verifier is dropped and the next online sign-in makes one.
   */
  changePassword(bridge: PlatformBridge, input: ChangePasswordInput): Promise<void>;
  /** `wipe` deletes the officer's local database; callers push or get the officer's discard confirmation first. */
  signOut(bridge: PlatformBridge, options?: { notice?: SignedOutNotice; wipe?: boolean }): Promise<void>;
  setLanguage(language: Language): void;
}

const openFor = (session: SessionInfo): Promise<OneVisitDb> => openedOfficerDatabase(session.officer.id);

const verifiers = () => offlineSignIn(window.localStorage);

/** A verifier that cannot be stored (storage full or blocked) costs the offline sign-in, never the online one. */
async function rememberForOffline(username: string, password: string, session: SessionInfo): Promise<void> {
  try {
    await verifiers().remember(username, password, session);
  } catch (error) {
    console.warn('[session] offline sign-in not available on this machine:', error);
  }
}

export const useSessionStore = create<SessionStore>((set, get) => ({
  state: { status: 'loading', session: null, db: null },
  language: storedLanguage(),

  async restore(bridge) {
    const session = await bridge.getSession();
    set({
      state: session
        ? { status: 'signed_in', session, db: await openFor(session), offline: false }
        : { status: 'signed_out', session: null, db: null },
    });
  },

  async signIn(bridge, input) {
    let session: SessionInfo;
    try {
      session = await bridge.login(input);
    } catch (error) {
      if (errorKind(error) === 'device_revoked') verifiers().forgetUser(input.username);
      if (errorKind(error) !== 'network') throw error;
      const unlocked = await verifiers().unlock(input.username, input.password);
      if (!unlocked) throw error;
      set({ state: { status: 'signed_in', session: unlocked, db: await openFor(unlocked), offline: true, username: input.username } });
      return unlocked;
    }
    // Only for work kept on the device (an offline unlock would open nothing but the intake's offline notices), and never
    // with a one-time password set by an admin: the verifier waits for the new one.
    if (worksOnInspections(session.officer.role) && !session.mustChangePassword)
      await rememberForOffline(input.username, input.password, session);
    set({ state: { status: 'signed_in', session, db: await openFor(session), offline: false, username: input.username } });
    return session;
  },

  async signInOnline(bridge, password) {
    const { state } = get();
    if (state.status !== 'signed_in' || !state.offline) return;
    const session = await bridge.login({ username: state.username, password });
    if (session.officer.id !== state.session.officer.id) throw new Error('signed in as a different officer');
    await rememberForOffline(state.username, password, session);
    set({ state: { status: 'signed_in', session, db: state.db, offline: false, username: state.username } });
  },

  async changePassword(bridge, input) {
    const { state } = get();
    if (state.status !== 'signed_in' || state.offline) return;
    const session = await bridge.changePassword(input);
    verifiers().forgetOfficer(session.officer.id);
    if (state.username) await rememberForOffline(state.username, input.newPassword, session);
    set({ state: { ...state, session } });
  },

  async signOut(bridge, { notice, wipe = false } = {}) {
    const { state } = get();
    await bridge.logout();
    if (state.db && wipe) {
      await localDataRepository(state.db).wipe();
      verifiers().forgetOfficer(state.session.officer.id);
    } else {
      // Without a wipe, local data stays: the officer's unsent work must survive a sign-out.
      state.db?.close();
    }
    set({ state: { status: 'signed_out', session: null, db: null, notice } });
  },

  setLanguage(language) {
    window.localStorage.setItem(LANGUAGE_KEY, language);
    void i18n.changeLanguage(language);
    set({ language });
  },
}));

/** The signed-in officer's session and database; only for components rendered behind the sign-in. */
export function useSignedIn(): Extract<SessionState, { status: 'signed_in' }> {
  const state = useSessionStore((s) => s.state);
  if (state.status !== 'signed_in') throw new Error('useSignedIn used outside a signed-in view');
  return state;
}
