/**
 * New PGlite data directories start as a copy of a template instead of running initdb. PGlite makes
 * a new directory by starting a second PostgreSQL in memory, running initdb in WebAssembly there,
 * and writing the result into the directory: most of a first start's time and memory. The template
 * is a directory PGlite itself made that way, opened once and closed cleanly, nothing else done to
 * it; one per PGlite version, kept in a cache directory. PGlite opens a copy of it as an existing
 * directory, the state every new directory reached after its first open before templates. A template is made on the
 * first new directory a cache sees for a PGlite version, and a template whose marker names another
 * version is never used. Failing to make or copy one only costs time: PGlite then runs initdb
 * itself, as without a template.
 */
import { constants, readFileSync } from 'node:fs';
import {
  copyFile,
  mkdir,
  mkdtemp,
  open,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises';
import { createRequire } from 'node:module';
import { homedir, platform } from 'node:os';
import { dirname, join } from 'node:path';

/** Written last into a finished template: what made it. */
export const TEMPLATE_MARKER = '.profile-projector-template.json';
/** PostgreSQL's own sign that a directory holds a database; PGlite runs initdb when it is absent. */
const PG_VERSION = 'PG_VERSION';

interface TemplateMarker {
  pglite: string;
  createdAt: string;
}

let installedVersion: string | undefined;

/**
 * The installed PGlite's version: a template is only ever used with the PGlite that made it. Its
 * package.json is not exported, so it is found above the resolved entry point.
 */
export function pgliteVersion(): string {
  if (installedVersion !== undefined) return installedVersion;
  const require = createRequire(import.meta.url);
  let dir = dirname(require.resolve('@electric-sql/pglite'));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name?: unknown;
        version?: unknown;
      };
      if (pkg.name === '@electric-sql/pglite' && typeof pkg.version === 'string')
        return (installedVersion = pkg.version);
    } catch {
      // No package.json at this level: look further up.
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('the version of @electric-sql/pglite cannot be found');
    dir = parent;
  }
}

/**
 * `PROFILE_PROJECTOR_CACHE_DIR`, else the platform's per-user cache directory
 * (`$XDG_CACHE_HOME` or `~/.cache` on Linux), under `profile-projector`.
 */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const explicit = env.PROFILE_PROJECTOR_CACHE_DIR?.trim();
  if (explicit) return explicit;
  const os = platform();
  const base =
    os === 'win32'
      ? (env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'))
      : os === 'darwin'
        ? join(homedir(), 'Library', 'Caches')
        : env.XDG_CACHE_HOME?.trim() || join(homedir(), '.cache');
  return join(base, 'profile-projector');
}

