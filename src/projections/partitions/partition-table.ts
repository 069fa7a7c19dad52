/**
 * The partitions of partitioned builds and the members that share them (PostgreSQL only).
 *
 * `projection_partitions`: one row per (projection, build version, partition) with the partition's
 * checkpoint and its lease: `owner`, a fencing `epoch` that every claim increments, and
 * `lease_until` on the database's clock (one clock for every process). A batch's transaction
 * moves the checkpoint only where owner, epoch and an unexpired lease still match (advance), so a
 * process that lost its lease while paused cannot apply even one more batch.
 *
 * `projection_members`: one row per live process and build (`name` is `<projection>@v<version>`),
 * refreshed every heartbeat; the members whose heartbeat is fresh are the ones the build's
 * partitions are spread over (assignment.ts).
 */
import type { SqlExecutor, SqlClient } from '../../db/sql-client.js';
import { runMigrations, type Migration } from '../../db/migrations.js';
import type { Checkpoint } from '../../store/event-store.js';

const migrations: Migration[] = [
  {
    version: 1,
    name: 'projection partitions and members',
    statements: [
      `create table if not exists projection_partitions (
        name text not null,
        version integer not null,
        partition integer not null,
        partitions integer not null,
        checkpoint text not null default '',
        owner text,
        epoch bigint not null default 0,
        lease_until timestamptz not null default '-infinity',
        events_applied bigint not null default 0,
        batches bigint not null default 0,
        updated_at timestamptz not null default now(),
        primary key (name, version, partition))`,
      `create table if not exists projection_members (
        name text not null,
        member text not null,
        heartbeat_at timestamptz not null default now(),
        joined_at timestamptz not null default now(),
        primary key (name, member))`,
    ],
  },
];

export async function ensurePartitionTables(sql: SqlClient): Promise<void> {
  await runMigrations(sql, { component: 'projection-partitions', migrations });
}

export interface PartitionRow {
  partition: number;
  partitions: number;
  checkpoint: Checkpoint;
  owner: string | null;
  epoch: string;
  /** No owner, or its lease has expired (on the database's clock). */
  free: boolean;
  eventsApplied: number;
  /** Seconds since the partition's checkpoint last moved (database clock). */
  idleSeconds: number;
}

export async function listPartitions(
  db: SqlExecutor,
  name: string,
  version: number,
): Promise<PartitionRow[]> {
  const { rows } = await db.query<{
    partition: number;
    partitions: number;
    checkpoint: string;
    owner: string | null;
    epoch: string;
    free: boolean;
    events_applied: string;
    idle_s: number;
  }>(
    `select partition, partitions, checkpoint, owner, epoch::text as epoch,
            (owner is null or lease_until < clock_timestamp()) as free,
            events_applied::text as events_applied,
            extract(epoch from clock_timestamp() - updated_at)::float8 as idle_s
       from projection_partitions where name = $1 and version = $2 order by partition`,
    [name, version],
  );
  return rows.map((r) => ({
    partition: Number(r.partition),
    partitions: Number(r.partitions),
    checkpoint: r.checkpoint,
    owner: r.owner,
    epoch: r.epoch,
    free: r.free,
    eventsApplied: Number(r.events_applied),
    idleSeconds: Number(r.idle_s),
  }));
}

/** Creates the rows of a build's partitions, all at `checkpoint` (what the build had applied). */
export async function seedPartitions(
  db: SqlExecutor,
  name: string,
  version: number,
  partitions: number,
  checkpoint: Checkpoint,
): Promise<void> {
  await db.query(
    `insert into projection_partitions (name, version, partition, partitions, checkpoint)
     select $1, $2, p, $3, $4 from generate_series(0, $3::int - 1) as p
     on conflict do nothing`,
    [name, version, partitions, checkpoint],
  );
}

export interface Lease {
  partition: number;
  epoch: string;
  checkpoint: Checkpoint;
}

/**
 * Claims a partition that has no owner or whose lease expired, with a new epoch. A row locked by
 * a batch in flight (its holder may be paused) is skipped, not waited for: the server ends that
 * holder's idle transaction (advance sets the timeout) and a later heartbeat claims it.
 */
export async function claimPartition(
  db: SqlExecutor,
  name: string,
  version: number,
  partition: number,
  owner: string,
  leaseMs: number,
): Promise<Lease | undefined> {
  const { rows } = await db.query<{ epoch: string; checkpoint: string }>(
    `with c as (
       select partition from projection_partitions
        where name = $1 and version = $2 and partition = $3
          and (owner is null or lease_until < clock_timestamp())
        for update skip locked)
     update projection_partitions p
        set owner = $4, epoch = p.epoch + 1,
            lease_until = clock_timestamp() + $5::int * interval '1 millisecond'
       from c
      where p.name = $1 and p.version = $2 and p.partition = c.partition
     returning p.epoch::text as epoch, p.checkpoint`,
    [name, version, partition, owner, leaseMs],
  );
  const row = rows[0];
  return row ? { partition, epoch: row.epoch, checkpoint: row.checkpoint } : undefined;
}

