// Starts the benchmark's server as a separate process, as it runs in production, so the
// load generator and the server do not share an event loop.
import { spawn } from 'node:child_process';
import type { Storage } from './storage.ts';

export interface RunningServer {
  base: URL;
  /** What the server printed until it was listening. */
  output: string;
  stop(): Promise<void>;
}

const defaultEntry = new URL('./server-main.ts', import.meta.url).pathname;

export function startServer(
  storage: Storage,
  {
    profileDir,
    entry = defaultEntry,
    env = {},
  }: { profileDir?: string | undefined; entry?: string; env?: Record<string, string> } = {},
): Promise<RunningServer> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
      entry,
    ],
    { env: { ...process.env, ...storage.serverEnv, ...env }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const early = (code: number | null) =>
      reject(new Error(`the benchmark server exited early (${code})`));
    child.once('exit', early);
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const port = /listening (\d+)/.exec(output)?.[1];
      if (!port) return;
      child.removeListener('exit', early);
      resolve({
        base: new URL(`http://127.0.0.1:${port}`),
        output,
        async stop() {
          child.kill('SIGTERM');
          await exited;
        },
      });
    });
  });
}
