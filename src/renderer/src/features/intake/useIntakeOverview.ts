import type { IntakeOverview } from '@shared/api/intake';
import { getBridge } from '../../platform/bridge';
import { useRemote } from '../../hooks/useRemote';

const loadOverview = (): Promise<IntakeOverview> => getBridge().call('intake.overview');

/** The current half-month period and its departments (a data officer's own; every one for reviewers and admins). */
export const useIntakeOverview = () => useRemote(loadOverview);
