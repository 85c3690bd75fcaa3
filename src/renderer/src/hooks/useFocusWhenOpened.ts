// The field a dialog opens for takes the keyboard once the dialog has opened. autoFocus alone is not enough: without
// animations (reduced motion) antd's dialog mounts its content hidden, then shows it and focuses its own panel.
import { useCallback, useRef } from 'react';

/** A ref for the field and the dialog's afterOpenChange; keep the field's autoFocus, which is sooner when it works. */
export function useFocusWhenOpened<T extends { focus(): void }>() {
  const ref = useRef<T>(null);
  const afterOpenChange = useCallback((open: boolean) => {
    if (open) ref.current?.focus();
  }, []);
  return { ref, afterOpenChange };
}
