/** Client-generated mutation ids: unique per device and never reused, so the server can recognise a resend. */
export function newMutationId(): string {
  return `m-${crypto.randomUUID()}`;
}
