// The browser's file chooser, as a promise: the web host's counterpart of Electron's native open dialog.

/**
 * Opens the file chooser for one file of the given types (`.csv,.xlsx`); null when the officer cancels. Must run within
 * the click that asked for it (browsers open choosers only on a user's gesture).
 */
export function pickFile(accept: string, document: Document = window.document): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.hidden = true;
    const done = (file: File | null) => {
      input.remove();
      resolve(file);
    };
    input.addEventListener('change', () => done(input.files?.[0] ?? null), { once: true });
    input.addEventListener('cancel', () => done(null), { once: true });
    document.body.append(input);
    input.click();
  });
}
