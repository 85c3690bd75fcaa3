// The PlatformBridge of the web host: talks to the endpoint that served the app (same origin).
// The token lives only in sessionStorage: it dies with the tab, but a reload keeps the officer signed in.
import { ApiClient, ApiError } from '@shared/api/client';
import { sessionFromLogin, sessionInfoSchema, type PlatformBridge, type SessionInfo } from '@shared/ipc';
import { z } from 'zod';
import { version } from '../../../../package.json';

const DEVICE_ID_KEY = 'onevisit.deviceId';
const SESSION_KEY = 'onevisit.session';

const storedSessionSchema = z.object({ token: z.string().min(1), session: sessionInfoSchema });
type StoredSession = z.infer<typeof storedSessionSchema>;

export interface WebBridgeOptions {
  baseUrl: string;
  localStorage: Storage;
  sessionStorage: Storage;
  fetch?: typeof fetch;
  now?: () => Date;
}

/** A stable id of this browser profile, so the server can tell devices apart. */
export function deviceIdFrom(storage: Storage): string {
  const existing = storage.getItem(DEVICE_ID_KEY);
  if (existing) return existing;
  const created = crypto.randomUUID();
  storage.setItem(DEVICE_ID_KEY, created);
  return created;
}

export function createWebBridge(options: WebBridgeOptions): PlatformBridge {
  const now = options.now ?? (() => new Date());

  function readSession(): StoredSession | null {
    const raw = options.sessionStorage.getItem(SESSION_KEY);
    if (!raw) return null;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      json = null;
    }
    const parsed = storedSessionSchema.safeParse(json);
    if (!parsed.success || Date.parse(parsed.data.session.expiresAt) <= now().getTime()) {
      options.sessionStorage.removeItem(SESSION_KEY);
      return null;
    }
    return parsed.data;
  }

  const client = new ApiClient({ baseUrl: options.baseUrl, fetch: options.fetch, getToken: () => readSession()?.token ?? null });

  /** An expired or revoked token ends the session here too, so the app asks for the password again. */
  async function authenticated<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      // Not on `device_revoked`: the app wipes and signs out itself, and until then the token can deliver queued work.
      if (error instanceof ApiError && error.kind === 'unauthorized') options.sessionStorage.removeItem(SESSION_KEY);
      throw error;
    }
  }

  return {
    async getAppInfo() {
      return { host: 'web', version, serverUrl: options.baseUrl, deviceId: deviceIdFrom(options.localStorage) };
    },
    async login(input): Promise<SessionInfo> {
      const response = await client.login({ ...input, deviceId: deviceIdFrom(options.localStorage) });
      const session = sessionFromLogin(response);
      options.sessionStorage.setItem(SESSION_KEY, JSON.stringify({ token: response.token, session } satisfies StoredSession));
      return session;
    },
    async logout() {
      options.sessionStorage.removeItem(SESSION_KEY);
    },
    async getSession() {
      return readSession()?.session ?? null;
    },
    pull(query) {
      // Every page goes to a PullStore, which validates it in full before writing (in the sync worker): check only
      // the envelope here, so the window's thread does not validate 1,000 profiles a page a second time.
      return authenticated(() => client.pull(query, { checkChanges: false }));
    },
    push(request) {
      return authenticated(() => client.push({ ...request, deviceId: deviceIdFrom(options.localStorage) }));
    },
    reviewQueue(query) {
      return authenticated(() => client.reviewQueue(query));
    },
    approveTask({ taskId }) {
      return authenticated(() => client.approveTask(taskId));
    },
    returnSection({ taskId, request }) {
      return authenticated(() => client.returnSection(taskId, request));
    },
    publish(request) {
      return authenticated(() => client.publish(request));
    },
    publicationExport(query) {
      return authenticated(() => client.publicationExport(query));
    },
    listPlans: () => authenticated(() => client.listPlans()),
    createPlan: (request) => authenticated(() => client.createPlan(request)),
    listRecusals: () => authenticated(() => client.listRecusals()),
    createRecusal: (request) => authenticated(() => client.createRecusal(request)),
    runDraw: ({ planId, ...request }) => authenticated(() => client.runDraw(planId, request)),
    getDraw: ({ planId }) => authenticated(() => client.getDraw(planId)),
    getDrawFile: ({ planId }) => authenticated(() => client.getDrawFile(planId)),
    getPublicity: ({ planId }) => authenticated(() => client.getPublicity(planId)),
    listDevices: () => authenticated(() => client.listDevices()),
    revokeDevice: ({ deviceId }) => authenticated(() => client.revokeDevice(deviceId)),
    putAttachment(upload) {
      return authenticated(() => client.putAttachment(upload));
    },
    hasAttachment(sha256) {
      return authenticated(() => client.hasAttachment(sha256));
    },
    getAttachment(sha256) {
      return authenticated(() => client.getAttachment(sha256));
    },
    async exportRecordPdf() {
      // The browser's print dialog offers "Save as PDF"; the print CSS lays the record out.
      window.print();
      return { path: null };
    },
  };
}
