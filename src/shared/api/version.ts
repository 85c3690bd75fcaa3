// The app and the endpoint tell each other which revision of the contract they speak: every request carries the
// app's, every answer the endpoint's. An app older than the endpoint still serves is answered 426 `client_too_old`
// and says so plainly; its unsent work stays queued for the updated app.

/** The contract revision this build speaks; raised when a change leaves older apps unable to work with the endpoint. */
export const CONTRACT_REVISION = 1;
/** The oldest app revision the endpoint serves. Apps that send no revision (the first release) are revision 1. */
export const MIN_CLIENT_REVISION = 1;

export const CLIENT_REVISION_HEADER = 'x-onevisit-client-revision';
export const ENDPOINT_REVISION_HEADER = 'x-onevisit-revision';

/** Error code of the 426 answer to an app older than MIN_CLIENT_REVISION. */
export const CLIENT_TOO_OLD = 'client_too_old';

/** The revision a request declares: its header, or 1 when absent or unreadable. */
export function clientRevisionOf(header: string | string[] | undefined): number {
  const value = Number(Array.isArray(header) ? header[0] : header);
  return Number.isInteger(value) && value > 0 ? value : 1;
}
