// What the officer reads when something fails: a storage fault says what to do about it; anything else its message.
import type { TFunction } from 'i18next';
import type { ErrorKind } from '../platform/errors';

export function failureText(t: TFunction, failure: { kind: ErrorKind; message: string }, otherwise: (message: string) => string): string {
  if (failure.kind === 'storage_full') return t('common.storageFull');
  if (failure.kind === 'storage_failed') return t('common.storageFailed');
  if (failure.kind === 'client_too_old') return t('common.clientTooOld');
  return otherwise(failure.message);
}