/** Where the template of this PGlite version lives in a cache directory. */
export function templateDirFor(cacheDir: string, version: string = pgliteVersion()): string {
  return join(cacheDir, `pglite-${version}`);
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

async function readMarker(templateDir: string): Promise<TemplateMarker | undefined> {
  try {
    const parsed = JSON.parse(
      await readFile(join(templateDir, TEMPLATE_MARKER), 'utf8'),
    ) as Partial<TemplateMarker>;
    return typeof parsed.pglite === 'string' ? (parsed as TemplateMarker) : undefined;
  } catch {
    return undefined;
  }
}

/** A finished template of the installed PGlite in `cacheDir`, or undefined. */
export async function findTemplate(cacheDir: string): Promise<string | undefined> {
  const version = pgliteVersion();
  const dir = templateDirFor(cacheDir, version);
  const marker = await readMarker(dir);
  if (marker?.pglite !== version || !(await exists(join(dir, PG_VERSION)))) return undefined;
  return dir;
}

/**
 * Makes the template of the installed PGlite: a directory PGlite initialises and closes, moved
 * into place in one rename once complete, so a reader sees a whole template or none. Two processes
 * making it at once both finish; the second rename fails and its copy is dropped.
 */
export async function makeTemplate(cacheDir: string): Promise<string> {
  const version = pgliteVersion();
  const target = templateDirFor(cacheDir, version);
  await mkdir(cacheDir, { recursive: true });
  await removeAbandonedStaging(cacheDir);
  const staging = await mkdtemp(join(cacheDir, `${STAGING_PREFIX}${version}-`));
  try {
    const { PGlite } = await import('@electric-sql/pglite');
    const db = await PGlite.create(staging);
    await db.close();
    const marker: TemplateMarker = { pglite: version, createdAt: new Date().toISOString() };
    await writeFile(join(staging, TEMPLATE_MARKER), `${JSON.stringify(marker)}\n`);
    await syncTree(staging);
    try {
      await rename(staging, target);
    } catch (error) {
      // Another process finished first (or a broken template is in the way: replace it).
      if ((await findTemplate(cacheDir)) === undefined) {
        await rm(target, { recursive: true, force: true });
        await rename(staging, target);
      } else if (!isExistsError(error)) throw error;
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return target;
}

const STAGING_PREFIX = '.pglite-';
/** Far longer than making a template takes: a staging directory this old was left by a process that died. */
export const ABANDONED_STAGING_MS = 60 * 60 * 1000;

async function removeAbandonedStaging(cacheDir: string): Promise<void> {
  const now = Date.now();
  for (const name of await readdir(cacheDir)) {
    if (!name.startsWith(STAGING_PREFIX)) continue;
    const path = join(cacheDir, name);
    const info = await stat(path).catch(() => undefined);
    if (info && now - info.mtimeMs > ABANDONED_STAGING_MS) await rm(path, { recursive: true, force: true });
  }
}

function isExistsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOTEMPTY' || code === 'EEXIST' || code === 'EPERM';
}

/** True when `dataDir` holds no database yet, so PGlite would run initdb in it. */
export async function needsInitdb(dataDir: string): Promise<boolean> {
  return !(await exists(join(dataDir, PG_VERSION)));
}

/**
 * Copies the template into a data directory that holds no database yet. PG_VERSION goes last,
 * after every other file is on disk: a copy cut short leaves a directory PGlite still sees as new.
 */
export async function copyTemplate(templateDir: string, dataDir: string): Promise<void> {
  const files = await listFiles(templateDir);
  for (const dir of files.dirs) await mkdir(join(dataDir, dir), { recursive: true });
  const copied = files.files.filter((f) => f !== PG_VERSION && f !== TEMPLATE_MARKER);
  await Promise.all(
    copied.map((f) => copyFile(join(templateDir, f), join(dataDir, f), constants.COPYFILE_FICLONE)),
  );
  await syncFiles(dataDir, copied);
  await syncDirs(dataDir, files.dirs);
  await copyFile(join(templateDir, PG_VERSION), join(dataDir, PG_VERSION));
  await syncFiles(dataDir, [PG_VERSION]);
  await syncDirs(dataDir, ['.']);
}

/**
 * Starts a data directory from the template when it holds no database yet, making the template
 * first when the cache has none for this PGlite. False when it left the directory alone.
 */
export async function seedFromTemplate(dataDir: string, cacheDir: string): Promise<boolean> {
  if (!(await needsInitdb(dataDir))) return false;
  let template: string;
  try {
    template = (await findTemplate(cacheDir)) ?? (await makeTemplate(cacheDir));
  } catch {
    return false;
  }
  await copyTemplate(template, dataDir);
  return true;
}

async function listFiles(root: string): Promise<{ dirs: string[]; files: string[] }> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const dirs: string[] = [];
  const files: string[] = [];
  for (const entry of entries) {
    // parentPath on Node 20.12+, path before (both hold the entry's directory).
    const parent = (entry as { parentPath?: string }).parentPath ?? entry.path;
    const relative = join(parent, entry.name).slice(root.length + 1);
    if (entry.isDirectory()) dirs.push(relative);
    else if (entry.isFile()) files.push(relative);
  }
  dirs.sort((a, b) => a.length - b.length);
  return { dirs, files };
}

async function syncTree(root: string): Promise<void> {
  const { dirs, files } = await listFiles(root);
  await syncFiles(root, files);
  await syncDirs(root, [...dirs, '.']);
}

/** fsync each file, a few at a time. */
async function syncFiles(root: string, paths: string[]): Promise<void> {
  const width = 32;
  for (let i = 0; i < paths.length; i += width) {
    await Promise.all(
      paths.slice(i, i + width).map(async (p) => {
        const handle = await open(join(root, p), 'r');
        try {
          await handle.sync();
        } finally {
          await handle.close();
        }
      }),
    );
  }
}

/** fsync directories, so the entries made in them are on disk too; Windows cannot open a directory for it. */
async function syncDirs(root: string, paths: string[]): Promise<void> {
  if (platform() !== 'win32') await syncFiles(root, paths);
}
