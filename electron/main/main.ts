/**
 * The Electron shell: one window on the renderer, sandboxed and isolated, talking to the
 * main-side service (electron/node/service) over the IPC contract. A second launch focuses
 * the first window. Closing the window or quitting stops any capture and removes temporary files.
 */
import { app, BrowserWindow, Menu } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createService } from '../node/service/service';
import type { Service } from '../node/service/service-types';
import { showOpenDialog, showSaveDialog } from './dialogs';
import { connectIpc } from './ipc-handlers';
import { buildMenu } from './menu';
import { printPdf } from './print-pdf';
import { applyWindowSecurity } from './window-security';

const rendererIndex = join(__dirname, '..', 'renderer', 'index.html');
const rendererUrl = pathToFileURL(rendererIndex).href;

let window: BrowserWindow | undefined;
let service: Service | undefined;
let disconnect: (() => void) | undefined;

async function release(): Promise<void> {
  disconnect?.();
  disconnect = undefined;
  const running = service;
  service = undefined;
  await running?.dispose();
}

function createWindow(): void {
  const created = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    title: 'netmortem',
    show: false,
    webPreferences: {
      // Reviewed (electronegativity PRELOAD_JS_CHECK, docs/reliability.md): sandboxed, isolated,
      // exposes one invoke per contract request, never ipcRenderer; main checks every call (zod).
      preload: join(__dirname, 'preload.cjs'), // eng-disable PRELOAD_JS_CHECK
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      // A middle click must not open a link in a new window (electronegativity AUXCLICK_JS_CHECK).
      disableBlinkFeatures: 'Auxclick',
    },
  });
  window = created;
  service = createService({
    dataDirectory: app.getPath('userData'),
    exportDirectory: app.getPath('downloads'),
    host: {
      showOpenDialog: () => showOpenDialog(created),
      showSaveDialog: (defaultName, extensions) =>
        showSaveDialog(created, join(app.getPath('documents'), defaultName), extensions),
      printPdf,
    },
  });
  disconnect = connectIpc(created, service, rendererUrl);
  Menu.setApplicationMenu(buildMenu(created));
  created.once('ready-to-show', () => created.show());
  // Capture and temporary files go with the window, not only with the app.
  created.on('closed', () => {
    window = undefined;
    void release();
  });
  void created.loadFile(rendererIndex);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.enableSandbox();
  app.on('second-instance', () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('activate', () => {
    if (!window) createWindow();
  });
  app.on('will-quit', (event) => {
    if (!service) return;
    event.preventDefault();
    void release().finally(() => app.quit());
  });
  void app.whenReady().then(() => {
    applyWindowSecurity();
    createWindow();
  });
}
