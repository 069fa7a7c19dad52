/**
 * A private PostgreSQL primary and a streaming replica of it, for tests that need replication
 * (the shared server at 127.0.0.1:5432 allows no replication connections): `initdb` a data
 * directory, start it on a free port, `pg_basebackup -R` a replica from it and start that on
 * another port. Both run as the `postgres` user when the tests run as root (initdb refuses root).
 * `stop()` shuts both down (immediate mode) and removes the directories.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, appendFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ReplicatedPostgres {
  primaryUrl: string;
  replicaUrl: string;
  /** Pauses or resumes WAL replay on the replica (to make it lag on purpose). */
  pauseReplay(paused: boolean): Promise<void>;
  stop(): void;
}

/** The newest installed server's bin directory, or undefined. */
export function postgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'pg_basebackup')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function userIds(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  return { uid, gid };
}

export async function startReplicatedPostgres(): Promise<ReplicatedPostgres> {
  const bin = postgresBin();
  if (!bin) throw new Error('no PostgreSQL server binaries under /usr/lib/postgresql');
  const ids = userIds();
  const dir = mkdtempSync(join(tmpdir(), 'pp-replica-'));
  if (ids) chownSync(dir, ids.uid, ids.gid);
  const run = (tool: string, args: string[]): void => {
    const r = spawnSync(join(bin, tool), args, { ...(ids ?? {}), encoding: 'utf8', timeout: 60_000 });
    if (r.status !== 0) throw new Error(`${tool} failed (${r.status}): ${r.stderr || r.stdout}`);
  };
  const primary = join(dir, 'primary');
  const replica = join(dir, 'replica');
  const [primaryPort, replicaPort] = [await freePort(), await freePort()];
  const started: string[] = [];
  const stop = (): void => {
    for (const d of started.reverse())
      spawnSync(join(bin, 'pg_ctl'), ['-D', d, '-m', 'immediate', '-w', 'stop'], {
        ...(ids ?? {}),
        timeout: 30_000,
      });
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    run('initdb', ['-D', primary, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8']);
    appendFileSync(
      join(primary, 'postgresql.conf'),
      `\nlisten_addresses = '127.0.0.1'\nport = ${primaryPort}\nunix_socket_directories = '${dir}'\nwal_level = replica\nmax_wal_senders = 4\nfsync = off\nshared_buffers = 32MB\n`,
    );
    // initdb's pg_hba.conf already trusts replication connections from 127.0.0.1 with -A trust.
    run('pg_ctl', ['-D', primary, '-l', join(dir, 'primary.log'), '-w', 'start']);
    started.push(primary);
    run('pg_basebackup', [
      '-h',
      '127.0.0.1',
      '-p',
      String(primaryPort),
      '-U',
      'postgres',
      '-D',
      replica,
      '-R',
      '-X',
      'stream',
    ]);
    appendFileSync(join(replica, 'postgresql.conf'), `\nport = ${replicaPort}\n`);
    run('pg_ctl', ['-D', replica, '-l', join(dir, 'replica.log'), '-w', 'start']);
    started.push(replica);
  } catch (error) {
    stop();
    throw error;
  }
  const replicaUrl = `postgres://postgres@127.0.0.1:${replicaPort}/postgres`;
  return {
    primaryUrl: `postgres://postgres@127.0.0.1:${primaryPort}/postgres`,
    replicaUrl,
    async pauseReplay(paused) {
      const { default: pg } = await import('pg');
      const c = new pg.Client({ connectionString: replicaUrl });
      await c.connect();
      try {
        await c.query(paused ? 'select pg_wal_replay_pause()' : 'select pg_wal_replay_resume()');
      } finally {
        await c.end();
      }
    },
    stop,
  };
}
