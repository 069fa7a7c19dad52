/**
 * One process per PGlite data directory. PGlite is PostgreSQL in one process without a postmaster,
 * so nothing stops two processes from opening the same directory, and two writers corrupt it. The
 * lock is proper-lockfile's: a directory made atomically, its mtime refreshed while held; a holder
 * that died (kill -9) stops refreshing it, and the lock is taken over once its mtime is older than
 * STALE_MS. A file beside it names the holder, so a refusal can say who holds the directory.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';

/** A holder's lock counts as abandoned this long after its last refresh (refreshed every 2 s). */
export const STALE_MS = 10_000;
const UPDATE_MS = 2_000;

const LOCK = '.profile-projector.lock';
const OWNER = '.profile-projector.owner.json';

/** Who holds a data directory (the file beside the lock). */
export interface DataDirHolder {
  pid: number;
  hostname: string;
  since: string;
}

export class DataDirLockedError extends Error {
  override readonly name = 'DataDirLockedError';
  constructor(
    readonly dataDir: string,
    readonly holder: DataDirHolder | undefined,
  ) {
    const who = holder
      ? `process ${holder.pid}${holder.hostname === hostname() ? '' : ` on ${holder.hostname}`} (since ${holder.since})`
      : 'another process';
    super(
      `the PGlite data directory ${dataDir} is in use by ${who}; PGlite allows one process per data ` +
        'directory. Use the read API of the running serve (GET /v1/state/…, /v1/timeline/…), stop that ' +
        'process first, or use PostgreSQL (DATABASE_URL) to run commands beside serve',
    );
  }
}

/** The data directory cannot be made or used (a file is in the way, no permission). */
export class DataDirUnusableError extends Error {
  override readonly name = 'DataDirUnusableError';
  constructor(
    readonly dataDir: string,
    cause: unknown,
  ) {
    const code = (cause as { code?: unknown } | null)?.code;
    const why =
      code === 'EEXIST' || code === 'ENOTDIR'
        ? 'is not a directory'
        : code === 'EACCES' || code === 'EPERM'
          ? 'cannot be written (permission denied)'
          : `cannot be used (${cause instanceof Error ? cause.message : String(cause)})`;
    super(`the PGlite data directory ${dataDir} ${why}: set DATA_DIR to a directory this process can write`, {
      cause,
    });
  }
}

export interface DataDirLock {
  /** True once the lock could not be refreshed in time: another process may have taken it over. */
  readonly lost: boolean;
  release(): Promise<void>;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readHolder(dir: string): Promise<DataDirHolder | undefined> {
  try {
    const parsed = JSON.parse(await readFile(join(dir, OWNER), 'utf8')) as Partial<DataDirHolder>;
    if (typeof parsed.pid !== 'number' || typeof parsed.hostname !== 'string') return undefined;
    return { pid: parsed.pid, hostname: parsed.hostname, since: String(parsed.since ?? '?') };
  } catch {
    return undefined;
  }
}

function isElocked(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'ELOCKED';
}

export interface LockDataDirOptions {
  /** Told once when a dead holder's lock is being waited out (at most STALE_MS). */
  onTakeover?: (holder: DataDirHolder) => void;
}

/** Takes the data directory's lock, or throws DataDirLockedError naming the live holder. */
export async function lockDataDir(dir: string, options: LockDataDirOptions = {}): Promise<DataDirLock> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    throw new DataDirUnusableError(dir, error);
  }
  const state = { lost: false };
  const lockOptions = (retries: number) => ({
    lockfilePath: join(dir, LOCK),
    realpath: false,
    stale: STALE_MS,
    update: UPDATE_MS,
    retries: retries ? { retries, minTimeout: 250, maxTimeout: 500, factor: 1 } : 0,
    onCompromised: () => {
      state.lost = true;
    },
  });
  let releaseLock: () => Promise<void>;
  try {
    releaseLock = await lockfile.lock(dir, lockOptions(0));
  } catch (error) {
    if (!isElocked(error)) throw new DataDirUnusableError(dir, error);
    const holder = await readHolder(dir);
    const deadHere = holder !== undefined && holder.hostname === hostname() && !isAlive(holder.pid);
    if (!deadHere) throw new DataDirLockedError(dir, holder);
    // The holder ended without releasing (kill -9, power loss): its lock goes stale within STALE_MS.
    options.onTakeover?.(holder);
    try {
      releaseLock = await lockfile.lock(dir, lockOptions(Math.ceil((STALE_MS * 1.5) / 250)));
    } catch (again) {
      if (isElocked(again)) throw new DataDirLockedError(dir, await readHolder(dir));
      throw again;
    }
  }
  const me: DataDirHolder = { pid: process.pid, hostname: hostname(), since: new Date().toISOString() };
  await writeFile(join(dir, OWNER), `${JSON.stringify(me)}\n`);
  return {
    get lost() {
      return state.lost;
    },
    async release() {
      if (state.lost) return;
      await rm(join(dir, OWNER), { force: true });
      await releaseLock().catch(() => undefined);
    },
  };
}