/** Extends the leases still held (same owner and epoch); rows a batch has locked are skipped (its commit extends them). */
export async function renewLeases(
  db: SqlExecutor,
  name: string,
  version: number,
  owner: string,
  held: readonly { partition: number; epoch: string }[],
  leaseMs: number,
): Promise<void> {
  if (held.length === 0) return;
  await db.query(
    `with c as (
       select p.partition from projection_partitions p
         join unnest($4::int[], $5::bigint[]) as h(partition, epoch)
           on p.partition = h.partition and p.epoch = h.epoch
        where p.name = $1 and p.version = $2 and p.owner = $3
        for update of p skip locked)
     update projection_partitions p
        set lease_until = clock_timestamp() + $6::int * interval '1 millisecond'
       from c
      where p.name = $1 and p.version = $2 and p.partition = c.partition`,
    [name, version, owner, held.map((h) => h.partition), held.map((h) => h.epoch), leaseMs],
  );
}

/** Gives a partition up at once (its worker has stopped), so the member it now belongs to need not wait for the lease. */
export async function releasePartition(
  db: SqlExecutor,
  name: string,
  version: number,
  lease: { partition: number; epoch: string },
  owner: string,
): Promise<void> {
  await db.query(
    `update projection_partitions set owner = null, lease_until = '-infinity'
      where name = $1 and version = $2 and partition = $3 and owner = $4 and epoch = $5::bigint`,
    [name, version, lease.partition, owner, lease.epoch],
  );
}

/**
 * The fencing compare-and-set, first statement of a batch's transaction: moves the checkpoint
 * from `expected` to `next` only while this owner's epoch holds an unexpired lease and the build
 * is not retired (its catalog row is share-locked, so a switch-over waits for the batch). The
 * row stays locked until commit, so no claim can slip in between. Also sets the transaction's
 * idle timeout to the lease: a holder paused before its commit is ended by the server and the
 * batch rolls back, and the lease becomes claimable.
 */
export async function advancePartition(
  tx: SqlExecutor,
  build: { name: string; version: number },
  lease: { partition: number; epoch: string },
  owner: string,
  expected: Checkpoint,
  next: Checkpoint,
  events: number,
  leaseMs: number,
): Promise<boolean> {
  await tx.query(`select set_config('idle_in_transaction_session_timeout', $1, true)`, [`${leaseMs}ms`]);
  const { rowCount } = await tx.query(
    `update projection_partitions p
        set checkpoint = $6, events_applied = p.events_applied + $7, batches = p.batches + 1,
            lease_until = clock_timestamp() + $8::int * interval '1 millisecond', updated_at = now()
      where p.name = $1 and p.version = $2 and p.partition = $3 and p.checkpoint = $4
        and p.owner = $5 and p.epoch = $9::bigint and p.lease_until > clock_timestamp()
        and exists (select 1 from projection_checkpoints c
                     where c.name = $1 and c.version = $2 and c.state in ('active', 'building') for share)`,
    [build.name, build.version, lease.partition, expected, owner, next, events, leaseMs, lease.epoch],
  );
  return rowCount === 1;
}

export async function heartbeat(db: SqlExecutor, name: string, member: string): Promise<void> {
  await db.query(
    `insert into projection_members (name, member, heartbeat_at) values ($1, $2, clock_timestamp())
     on conflict (name, member) do update set heartbeat_at = excluded.heartbeat_at`,
    [name, member],
  );
}

/** Members whose heartbeat is younger than `ttlMs`; rows ten times older are removed. */
export async function liveMembers(db: SqlExecutor, name: string, ttlMs: number): Promise<string[]> {
  await db.query(
    `delete from projection_members where name = $1 and heartbeat_at < clock_timestamp() - $2::int * interval '10 milliseconds'`,
    [name, ttlMs],
  );
  const { rows } = await db.query<{ member: string }>(
    `select member from projection_members
      where name = $1 and heartbeat_at > clock_timestamp() - $2::int * interval '1 millisecond'
      order by member`,
    [name, ttlMs],
  );
  return rows.map((r) => r.member);
}

export async function leave(db: SqlExecutor, name: string, member: string): Promise<void> {
  await db.query(`delete from projection_members where name = $1 and member = $2`, [name, member]);
}
