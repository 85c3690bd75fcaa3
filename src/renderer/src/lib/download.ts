// Saves what the app made or fetched as a file through the browser's (or Electron's) download.

/** Text or bytes, saved under `fileName`. */
export function downloadFile(fileName: string, content: string | Uint8Array, type: string): void {
  // Bytes a bridge hands over sit in an ArrayBuffer of their own (never a SharedArrayBuffer).
  const url = URL.createObjectURL(new Blob([content as string | Uint8Array<ArrayBuffer>], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked after the click has been handled, not before the download starts.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** A value as a pretty-printed JSON file. */
export function downloadJson(fileName: string, value: unknown): void {
  downloadFile(fileName, `${JSON.stringify(value, null, 2)}\n`, 'application/json');
}
