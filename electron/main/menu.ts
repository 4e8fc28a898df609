/** The application menu. Its items send the same commands as the renderer's shortcuts. */
import { app, Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import { channelOf } from '../common/ipc/names';
import type { MenuCommand } from '../common/ipc/payload-schemas';

export function buildMenu(window: BrowserWindow): Menu {
  const send = (command: MenuCommand) => () => {
    if (!window.isDestroyed()) window.webContents.send(channelOf('command'), { command });
  };
  const mac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(mac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'Open capture…', accelerator: 'CmdOrCtrl+O', click: send('open') },
        { label: 'Export report…', accelerator: 'CmdOrCtrl+E', click: send('export') },
        { label: 'Save capture as pcap…', click: send('save-capture') },
        { type: 'separator' },
        mac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: '&Capture',
      submenu: [{ label: 'Start / stop', accelerator: 'CmdOrCtrl+R', click: send('start-stop') }],
    },
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' as const }]),
      ],
    },
    { role: 'windowMenu' },
  ];
  return Menu.buildFromTemplate(template);
}
