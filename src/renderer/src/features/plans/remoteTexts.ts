import type { RemoteTexts } from '../../components/RemoteState';

/** What the plan pages say when the endpoint's data is missing (RemoteState's default for a failed load). */
export const PLANS_REMOTE_TEXTS: RemoteTexts = { offline: 'plans.offline', forbidden: 'plans.forbidden' };
