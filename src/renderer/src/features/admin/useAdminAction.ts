// One admin action: run it, say it worked or why not, reload what it changed.
import { useState } from 'react';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../platform/errors';

export function useAdminAction(reload: () => void) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  return {
    busy,
    /** Runs the action; answers its result, or null after telling the admin why it failed. */
    async run<T>(action: () => Promise<T>, done?: string | ((result: T) => string)): Promise<T | null> {
      setBusy(true);
      try {
        const result = await action();
        if (done) message.success(typeof done === 'string' ? done : done(result));
        reload();
        return result;
      } catch (error) {
        message.error(t('admin.failed', { message: errorMessage(error) }));
        return null;
      } finally {
        setBusy(false);
      }
    },
  };
}
