/**
 * bench:rebuild — rebuild every read model from a generated two-vendor feed and print events/s
 * beside a same-run baseline: a raw SELECT of all events plus an INSERT of one row per aggregate
 * through the same client. Not a test: nothing is asserted.
 *
 *   BENCH_EVENTS=1000000 (default)  BENCH_BACKEND=pg|pglite|both (default both)
 *   DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test)  BENCH_BATCH=5000
 *   BENCH_PATH=bulk|live|both (default both): the bulk path (streams in order into unindexed
 *   tables, src/projections/bulk-load.ts) and/or the live runner path (global order in batches),
 *   each a full rebuild of the same events, so both stand beside the same baseline. Each bulk line
 *   also gives this process's CPU per event by thread (/proc/self/task: the main thread, threads
 *   started during the rebuild, and the others: V8's compiler and GC helpers, libuv), and the
 *   floor's line the main thread's CPU during its writes (on PGlite, where the SQL runs).
 *   BENCH_FLOOR=0 skips the write floor: the bulk path's writes alone (the same rows into bare
 *   tables, chunk by chunk, then keys and indexes), timed without the reading and folding between
 *   them. No rebuild of these read models runs faster than that on the same database.
 *   BENCH_PGLITE_DIR=<new directory>: PGlite on a data directory there, as an installation runs it
 *   (default: in memory), removed afterwards.
 *   BENCH_ROUNDS=1: rounds of (write floor, then each path), so a noisy machine's ratios can be
 *   compared round by round; each path's line gives its rate over that round's floor and the
 *   process's CPU per event (user + system) during the rebuild and, on PostgreSQL, its backends'
 *   (from /proc/<pid>/stat of the connections named by this run's application_name; readable when
 *   the server runs on this machine).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import pg from 'pg';
import type { RecordedEvent } from '../src/events/types.js';
import { projectionContext } from '../src/projections/context.js';
import { readModelsBulk } from '../src/projections/read-models/bulk.js';
import type { SqlClient } from '../src/db/sql-client.js';
import { clientCopies } from '../src/db/copy.js';
import { PgSqlClient } from '../src/db/pg-client.js';
import { PgliteSqlClient } from '../src/db/pglite-client.js';
import { SqlEventStore } from '../src/store/sql/sql-event-store.js';
import { rebuild } from '../src/projections/rebuild.js';
import { generateFeed } from '../test/projections/feed.js';
import { appendFeed } from '../test/projections/harness.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const BACKEND = process.env.BENCH_BACKEND ?? 'both';
const URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const BATCH = Number(process.env.BENCH_BATCH ?? 5000);
// The feed stores about 12.85 events per person (duplicates dropped) over 3-4 aggregates.
const PEOPLE = Math.max(1, Math.round(EVENTS / 12.85));
// People generated and appended at a time, so a million-event feed never sits in memory at once.
const CHUNK_PEOPLE = 10_000;
const PAGE = 10_000;
const FLOOR = process.env.BENCH_FLOOR !== '0';
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 1));
// A table version no build of a fresh schema reaches.
const FLOOR_VERSION = 9_999;
const PATHS =
  (process.env.BENCH_PATH ?? 'both') === 'both' ? ['bulk', 'live'] : [process.env.BENCH_PATH ?? 'bulk'];

/** CPU seconds of each of this process's threads (tid -> seconds), from /proc/self/task. */
function threadCpu(): Map<number, number> {
  const out = new Map<number, number>();
  let tids: string[];
  try {
    tids = readdirSync('/proc/self/task');
  } catch {
    return out;
  }
  for (const tid of tids) {
    try {
      const fields = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      out.set(Number(tid), (Number(fields[11]) + Number(fields[12])) / 100);
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return out;
}

/**
 * Samples threadCpu while `fn` runs (a thread that ends keeps its last reading) and splits the CPU
 * it used into the main thread, threads started meanwhile, and the others.
 */
async function byThread<T>(
  fn: () => Promise<T>,
): Promise<{ value: T; main: number; started: number; rest: number }> {
  const before = threadCpu();
  const last = new Map(before);
  const sample = (): void => {
    for (const [tid, s] of threadCpu()) last.set(tid, s);
  };
  const timer = setInterval(sample, 100);
  try {
    const value = await fn();
    sample();
    let main = 0;
    let started = 0;
    let rest = 0;
    for (const [tid, s] of last) {
      const used = s - (before.get(tid) ?? 0);
      if (tid === process.pid) main += used;
      else if (before.has(tid)) rest += used;
      else started += used;
    }
    return { value, main, started, rest };
  } finally {
    clearInterval(timer);
  }
}

/** CPU seconds (user + system) of this run's PostgreSQL backends so far; null where unreadable. */
type BackendCpu = () => Promise<number | null>;

function backendCpu(sql: SqlClient, applicationName: string): BackendCpu {
  // Backends seen once stay counted at their last reading after they exit (pool idle timeouts).
  const last = new Map<number, number>();
  return async () => {
    const { rows } = await sql.query<{ pid: number }>(
      'select pid from pg_stat_activity where application_name = $1',
      [applicationName],
    );
    for (const { pid } of rows) {
      try {
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
        last.set(pid, (Number(fields[11]) + Number(fields[12])) / 100);
      } catch {
        return null;
      }
    }
    let total = 0;
    for (const v of last.values()) total += v;
    return total;
  };
}

async function baseline(sql: SqlClient): Promise<{ seconds: number; events: number; aggregates: number }> {
  const started = performance.now();
  // The raw SELECT pages by the same (txid, position) keyset the store reads by, keeping nothing but stream ids.
  const streams = new Set<string>();
  let events = 0;
  let after = { txid: '0', position: '0' };
  for (;;) {
    const { rows } = await sql.query<{
      stream_id: string;
      data: unknown;
      raw: string;
      txid: string;
      position: string;
    }>(
      `select stream_id, data, raw, txid::text as txid, position::text as position from events
        where (txid, position) > ($1::xid8, $2::bigint) order by events.txid, events.position limit ${PAGE}`,
      [after.txid, after.position],
    );
    for (const r of rows) streams.add(r.stream_id);
    events += rows.length;
    if (rows.length < PAGE) break;
    after = { txid: rows[rows.length - 1]!.txid, position: rows[rows.length - 1]!.position };
  }
  const ids = [...streams];
  await sql.query('create temporary table if not exists bench_baseline (stream_id text primary key, n int)');
  await sql.query('truncate bench_baseline');
  for (let i = 0; i < ids.length; i += 5000) {
    await sql.query('insert into bench_baseline (stream_id, n) select s, 1 from unnest($1::text[]) as s', [
      ids.slice(i, i + 5000),
    ]);
  }
  return { seconds: (performance.now() - started) / 1000, events, aggregates: ids.length };
}

/** Seconds spent in the bulk path's writes and finish alone, for the events at the head now. */
async function writeFloor(
  sql: SqlClient,
  store: SqlEventStore,
): Promise<{ seconds: number; events: number; mainCpu: number }> {
  const ctx = projectionContext(store, FLOOR_VERSION);
  let mainCpu = 0;
  const copy = clientCopies(sql);
  const timed = async (fn: (tx: Parameters<Parameters<SqlClient['transaction']>[0]>[0]) => Promise<void>) => {
    const started = performance.now();
    const cpu0 = threadCpu().get(process.pid) ?? 0;
    await sql.transaction(async (tx) => {
      await tx.query('set local synchronous_commit = off');
      await fn(tx);
    });
    mainCpu += (threadCpu().get(process.pid) ?? 0) - cpu0;
    return (performance.now() - started) / 1000;
  };
  await sql.transaction((tx) => readModelsBulk.init(tx, ctx));
  const below = await store.headCheckpoint();
  let seconds = 0;
  let events = 0;
  let after: { streamId: string; streamVersion: number } | undefined;
  let carry: RecordedEvent[] = [];
  for (;;) {
    // Whole streams per chunk, as the bulk path writes them (the last stream of a page waits for the next).
    const page = await store.readStreamsOrdered({ below, after, limit: BATCH });
    const streams: RecordedEvent[][] = [];
    for (const e of [...carry, ...page.events]) {
      const last = streams.at(-1);
      if (last && last[0]!.streamId === e.streamId) last.push(e);
      else streams.push([e]);
    }
    carry = page.done ? [] : (streams.pop() ?? []);
    if (streams.length > 0) {
      const prepared = [readModelsBulk.prepare(streams, { copy })];
      seconds += await timed((tx) => readModelsBulk.write(prepared, tx, ctx));
      events += streams.reduce((n, s) => n + s.length, 0);
    }
    after = page.after;
    if (page.done) break;
  }
  seconds += await timed((tx) => readModelsBulk.finish(tx, ctx));
  await sql.transaction(async (tx) => {
    for (const base of ['aggregate_state', 'timeline_entries', 'reference_index'])
      await tx.query(`drop table ${ctx.table(base)}`);
  });
  return { seconds, events, mainCpu };
}

function dbPart(before: number | null, after: number | null, events: number): string {
  if (before === null || after === null) return '';
  return `; database CPU ${(((after - before) * 1e6) / events).toFixed(1)} µs/event`;
}

async function run(
  name: string,
  sql: SqlClient,
  store: SqlEventStore,
  dbCpu: BackendCpu = async () => null,
): Promise<void> {
  let generating = 0;
  let deliveries = 0;
  const t0 = performance.now();
  for (let offset = 0; offset < PEOPLE; offset += CHUNK_PEOPLE) {
    const g = performance.now();
    const people = Math.min(CHUNK_PEOPLE, PEOPLE - offset);
    const feed = generateFeed({
      people,
      offset,
      seed: 42 + offset,
      late: 0.05,
      duplicates: 0.02,
      redactions: 0.02,
    });
    generating += performance.now() - g;
    deliveries += feed.length;
    await appendFeed(store, feed, 5000);
  }
  const t1 = t0 + generating;
  const t2 = performance.now();
  const base = await baseline(sql);
  const baseRate = base.events / base.seconds;
  console.log(
    `${name}: generated ${deliveries} deliveries (${PEOPLE} people) in ${((t1 - t0) / 1000).toFixed(1)} s, appended in ${((t2 - t0 - generating) / 1000).toFixed(1)} s; ` +
      `${base.events} events over ${base.aggregates} streams`,
  );
  console.log(
    `  baseline (SELECT all + INSERT one row per stream): ${base.seconds.toFixed(2)} s, ${Math.round(baseRate)} events/s`,
  );
  let floorRate: number | undefined;
  const rates: Record<string, number> = {};
  const ofFloor: Record<string, number[]> = {};
  const cpuPerEvent: Record<string, number> = {};
  for (let round = 1; round <= ROUNDS; round++) {
    const tag = ROUNDS > 1 ? `  [round ${round}]` : ' ';
    if (FLOOR) {
      const db0 = await dbCpu();
      const floor = await writeFloor(sql, store);
      const db1 = await dbCpu();
      floorRate = floor.events / floor.seconds;
      console.log(
        `${tag} write floor (the bulk path's writes and keys alone, no read or fold): ${floor.seconds.toFixed(2)} s, ${Math.round(floorRate)} events/s ` +
          `(${((floorRate / baseRate) * 100).toFixed(0)}% of baseline); main thread CPU ${((floor.mainCpu * 1e6) / floor.events).toFixed(1)} µs/event${dbPart(db0, db1, floor.events)}`,
      );
    }
    for (const path of PATHS) {
      const db0 = await dbCpu();
      const cpu = process.cpuUsage();
      const threads = await byThread(() =>
        rebuild({
          store,
          sql,
          batchSize: BATCH,
          countEvents: false,
          bulk: path === 'bulk',
        }),
      );
      const report = threads.value;
      const used = process.cpuUsage(cpu);
      const db1 = await dbCpu();
      const result = report.projections[0] as {
        eventsApplied: number;
        seconds: number;
        eventsPerSecond: number;
      };
      rates[path] = Math.round(result.eventsPerSecond);
      cpuPerEvent[path] = (used.user + used.system) / result.eventsApplied;
      const floorPart =
        floorRate === undefined
          ? ''
          : `, ${(result.eventsPerSecond / floorRate).toFixed(2)} of the write floor`;
      if (floorRate !== undefined) (ofFloor[path] ??= []).push(result.eventsPerSecond / floorRate);
      console.log(
        `${tag} rebuild, ${path} path (every read model): ${result.eventsApplied} events in ${result.seconds.toFixed(2)} s, ${Math.round(result.eventsPerSecond)} events/s ` +
          `(${((result.eventsPerSecond / baseRate) * 100).toFixed(0)}% of baseline${floorPart}); process CPU ${cpuPerEvent[path].toFixed(1)} µs/event${dbPart(db0, db1, result.eventsApplied)}`,
      );
      const per = (seconds: number): string => ((seconds * 1e6) / result.eventsApplied).toFixed(1);
      if (path !== 'live')
        console.log(
          `${tag}   by thread, µs/event: main ${per(threads.main)}, started during the rebuild ${per(threads.started)}, others ${per(threads.rest)}`,
        );
      if (result.eventsApplied !== base.events)
        console.log(`  WARNING: rebuild read ${result.eventsApplied} of ${base.events} events`);
    }
  }
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  for (const [path, xs] of Object.entries(ofFloor))
    if (xs.length > 1)
      console.log(
        `  ${path} path over the write floor, median of ${xs.length} rounds: ${median(xs).toFixed(2)} (${xs.map((x) => x.toFixed(2)).join(', ')})`,
      );
  console.log(
    JSON.stringify({
      bench: 'rebuild',
      backend: name,
      events: base.events,
      people: PEOPLE,
      aggregates: base.aggregates,
      batch: BATCH,
      eventsPerSecond: rates,
      baselineEventsPerSecond: Math.round(baseRate),
      writeFloorEventsPerSecond: floorRate === undefined ? null : Math.round(floorRate),
      ofWriteFloor: Object.fromEntries(Object.entries(ofFloor).map(([k, xs]) => [k, median(xs)])),
      cpuMicrosPerEvent: cpuPerEvent,
    }),
  );
}

if (BACKEND === 'pg' || BACKEND === 'both') {
  const schema = `bench_rebuild_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  const applicationName = schema;
  const withName = `${URL}${URL.includes('?') ? '&' : '?'}application_name=${applicationName}`;
  const sql = new PgSqlClient({ connectionString: withName, schema });
  const store = await SqlEventStore.open(sql, { schema });
  try {
    await run('postgresql', sql, store, backendCpu(sql, applicationName));
  } finally {
    await store.close();
    await sql.close();
    await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
  }
}
if (BACKEND === 'pglite' || BACKEND === 'both') {
  const dataDir = process.env.BENCH_PGLITE_DIR || undefined;
  if (dataDir && existsSync(dataDir))
    throw new Error(`BENCH_PGLITE_DIR ${dataDir} exists: name a new directory`);
  const sql = await PgliteSqlClient.open(dataDir ? { dataDir } : {});
  const store = await SqlEventStore.open(sql);
  try {
    await run(dataDir ? 'pglite (data directory)' : 'pglite', sql, store);
  } finally {
    await store.close();
    await sql.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}
