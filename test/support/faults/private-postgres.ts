/**
 * A PRIVATE PostgreSQL server for fault tests: its own data directory and port in a temp dir, trust
 * auth, loopback only. A test may stop it hard (`pg_ctl -m immediate`, the same as a crash: no
 * checkpoint, WAL replay on the next start), start it again on the same port, and finally destroy it.
 * The shared server that other test files use is never touched.
 *
 * Binaries come from /usr/lib/postgresql/<version>/bin (or PG_BIN). When they are missing, the
 * probe fails under CI (env CI set) and otherwise returns a reason the suite prints as one line.
 * As root the server runs as the `postgres` user (PostgreSQL refuses to run as root).
 */
import { execFile, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

export interface PostgresBinaries {
  bin: string;
  /** Run as this user (root cannot run PostgreSQL). */
  asUser: { name: string; uid: number; gid: number } | undefined;
}

export type BinariesProbe =
  { available: true; binaries: PostgresBinaries } | { available: false; reason: string };

function newestBinDir(): string | undefined {
  if (process.env.PG_BIN)
    return existsSync(join(process.env.PG_BIN, 'initdb')) ? process.env.PG_BIN : undefined;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')) && existsSync(join(root, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : join(root, versions[0], 'bin');
}

function userIds(name: string): { uid: number; gid: number } | undefined {
  const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) return undefined;
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** Finds initdb/pg_ctl. Under CI a missing binary is an error, never a silent skip. */
export function probePostgresBinaries(): BinariesProbe {
  const bin = newestBinDir();
  let reason: string | undefined;
  let asUser: PostgresBinaries['asUser'];
  if (!bin) reason = 'no PostgreSQL server binaries (initdb, pg_ctl) in /usr/lib/postgresql/*/bin or PG_BIN';
  else if (process.getuid?.() === 0) {
    const ids = userIds('postgres');
    if (!ids) reason = 'running as root and there is no postgres user to run a private server as';
    else asUser = { name: 'postgres', ...ids };
  }
  if (reason) {
    if (process.env.CI) throw new Error(`private PostgreSQL needed for database-fault tests: ${reason}`);
    return { available: false, reason: `database-fault tests skipped: ${reason}` };
  }
  return { available: true, binaries: { bin: bin!, asUser } };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface PrivatePostgres {
  readonly port: number;
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  readonly url: string;
  readonly dataDir: string;
  /** `immediate` is a crash (no shutdown checkpoint); `fast` a clean stop that ends sessions. */
  stop(mode?: 'immediate' | 'fast'): Promise<void>;
  /** Starts again on the same port and waits until it accepts queries. */
  start(): Promise<void>;
  /** Stops (if running) and removes the temp directory. */
  destroy(): Promise<void>;
}

async function tool(binaries: PostgresBinaries, name: string, args: string[]): Promise<string> {
  const exe = join(binaries.bin, name);
  const [file, argv] = binaries.asUser
    ? ['runuser', ['-u', binaries.asUser.name, '--', exe, ...args]]
    : [exe, args];
  try {
    const { stdout } = await run(file, argv, { maxBuffer: 4 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const e = error as { stderr?: string; message: string };
    throw new Error(`${name} failed: ${e.stderr?.trim() || e.message}`);
  }
}

async function waitUntilAccepting(url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('select 1');
      return;
    } catch (error) {
      last = error;
      await new Promise((r) => setTimeout(r, 100));
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  throw new Error(`private PostgreSQL did not come up: ${String(last)}`);
}

/** initdb in a fresh temp dir, then start. Call destroy() in afterAll. */
export async function startPrivatePostgres(binaries: PostgresBinaries): Promise<PrivatePostgres> {
  const root = mkdtempSync(join(tmpdir(), 'pp-private-pg-'));
  const dataDir = join(root, 'data');
  const socketDir = root;
  if (binaries.asUser) chownSync(root, binaries.asUser.uid, binaries.asUser.gid);
  chmodSync(root, 0o700);
  const port = await freePort();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const logFile = join(root, 'server.log');
  await tool(binaries, 'initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  // Loopback only, its own socket dir, small and fast: fsync off is safe here because the OS
  // does not crash in these tests, only the server does (page cache survives a SIGKILL).
  const options = [
    `-p ${port}`,
    `-c listen_addresses=127.0.0.1`,
    `-c unix_socket_directories=${socketDir}`,
    '-c fsync=off',
    '-c full_page_writes=off',
    '-c max_connections=60',
    '-c shared_buffers=32MB',
  ].join(' ');
  let running = false;
  const start = async (): Promise<void> => {
    await tool(binaries, 'pg_ctl', ['-D', dataDir, '-o', options, '-l', logFile, '-w', '-t', '30', 'start']);
    running = true;
    await waitUntilAccepting(url);
  };
  const stop = async (mode: 'immediate' | 'fast' = 'immediate'): Promise<void> => {
    if (!running) return;
    await tool(binaries, 'pg_ctl', ['-D', dataDir, '-m', mode, '-w', '-t', '30', 'stop']);
    running = false;
  };
  await start();
  return {
    port,
    url,
    dataDir,
    stop,
    start,
    async destroy() {
      await stop('immediate').catch(() => undefined);
      rmSync(root, { recursive: true, force: true });
    },
  };
}
