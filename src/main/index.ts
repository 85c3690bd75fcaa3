// Electron main: wires the small modules below together. Each installs one concern and says why in its header.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, protocol, safeStorage, session, shell, type OpenDialogOptions } from 'electron';
import { buildContentSecurityPolicy } from '@shared/security/contentSecurityPolicy';
import { INTAKE_FILE_EXTENSIONS } from '@shared/api/intakeUpload';
import { installContentSecurityPolicy } from './csp';
import { installIpcHandlers, sessionApiClient } from './ipc';
import { hostDeviceInfo } from './deviceInfo';
import { installNavigationGuards } from './navigation';
import { createAppUrlPolicy } from './origin';
import { installPermissionPolicy } from './permissions';
import { installAppProtocol } from './protocol';
import { SecureSessionStore } from './secureStorage';
import { loadSettings, tileOriginsFromEnv } from './settings';
import { devServerUrlOf, installMainWindow, rendererEntryUrl } from './window';

// Vite sets DEV only when electron-vite serves the app in development.
const devServerUrl = devServerUrlOf(process.env, import.meta.env.DEV);
const isAppUrl = createAppUrlPolicy(devServerUrl);
const contentSecurityPolicy = buildContentSecurityPolicy({ dev: devServerUrl !== undefined, tileOrigins: tileOriginsFromEnv(process.env) });
const rendererRoot = fileURLToPath(new URL('../renderer', import.meta.url));
const preloadPath = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));

// Two instances would race on settings.json and the session file.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.enableSandbox();
  const protocolReady = installAppProtocol(app, protocol, rendererRoot, contentSecurityPolicy);
  installNavigationGuards(app, shell, isAppUrl);

  let mainWindow: BrowserWindow | null = null;
  // Windows open only once IPC handlers exist; macOS may fire `activate` while startup is still loading settings.
  let started = false;
  const openMainWindow = () => {
    mainWindow = installMainWindow(BrowserWindow, { preloadPath, entryUrl: rendererEntryUrl(devServerUrl) });
    mainWindow.on('closed', () => (mainWindow = null));
  };

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (started && BrowserWindow.getAllWindows().length === 0) openMainWindow();
  });

  app
    .whenReady()
    .then(async () => {
      await protocolReady;
      installContentSecurityPolicy(session.defaultSession, contentSecurityPolicy);
      installPermissionPolicy(session.defaultSession, isAppUrl);
      const userDataDir = app.getPath('userData');
      const settings = await loadSettings({ userDataDir, env: process.env });
      const storage = new SecureSessionStore({ safeStorage, userDataDir });
      const api = sessionApiClient(settings.serverUrl, storage);
      const savePdf = async (pdf: Uint8Array, suggestedName: string) => {
        const options = {
          defaultPath: path.join(app.getPath('documents'), suggestedName),
          filters: [{ name: 'PDF', extensions: ['pdf'] }],
        };
        const choice = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
        if (choice.canceled || !choice.filePath) return null;
        await writeFile(choice.filePath, pdf);
        return choice.filePath;
      };
      const chooseIntakeFile = async () => {
        const options: OpenDialogOptions = {
          properties: ['openFile'],
          filters: [{ name: 'CSV, Excel (.xlsx), JSON, NDJSON', extensions: INTAKE_FILE_EXTENSIONS }],
        };
        const choice = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
        return choice.canceled ? null : (choice.filePaths[0] ?? null);
      };
      const appVersion = app.getVersion();
      installIpcHandlers(ipcMain, {
        context: { api, storage, settings, appVersion, device: hostDeviceInfo(appVersion), savePdf, chooseIntakeFile },
        isAppUrl,
      });
      console.info(`[main] OneVisit ${app.getVersion()} syncing with ${settings.serverUrl}`);
      started = true;
      openMainWindow();
    })
    .catch((error: unknown) => {
      console.error('[main] cannot start OneVisit:', error);
      // The officer sees why (a refused endpoint address, an unreadable settings file), not just a vanishing window.
      dialog.showErrorBox('OneVisit', `OneVisit cannot start: ${error instanceof Error ? error.message : String(error)}`);
      app.exit(1);
    });
}
