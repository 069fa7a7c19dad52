/**
 * The `projection_checkpoints` table: one row per build of a projection. A build is one set of
 * versioned tables (`rm_<base>_v<version>`) with its own checkpoint. `version` is the build's
 * table version; `code_version` is the `Projection.version` whose code filled it, so rebuilding
 * unchanged code gets a fresh table version while the active one keeps serving.
 *
 * At most one build per name is `active` (the stable views point at it); `building` ones are being
 * filled by a rebuild; `retired` ones were replaced at a switch-over.
 */
import type { Checkpoint } from '../store/event-store.js';
import type { SqlClient, SqlExecutor } from '../db/sql-client.js';
import { runMigrations, type Migration } from '../db/migrations.js';

type BuildState = 'building' | 'active' | 'retired';

export interface Build {
  name: string;
  version: number;
  codeVersion: number;
  checkpoint: Checkpoint;
  state: BuildState;
  eventsApplied: number;
  updatedAt: string;
}

interface BuildRow {
  name: string;
  version: number;
  code_version: number;
  checkpoint: string;
  state: BuildState;
  events_applied: string | number;
  updated_at: string;
}

const COLUMNS = `name, version, code_version, checkpoint, state, events_applied::text as events_applied, updated_at::text as updated_at`;

function toBuild(row: BuildRow): Build {
  return {
    name: row.name,
    version: Number(row.version),
    codeVersion: Number(row.code_version),
    checkpoint: row.checkpoint,
    state: row.state,
    eventsApplied: Number(row.events_applied),
    updatedAt: row.updated_at,
  };
}

const catalogMigrations: Migration[] = [
  {
    version: 1,
    name: 'projection checkpoints',
    statements: [
      `create table if not exists projection_checkpoints (
        name text not null,
        version integer not null,
        checkpoint text not null default '',
        updated_at timestamptz not null default now(),
        code_version integer not null,
        state text not null default 'building' check (state in ('building', 'active', 'retired')),
        events_applied bigint not null default 0,
        created_at timestamptz not null default now(),
        primary key (name, version))`,
      `create unique index if not exists projection_checkpoints_one_active on projection_checkpoints (name) where state = 'active'`,
    ],
  },
];

/** Creates the catalog table (the store's migration helper serialises concurrent openers). */
export async function ensureCatalog(sql: SqlClient): Promise<void> {
  await runMigrations(sql, { component: 'projection-catalog', migrations: catalogMigrations });
}

export async function listBuilds(db: SqlExecutor, name: string): Promise<Build[]> {
  const { rows } = await db.query<BuildRow>(
    `select ${COLUMNS} from projection_checkpoints where name = $1 order by version`,
    [name],
  );
  return rows.map(toBuild);
}

export async function getBuild(db: SqlExecutor, name: string, version: number): Promise<Build | undefined> {
  const { rows } = await db.query<BuildRow>(
    `select ${COLUMNS} from projection_checkpoints where name = $1 and version = $2`,
    [name, version],
  );
  return rows[0] ? toBuild(rows[0]) : undefined;
}

export async function activeBuild(db: SqlExecutor, name: string): Promise<Build | undefined> {
  const { rows } = await db.query<BuildRow>(
    `select ${COLUMNS} from projection_checkpoints where name = $1 and state = 'active'`,
    [name],
  );
  return rows[0] ? toBuild(rows[0]) : undefined;
}

/** The newest unfinished build of this code version: a build or rebuild resumes it. */
export function resumableBuild(builds: readonly Build[], codeVersion: number): Build | undefined {
  return builds.filter((b) => b.state === 'building' && b.codeVersion === codeVersion).at(-1);
}

/** Table version for a new build: the code version, or past every existing build of the name. */
export function nextBuildVersion(builds: readonly Build[], codeVersion: number): number {
  const highest = builds.reduce((max, b) => Math.max(max, b.version), 0);
  return Math.max(codeVersion, highest + 1);
}

export async function insertBuild(
  db: SqlExecutor,
  name: string,
  version: number,
  codeVersion: number,
): Promise<void> {
  await db.query(
    `insert into projection_checkpoints (name, version, code_version, checkpoint, state) values ($1, $2, $3, '', 'building')`,
    [name, version, codeVersion],
  );
}

/**
 * Compare-and-set of a build's checkpoint; run it first in the batch transaction so its row lock
 * also orders the batch against a concurrent switch-over. Returns false when the row moved on or
 * the build was retired: the caller must roll back.
 */
export async function advanceCheckpoint(
  tx: SqlExecutor,
  build: { name: string; version: number },
  expected: Checkpoint,
  next: Checkpoint,
  events: number,
): Promise<boolean> {
  const { rowCount } = await tx.query(
    `update projection_checkpoints
        set checkpoint = $4, events_applied = events_applied + $5, updated_at = now()
      where name = $1 and version = $2 and checkpoint = $3 and state <> 'retired'`,
    [build.name, build.version, expected, next, events],
  );
  return rowCount === 1;
}

/** Makes `version` the active build of `name` and retires the one it replaces (inside the caller's transaction). */
export async function markActive(
  tx: SqlExecutor,
  name: string,
  version: number,
): Promise<number | undefined> {
  const { rows } = await tx.query<{ version: number }>(
    `select version from projection_checkpoints where name = $1 for update`,
    [name],
  );
  if (!rows.some((r) => Number(r.version) === version))
    throw new Error(`projection ${name} has no build v${version}`);
  const previous = await tx.query<{ version: number }>(
    `update projection_checkpoints set state = 'retired', updated_at = now()
      where name = $1 and state = 'active' and version <> $2 returning version`,
    [name, version],
  );
  await tx.query(
    `update projection_checkpoints set state = 'active', updated_at = now() where name = $1 and version = $2`,
    [name, version],
  );
  const old = previous.rows[0];
  return old ? Number(old.version) : undefined;
}

export async function deleteBuild(tx: SqlExecutor, name: string, version: number): Promise<void> {
  await tx.query(`delete from projection_checkpoints where name = $1 and version = $2`, [name, version]);
}
