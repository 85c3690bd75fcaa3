import { describe, expect, it } from 'vitest';
import { ALLOWED_PERMISSIONS, installPermissionPolicy, isPermissionGranted } from './permissions';
import { createAppUrlPolicy } from './origin';

const isAppUrl = createAppUrlPolicy();

describe('isPermissionGranted', () => {
  it('grants geolocation to the app only, and denies everything else, even to the app', () => {
    expect([...ALLOWED_PERMISSIONS]).toEqual(['geolocation']);
    expect(isPermissionGranted('geolocation', 'app://onevisit/index.html', isAppUrl)).toBe(true);
    for (const url of ['https://example.com/', 'http://localhost:5173/', 'file:///index.html'])
      expect(isPermissionGranted('geolocation', url, isAppUrl)).toBe(false);
    for (const permission of ['media', 'notifications', 'clipboard-read', 'hid', 'openExternal'] as const) {
      expect(isPermissionGranted(permission, 'app://onevisit/index.html', isAppUrl)).toBe(false);
    }
  });

  it('grants an allowed permission to the app only', () => {
    const allowed = new Set(['geolocation'] as const);
    expect(isPermissionGranted('geolocation', 'app://onevisit/index.html', isAppUrl, allowed)).toBe(true);
    expect(isPermissionGranted('geolocation', 'https://example.com/', isAppUrl, allowed)).toBe(false);
    expect(isPermissionGranted('media', 'app://onevisit/index.html', isAppUrl, allowed)).toBe(false);
  });
});

describe('installPermissionPolicy', () => {
  it('answers both prompts and silent checks', () => {
    type RequestHandler = (
      wc: unknown,
      permission: string,
      callback: (granted: boolean) => void,
      details: { requestingUrl: string },
    ) => void;
    type CheckHandler = (wc: unknown, permission: string, origin: string) => boolean;
    let onRequest: RequestHandler | undefined;
    let onCheck: CheckHandler | undefined;
    const session = {
      setPermissionRequestHandler: (handler: RequestHandler) => (onRequest = handler),
      setPermissionCheckHandler: (handler: CheckHandler) => (onCheck = handler),
    };
    installPermissionPolicy(session as never, isAppUrl, new Set(['geolocation'] as const));

    const answers: boolean[] = [];
    onRequest?.(null, 'geolocation', (granted) => answers.push(granted), { requestingUrl: 'app://onevisit/index.html' });
    onRequest?.(null, 'media', (granted) => answers.push(granted), { requestingUrl: 'app://onevisit/index.html' });
    onRequest?.(null, 'geolocation', (granted) => answers.push(granted), { requestingUrl: 'https://evil.example/' });
    expect(answers).toEqual([true, false, false]);
    expect(onCheck?.(null, 'geolocation', 'app://onevisit')).toBe(true);
    expect(onCheck?.(null, 'notifications', 'app://onevisit')).toBe(false);
  });
});
