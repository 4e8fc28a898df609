/** Native open and save dialogs, as the service's host capabilities. */
import { dialog, type BrowserWindow } from 'electron';

const captureFilters = [
  { name: 'Captures and tcpdump logs', extensions: ['pcap', 'pcapng', 'cap', 'dmp', 'txt', 'log'] },
  { name: 'All files', extensions: ['*'] },
];

export async function showOpenDialog(window: BrowserWindow): Promise<{ paths: string[] }> {
  const result = await dialog.showOpenDialog(window, {
    title: 'Open capture',
    properties: ['openFile', 'multiSelections'],
    filters: captureFilters,
  });
  return { paths: result.canceled ? [] : result.filePaths };
}

export async function showSaveDialog(
  window: BrowserWindow,
  defaultPath: string,
  extensions: string[],
): Promise<{ path: string | null }> {
  const filters = extensions.length > 0 ? [{ name: extensions.join(', ').toUpperCase(), extensions }] : [];
  const result = await dialog.showSaveDialog(window, { title: 'Save', defaultPath, filters });
  return { path: result.canceled || !result.filePath ? null : result.filePath };
}
