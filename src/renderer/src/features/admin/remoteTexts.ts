import type { RemoteTexts } from '../../components/RemoteState';

/** What the admin pages say when the endpoint is out of reach or refuses. */
export const ADMIN_REMOTE_TEXTS: RemoteTexts = { offline: 'admin.offline', forbidden: 'admin.forbidden' };
