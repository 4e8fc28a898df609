/**
 * The same specs drive the app in browser mode (Chromium on `netmortem serve`) and in
 * Electron (when ELECTRON_OVERRIDE_DIST_PATH is set). A driver hides the one difference that
 * matters to them: how files come in and go out (upload and download in the browser; native
 * dialogs in Electron, which the Electron driver answers from the main process).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, type Browser, type ElectronApplication, type Page } from 'playwright-core';
import { root } from './build';
import { launchChromium } from '../../../electron/node/report/chromium';
import { startServe, type ServeProcess } from './serve-process';

export interface AppDriver {
  kind: 'browser' | 'electron';
  page: Page;
  /** Opens capture files through the UI's Open button. */
  open(paths: string[]): Promise<void>;
  /** Runs `click` (which must lead to a save) and returns where the file landed on disk. */
  save(click: () => Promise<void>, folder: string, fileName?: string): Promise<string>;
  close(): Promise<void>;
}

export async function browserDriver(): Promise<AppDriver & { serve: ServeProcess; browser: Browser }> {
  const dataHome = await mkdtemp(join(tmpdir(), 'netmortem-e2e-data-'));
  const serve = await startServe(dataHome);
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(serve.url);
  return {
    kind: 'browser',
    page,
    serve,
    browser,
    async open(paths) {
      await page.getByTestId('open-button').click();
      await page.getByTestId('open-file-input').setInputFiles(paths);
    },
    async save(click, folder, fileName) {
      const [download] = await Promise.all([page.waitForEvent('download'), click()]);
      const target = join(folder, fileName ?? download.suggestedFilename());
      await download.saveAs(target);
      return target;
    },
    async close() {
      await browser.close();
      await serve.stop();
      // Live captures leave their rolling pcaps here.
      await rm(dataHome, { recursive: true, force: true });
    },
  };
}

export function electronExecutable(): string | undefined {
  const folder = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (!folder) return undefined;
  return join(
    folder,
    process.platform === 'win32'
      ? 'electron.exe'
      : process.platform === 'darwin'
        ? 'Electron.app/Contents/MacOS/Electron'
        : 'electron',
  );
}

export async function electronDriver(): Promise<AppDriver> {
  const executablePath = electronExecutable();
  if (!executablePath) throw new Error('ELECTRON_OVERRIDE_DIST_PATH is not set');
  const dataHome = await mkdtemp(join(tmpdir(), 'netmortem-e2e-electron-'));
  const app: ElectronApplication = await _electron.launch({
    executablePath,
    args: [root, `--user-data-dir=${dataHome}`],
    cwd: root,
  });
  const page = await app.firstWindow();
  await page.setViewportSize({ width: 1440, height: 900 });
  return {
    kind: 'electron',
    page,
    async open(paths) {
      await app.evaluate(({ dialog }, chosen) => {
        dialog.showOpenDialog = (async () => ({
          canceled: false,
          filePaths: chosen,
        })) as typeof dialog.showOpenDialog;
      }, paths);
      await page.getByTestId('open-button').click();
    },
    async save(click, folder, fileName) {
      const target = join(folder, fileName ?? `saved-${Date.now()}`);
      await app.evaluate(({ dialog }, path) => {
        dialog.showSaveDialog = (async () => ({
          canceled: false,
          filePath: path,
        })) as typeof dialog.showSaveDialog;
      }, target);
      await click();
      await page
        .getByTestId(/export-result|notice/)
        .first()
        .waitFor();
      return target;
    },
    async close() {
      await app.close();
    },
  };
}
