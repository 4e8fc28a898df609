/** `netmortem serve` as a user runs it: a child process whose printed URL the tests open. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { root } from './build';

export interface ServeProcess {
  url: string;
  port: number;
  token: string;
  origin: string;
  stop(): Promise<void>;
}

export function startServe(dataHome: string): Promise<ServeProcess> {
  const child: ChildProcess = spawn(process.execPath, [join(root, 'bin/netmortem.js'), 'serve'], {
    cwd: root,
    env: { ...process.env, XDG_DATA_HOME: dataHome },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`netmortem serve exited with ${code}: ${output}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:(\d+)\/\?token=([\w-]+)/.exec(output);
      if (!match) return;
      child.removeAllListeners('exit');
      const port = Number(match[1]);
      resolve({
        url: match[0],
        port,
        token: match[2]!,
        origin: `http://127.0.0.1:${port}`,
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
