// The PlatformBridge of the web host: talks to the endpoint that served the app (same origin).
// The token lives only in sessionStorage: it dies with the tab, but a reload keeps the officer signed in.
import { ApiClient, type UploadTransport } from '@shared/api/client';
import { INTAKE_FILE_ACCEPT, INTAKE_SNIFF_BYTES } from '@shared/api/intakeUpload';
import { withDeviceId, type CallableOperation, type OperationInput, type OperationOutput } from '@shared/api/operations';
import { sessionFromLogin, sessionInfoSchema, type PlatformBridge, type SessionInfo } from '@shared/bridge';
import { z } from 'zod';
import { version } from '../../../../package.json';
import { browserDeviceInfo } from './browserDevice';
import { pickFile } from './pickFile';
import { xhrUpload } from './xhrUpload';

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
  /** navigator.userAgent: what the device list is told of this browser. */
  userAgent: string;
  /** The file chooser of an intake upload (the browser's, by default). */
  pickFile?: (accept: string) => Promise<File | null>;
  /** How an upload's body goes with progress (XMLHttpRequest, by default). */
  upload?: UploadTransport;
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

  // An expired or refused token ends the session here too, so the app asks for the password again.
  const client = new ApiClient({
    baseUrl: options.baseUrl,
    fetch: options.fetch,
    getToken: () => readSession()?.token ?? null,
    onSessionRefused: () => options.sessionStorage.removeItem(SESSION_KEY),
    upload: options.upload ?? xhrUpload(),
  });

  return {
    async getAppInfo() {
      return { host: 'web', version, serverUrl: options.baseUrl, deviceId: deviceIdFrom(options.localStorage) };
    },
    async login(input): Promise<SessionInfo> {
      const device = browserDeviceInfo(options.userAgent, version);
      const response = await client.call('auth.login', { body: { ...input, deviceId: deviceIdFrom(options.localStorage), device } });
      const session = sessionFromLogin(response);
      options.sessionStorage.setItem(SESSION_KEY, JSON.stringify({ token: response.token, session } satisfies StoredSession));
      return session;
    },
    async logout() {
      if (readSession()) await client.endSession();
      options.sessionStorage.removeItem(SESSION_KEY);
    },
    async changePassword(input) {
      const response = await client.call('auth.changePassword', { body: input });
      const session = sessionFromLogin(response);
      options.sessionStorage.setItem(SESSION_KEY, JSON.stringify({ token: response.token, session } satisfies StoredSession));
      return session;
    },
    async getSession() {
      return readSession()?.session ?? null;
    },
    call(name, ...[input]) {
      // The generic signature of client.call cannot spread the input of a name not known yet; the bridge's types hold.
      const call = client.call.bind(client) as <N extends CallableOperation>(
        name: N,
        input: OperationInput<N>,
      ) => Promise<OperationOutput<N>>;
      return call(name, withDeviceId(name, input ?? ({} as NonNullable<typeof input>), deviceIdFrom(options.localStorage)));
    },
    pull(query) {
      // Every page goes to a PullStore, which validates it in full before writing (in the sync worker): check only
      // the envelope here, so the window's thread does not validate 1,000 profiles a page a second time.
      return client.pull(query, { checkChanges: false });
    },
    putAttachment: (upload) => client.putAttachment(upload),
    getAttachment: (sha256) => client.getAttachment(sha256),
    getSnapshotChunk: (sha256) => client.getSnapshotChunk(sha256),
    async exportRecordPdf() {
      // The browser's print dialog offers "Save as PDF"; the print CSS lays the record out.
      window.print();
      return { path: null };
    },
    async uploadIntakeFile(query, onProgress) {
      // The chooser opens within the officer's click: nothing is awaited before it.
      const file = await (options.pickFile ?? pickFile)(INTAKE_FILE_ACCEPT);
      if (!file) return null;
      const head = new Uint8Array(await file.slice(0, INTAKE_SNIFF_BYTES).arrayBuffer());
      // The File goes as it is: the browser reads it from disk as it sends.
      return client.uploadIntakeFile(query, { fileName: file.name, size: file.size, head, body: file }, onProgress);
    },
    getIntakeReturnsFile: (query) => client.intakeReturnsFile(query),
  };
}
