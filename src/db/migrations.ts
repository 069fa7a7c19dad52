/**
 * Versioned, idempotent migrations on any SqlClient. Each component (the event store, intake's
 * quarantine, each projection) keeps its own numbered list; `schema_migrations` records what ran.
 * Everything runs in one transaction under an advisory lock keyed by schema and component, so
 * concurrent openers (several processes starting at once) apply each migration exactly once.
 */
import type { SqlClient } from './sql-client.js';
import { assertIdentifier } from './identifiers.js';

export interface Migration {
  /** 1, 2, 3, … in order; never renumber or edit a released one, add a new one instead. */
  version: number;
  name: string;
  /** One statement per entry (PGlite's extended protocol runs one statement per query). */
  statements: string[];
}

export interface MigrateOptions {
  /** Who owns these migrations, e.g. `event-store`, `intake-quarantine`, `projection:timeline`. */
  component: string;
  migrations: Migration[];
  /**
   * Schema to create and lock on. Defaults to the connection's current schema; pass it when the
   * client's search_path names a schema that may not exist yet.
   */
  schema?: string;
}

export interface MigrateResult {
  applied: number[];
}

export async function runMigrations(client: SqlClient, options: MigrateOptions): Promise<MigrateResult> {
  const versions = options.migrations.map((m) => m.version);
  if (versions.some((v, i) => !Number.isInteger(v) || v < 1 || (i > 0 && v <= versions[i - 1]!))) {
    throw new TypeError(`migrations of ${options.component} must have increasing positive versions`);
  }
  const schema = options.schema === undefined ? undefined : assertIdentifier(options.schema, 'schema');
  if (await alreadyCurrent(client, options.component, versions)) return { applied: [] };
  return client.transaction(async (tx) => {
    const { rows } = await tx.query<{ schema: string }>('select current_schema() as schema');
    const lockSchema = schema ?? rows[0]?.schema ?? 'public';
    await tx.query('select pg_advisory_xact_lock(hashtext($1))', [
      `profile-projector:migrations:${lockSchema}`,
    ]);
    if (schema) await tx.query(`create schema if not exists ${schema}`);
    await tx.query(`create table if not exists schema_migrations (
      component text not null,
      version integer not null,
      name text not null,
      applied_at timestamptz not null default now(),
      primary key (component, version)
    )`);
    const done = await tx.query<{ version: number }>(
      'select version from schema_migrations where component = $1',
      [options.component],
    );
    const applied = new Set(done.rows.map((r) => Number(r.version)));
    const ran: number[] = [];
    for (const migration of options.migrations) {
      if (applied.has(migration.version)) continue;
      for (const statement of migration.statements) await tx.query(statement);
      await tx.query('insert into schema_migrations (component, version, name) values ($1, $2, $3)', [
        options.component,
        migration.version,
        migration.name,
      ]);
      ran.push(migration.version);
    }
    return { applied: ran };
  });
}

/**
 * One query, no transaction or lock: every version already recorded means nothing can run (a
 * released migration is never removed). Anything else (no table yet, a version missing, a schema
 * not created yet) takes the locked path, which decides again under the lock.
 */
async function alreadyCurrent(client: SqlClient, component: string, versions: number[]): Promise<boolean> {
  let recorded: Set<number>;
  try {
    const { rows } = await client.query<{ version: number }>(
      'select version from schema_migrations where component = $1',
      [component],
    );
    recorded = new Set(rows.map((r) => Number(r.version)));
  } catch {
    return false;
  }
  return versions.every((v) => recorded.has(v));
}
