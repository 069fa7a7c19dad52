/**
 * The real service as a child process: `node <the bundled CLI> serve` (one process, so a SIGKILL
 * hits the server itself, not a wrapper), on a loopback port, with every stdout/stderr line kept
 * for log assertions. `kill('SIGKILL')` is a real crash: no shutdown hook runs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { cliBundle, REPO_ROOT } from '../cli-bundle.js';

export { REPO_ROOT };

export interface ServiceProcess {
  readonly pid: number;
  readonly port: number;
  readonly baseUrl: string;
  /** Lines the process wrote (stdout pino JSON and stderr), across its life. */
  readonly lines: string[];
  kill(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface ServiceProcessOptions {
  port: number;
  /** Service environment (DATABASE_URL, secrets, API_TOKEN, …); PATH and HOME are added. */
  env: Record<string, string>;
  /** Shared line sink across restarts. */
  lines?: string[];
  startTimeoutMs?: number;
  /** Extra node flags before the entry point (e.g. --expose-gc). */
  nodeArgs?: string[];
  /** Sees every line; with keepLines false the lines are not kept (long runs). */
  onLine?: (line: string) => void;
  keepLines?: boolean;
}

/** Starts `serve` and resolves once GET /health answers 200; rejects if it exits first. */
export async function startServiceProcess(options: ServiceProcessOptions): Promise<ServiceProcess> {
  const lines = options.lines ?? [];
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    LOG_LEVEL: 'info',
    ...options.env,
  };
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...(options.nodeArgs ?? []),
      cliBundle(),
      'serve',
      '--port',
      String(options.port),
      '--host',
      '127.0.0.1',
    ],
    { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const keep = options.keepLines !== false;
  for (const stream of [child.stdout!, child.stderr!]) {
    createInterface({ input: stream }).on('line', (l) => {
      if (keep) lines.push(l);
      options.onLine?.(l);
    });
  }
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const baseUrl = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  let gone = false;
  void exited.then(() => (gone = true));
  for (;;) {
    if (gone) throw new Error(`serve exited before it was healthy:\n${lines.slice(-20).join('\n')}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`serve was not healthy in time:\n${lines.slice(-20).join('\n')}`);
    }
    try {
      const r = await fetch(`${baseUrl}/health`);
      if (r.status === 200) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    pid: child.pid!,
    port: options.port,
    baseUrl,
    lines,
    exited,
    async kill(signal) {
      if (!gone) child.kill(signal);
      return exited;
    },
  };
}
