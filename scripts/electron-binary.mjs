// Finds the installed Electron binary without triggering the electron package's download-on-require.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

/** @returns {{ path: string } | { path: null, reason: string }} */
export function findElectronBinary() {
  const require = createRequire(import.meta.url);
  let packageDir;
  try {
    packageDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return { path: null, reason: 'the electron package is not installed' };
  }
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile) && !override) {
    return { path: null, reason: 'no Electron binary is installed (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1)' };
  }
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : 'electron';
  const binary = override ? join(override, relative) : join(packageDir, 'dist', relative);
  return existsSync(binary) ? { path: binary } : { path: null, reason: `the Electron binary is missing at ${binary}` };
}
