// Web permissions (camera, notifications, geolocation, HID…) are denied unless listed here and asked for by the
// app itself. Both handlers are set: the request handler answers prompts, the check handler answers the
// synchronous queries (navigator.permissions, feature checks) that never prompt.
import type { Session } from 'electron';
import type { AppUrlPolicy } from './origin';

type Permission = Parameters<Parameters<Session['setPermissionCheckHandler']>[0] & object>[1];

/**
 * Geolocation only: the check-in records where the officer stood. Electron's network location provider is often out of
 * reach in China and offline, so the map pick stays the check-in's fallback.
 */
export const ALLOWED_PERMISSIONS: ReadonlySet<Permission> = new Set<Permission>(['geolocation']);

export function isPermissionGranted(
  permission: Permission,
  requestingUrl: string,
  isAppUrl: AppUrlPolicy,
  allowed: ReadonlySet<Permission> = ALLOWED_PERMISSIONS,
): boolean {
  return allowed.has(permission) && isAppUrl(requestingUrl);
}

export function installPermissionPolicy(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>,
  isAppUrl: AppUrlPolicy,
  allowed: ReadonlySet<Permission> = ALLOWED_PERMISSIONS,
): void {
  session.setPermissionRequestHandler((_webContents, permission, callback, details) => {
    callback(isPermissionGranted(permission, details.requestingUrl, isAppUrl, allowed));
  });
  session.setPermissionCheckHandler((_webContents, permission, requestingOrigin) =>
    isPermissionGranted(permission, requestingOrigin, isAppUrl, allowed),
  );
}
