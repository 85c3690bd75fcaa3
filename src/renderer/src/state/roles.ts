// What the app offers each role (DOMAIN.md "Who works with OneVisit"). The endpoint decides every permission
// (src/server/access/policy.ts); these only choose menus, landing pages and whether the device syncs.
import type { OfficerRole } from '@shared/domain/model';

/**
 * Works on inspections kept on this device (tasks, map, dossiers), so signs in to a sync. Data officers and credit
 * reviewers work only on the endpoint's intake screens: their devices neither pull nor keep inspection data.
 */
export const worksOnInspections = (role: OfficerRole): boolean => role === 'inspector' || role === 'supervisor' || role === 'admin';

/** Plans, draws, progress, review and publication, devices. */
export const supervises = (role: OfficerRole): boolean => role === 'supervisor' || role === 'admin';

/** Uploads a department's feeds and corrects its returns. */
export const runsIntake = (role: OfficerRole): boolean => role === 'data_officer' || role === 'admin';

/** Confirms disputed records. */
export const reviewsDisputes = (role: OfficerRole): boolean => role === 'credit_reviewer' || role === 'admin';
