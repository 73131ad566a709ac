import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

import { REPO } from './paths';
import { BROWSER } from './user-agents';

export interface ServerProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** SIGKILL: no shutdown hook runs, as when a machine dies. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/** A TCP port free on loopback now. */
export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });

/** Starts the playground in its own process on the given database environment; resolves when it listens. */
export const startServerProcess = async (env: Record<string, string>, timeoutMs = 90_000): Promise<ServerProcess> => {
  const port = await freePort();
  const child = spawn(process.execPath, ['-r', 'esbuild-register', path.join(REPO, 'tests', 'helpers', 'serve.ts')], {
    cwd: REPO,
    env: { ...process.env, ...env, HOST: '127.0.0.1', PORT: String(port), NODE_OPTIONS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('READY')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    if (process.env.SERVER_LOG) child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(chunk));
    if (process.env.SERVER_LOG) child.stdout?.on('data', (chunk: Buffer) => process.stderr.write(chunk));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    child,
    async kill() {
      child.kill('SIGKILL');
      await exited(child);
    },
    async stop() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited(child);
      clearTimeout(timer);
    },
  };
};

/** One JSON request to a server process, as a browser would send it (so views count); `token` signs it in as an admin. */
export const callServer = async (server: ServerProcess, method: string, urlPath: string, { body, token }: { body?: unknown; token?: string } = {}) => {
  const res = await fetch(`${server.url}${urlPath}`, {
    method,
    headers: { 'Content-Type': 'application/json', 'User-Agent': BROWSER, ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
};
