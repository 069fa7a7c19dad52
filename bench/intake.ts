/**
 * Intake benchmark: concurrent signed Persona deliveries over loopback HTTP into PostgreSQL.
 * Prints requests/s, p50 and p99 latency and a loss check (every 200 answered is stored exactly
 * once), beside a same-run baseline: a bare fastify route answering 200, hit by the same client.
 * The client runs in a worker thread so it does not share the server's event loop.
 *
 *   npm run bench:intake   (DATABASE_URL or postgres://postgres@127.0.0.1:5432/test; own schema)
 *   env: BENCH_REQUESTS per round (default 10000), BENCH_ROUNDS (3), BENCH_CONCURRENCY (32),
 *        BENCH_POOL (pg pool size, 8), BENCH_IN_FLIGHT (group-commit transactions in flight, 1 as in the library),
 *        BENCH_MAX_BATCH (deliveries per transaction, 256; 1 = no group commit),
 *        BENCH_LOG (pino level of the intake server's logger, written to /dev/null; default off),
 *        BENCH_PROFILE_DIR (write a V8 CPU profile of each measured intake and floor round there),
 *        BENCH_PROJECT (1, default: the projections follow live in the same process, as in `serve`;
 *        0: intake alone),
 *        BENCH_FLOORS (floor services to measure beside the product, default 1,2,3; empty: none),
 *        BENCH_FLOOR_INDEXES (1, default: the floor tables carry the product's secondary indexes; 0: keys only),
 *        BENCH_FLOOR_BIND (scalars, default: one parameter per value; arrays: one unnest'ed array per column)
 *
 * Shared machines are noisy, so baseline and intake alternate for several rounds and the medians
 * are reported, with every round's figures beside them.
 *
 * Floor services (bench/support/floor-service.ts) are measured in the same rounds, between the
 * baseline and the product, with the same client and deliveries: plain fastify + node-postgres
 * doing only what any webhook-to-event-store service must per delivery (1: receive, verify,
 * parse; 2: + store in group commits; 3: + a timeline row and a state upsert). They say how near
 * this machine lets any such service come to the bare route.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import os from 'node:os';
import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import fastify from 'fastify';
import pg from 'pg';
import pino from 'pino';
import { createIntake } from '../src/intake/intake.js';
import { buildIntakeServer } from '../src/service/server.js';
import { SqlQuarantine, migrateQuarantine } from '../src/intake/quarantine/sql-quarantine.js';
import { PgSqlClient } from '../src/db/pg-client.js';
import { SqlEventStore } from '../src/store/sql/sql-event-store.js';
import { startProjections } from '../src/projector/projections.js';
import {
  FLOOR_NAMES,
  startFloorService,
  type FloorLevel,
  type FloorService,
} from './support/floor-service.js';

const URL_ = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const POOL = Number(process.env.BENCH_POOL ?? 8);
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 1);
/** BENCH_MAX_BATCH=1 turns group commit off (one transaction per delivery), for comparison. */
const MAX_BATCH = Number(process.env.BENCH_MAX_BATCH ?? 256);
const LOG_LEVEL = process.env.BENCH_LOG || undefined;
const PROFILE_DIR = process.env.BENCH_PROFILE_DIR || undefined;
const PROJECT = process.env.BENCH_PROJECT !== '0';
const FLOORS = (process.env.BENCH_FLOORS ?? '1,2,3')
  .split(',')
  .filter((x) => x.trim() !== '')
  .map((x) => Number(x) as FloorLevel)
  .filter((x) => x === 1 || x === 2 || x === 3);
const FLOOR_INDEXES = process.env.BENCH_FLOOR_INDEXES !== '0';
const FLOOR_BIND = process.env.BENCH_FLOOR_BIND === 'arrays' ? 'arrays' : 'scalars';
const SECRET = `wbhsec_bench_${randomBytes(8).toString('hex')}`;
/** One in ten deliveries repeats an earlier one, as vendor retries do. */
const REPEAT_EVERY = 10;
/** Issue 16: intake with the projections following live at 0.6 of the bare route or better. */
const TARGET_RATIO = 0.6;

interface Delivery {
  body: string;
  signature: string;
  eventId: string;
}

/**
 * Delivery i: ~2,000 inquiries, several events each (realistic same-stream contention), each
 * inquiry's events in time order. `subjects` names the inquiries: the warm-up writes its own, so
 * its events (timed after every round's) never make the rounds' events arrive late, which would
 * refold those streams from their first event.
 */
function delivery(i: number, subjects = 'bench'): Delivery {
  const eventId = `evt_bench_${i}_${randomBytes(4).toString('hex')}`;
  const inquiryId = `inq_${subjects}_${i % 2000}`;
  const body = JSON.stringify({
    data: {
      type: 'event',
      id: eventId,
      attributes: {
        name: 'inquiry.completed',
        'created-at': new Date(Date.UTC(2025, 0, 1) + i * 1000).toISOString(),
        payload: {
          data: {
            type: 'inquiry',
            id: inquiryId,
            attributes: {
              status: 'completed',
              'reference-id': `ref-${subjects}-${i % 2000}`,
              tags: ['bench'],
              fields: {},
            },
            relationships: { account: { data: { type: 'account', id: `act_${subjects}_${i % 500}` } } },
          },
          included: [],
        },
      },
    },
  });
  const t = Math.floor(Date.now() / 1000);
  const v1 = createHmac('sha256', SECRET).update(`${t}.`).update(body).digest('hex');
  return { body, signature: `t=${t},v1=${v1}`, eventId };
}

/** The load generator, as plain JS for a worker thread: keep-alive agent, fixed concurrency. */
const CLIENT = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { port, path, deliveries, concurrency } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const statuses = new Array(deliveries.length);
const latencies = new Float64Array(deliveries.length);
let next = 0;
function send(i) {
  return new Promise((resolve) => {
    const d = deliveries[i];
    const started = process.hrtime.bigint();
    const req = http.request({ host: '127.0.0.1', port, path, method: 'POST', agent,
      headers: { 'content-type': 'application/json', 'persona-signature': d.signature, 'content-length': Buffer.byteLength(d.body) } },
      (res) => { res.resume(); res.on('end', () => { statuses[i] = res.statusCode; latencies[i] = Number(process.hrtime.bigint() - started) / 1e6; resolve(); }); });
    req.on('error', () => { statuses[i] = 0; latencies[i] = Number(process.hrtime.bigint() - started) / 1e6; resolve(); });
    req.end(d.body);
  });
}
async function loop() { while (next < deliveries.length) { const i = next++; await send(i); } }
function cpuMs() {
  try {
    const stat = require('node:fs').readFileSync('/proc/thread-self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
  } catch { return NaN; }
}
(async () => {
  const started = process.hrtime.bigint();
  const cpuStart = cpuMs();
  await Promise.all(Array.from({ length: concurrency }, loop));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const clientCpuMs = cpuMs() - cpuStart;
  agent.destroy();
  parentPort.postMessage({ statuses, latencies: Array.from(latencies), seconds, clientCpuMs });
})();
`;

/** Statements sent so far by the server's pool (a transaction counts its begin and commit too). */
const statements = { sent: 0 };

/**
 * Counts what the client sends, for statements per delivery: unlike CPU and rates, a count that
 * the machine's load does not move.
 */
function countStatements(client: PgSqlClient): PgSqlClient {
  const query = client.query.bind(client);
  const queryArrays = client.queryArrays.bind(client);
  const transaction = client.transaction.bind(client);
  return Object.assign(client, {
    query: ((...args: Parameters<typeof query>) => {
      statements.sent += 1;
      return query(...args);
    }) as typeof query,
    queryArrays: ((...args: Parameters<typeof queryArrays>) => {
      statements.sent += 1;
      return queryArrays(...args);
    }) as typeof queryArrays,
    transaction: ((fn: Parameters<typeof transaction>[0]) => {
      statements.sent += 2;
      return transaction((tx) =>
        fn(
          Object.assign(Object.create(tx) as typeof tx, {
            query: ((...args: Parameters<typeof tx.query>) => {
              statements.sent += 1;
              return tx.query(...args);
            }) as typeof tx.query,
          }),
        ),
      );
    }) as typeof transaction,
  });
}

interface RunResult {
  statuses: number[];
  latencies: number[];
  seconds: number;
  /** CPU of the client's worker thread during the run (NaN off Linux). */
  clientCpuMs: number;
}

function drive(port: number, path: string, deliveries: Delivery[]): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(CLIENT, {
      eval: true,
      workerData: { port, path, deliveries, concurrency: CONCURRENCY },
    });
    worker.once('message', (m: RunResult) => {
      void worker.terminate();
      resolve(m);
    });
    worker.once('error', reject);
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * CPU time of this (the server's) thread so far, ms, from /proc (Linux; NaN elsewhere). Unlike
 * process.cpuUsage() it leaves out the client's worker thread, and unlike the event-loop figure it
 * leaves out time the thread waited for a core. Resolution is one clock tick (10 ms).
 */
function serverThreadCpuMs(): number {
  return processCpuMs(process.pid, `/proc/self/task/${process.pid}/stat`);
}

/** utime + stime of a process (or thread, by its stat path) in ms, from /proc; NaN when unreadable. */
function processCpuMs(pid: number, path = `/proc/${pid}/stat`): number {
  try {
    const stat = readFileSync(path, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return Number.NaN;
  }
}

/**
 * Time this (the server's) thread was ready to run but waited for a core so far, ms, from
 * /proc's schedstat (Linux; NaN elsewhere). With PostgreSQL and the client on the same two cores
 * this is where a busy event loop spends time that is not its own CPU.
 */
function serverThreadRunQueueMs(): number {
  try {
    const fields = readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ');
    return Number(fields[1]) / 1e6;
  } catch {
    return Number.NaN;
  }
}

interface Mark {
  elu: EventLoopUtilization;
  cpuMs: number;
  runQueueMs: number;
}

function mark(): Mark {
  return {
    elu: performance.eventLoopUtilization(),
    cpuMs: serverThreadCpuMs(),
    runQueueMs: serverThreadRunQueueMs(),
  };
}

interface Figures {
  requests: number;
  /** CPU of the server thread per request, ms (see serverThreadCpuMs). */
  serverCpuMsPerRequest: number;
  /** CPU of the load generator's thread per request, ms: it shares the two cores. */
  clientCpuMsPerRequest: number;
  /** Time per request the server thread waited for a core, ms (see serverThreadRunQueueMs). */
  serverWaitMsPerRequest: number;
  /** Intake only: events written per group-commit transaction (repeats answered in memory are not counted). */
  eventsPerTransaction?: number;
  /** Intake only: statements the server's pool sent per request (appends, NOTIFYs, the projections' reads and writes). */
  statementsPerRequest?: number;
  /** Intake only: CPU of the pool's PostgreSQL backends per request, ms (same machine only). */
  databaseCpuMsPerRequest?: number;
  /** Share of the run the server's event loop was busy (0..1): near 1 means the server thread is the limit. */
  serverBusy: number;
  perSecond: number;
  p50ms: number;
  p99ms: number;
}

/** Median of each figure across rounds, taken separately. */
function median(rounds: Figures[]): Figures {
  const mid = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return {
    requests: rounds.reduce((n, r) => n + r.requests, 0),
    perSecond: mid(rounds.map((r) => r.perSecond)),
    p50ms: mid(rounds.map((r) => r.p50ms)),
    p99ms: mid(rounds.map((r) => r.p99ms)),
    serverBusy: mid(rounds.map((r) => r.serverBusy)),
    serverCpuMsPerRequest: mid(rounds.map((r) => r.serverCpuMsPerRequest)),
    clientCpuMsPerRequest: mid(rounds.map((r) => r.clientCpuMsPerRequest)),
    serverWaitMsPerRequest: mid(rounds.map((r) => r.serverWaitMsPerRequest)),
    ...(rounds[0]?.eventsPerTransaction === undefined
      ? {}
      : { eventsPerTransaction: mid(rounds.map((r) => r.eventsPerTransaction!)) }),
    ...(rounds[0]?.statementsPerRequest === undefined
      ? {}
      : { statementsPerRequest: mid(rounds.map((r) => r.statementsPerRequest!)) }),
    ...(rounds[0]?.databaseCpuMsPerRequest === undefined
      ? {}
      : { databaseCpuMsPerRequest: mid(rounds.map((r) => r.databaseCpuMsPerRequest!)) }),
  };
}

function summarise(run: RunResult, since: Mark): Figures {
  const sorted = [...run.latencies].sort((a, b) => a - b);
  return {
    requests: run.statuses.length,
    serverCpuMsPerRequest: Number(((serverThreadCpuMs() - since.cpuMs) / run.statuses.length).toFixed(3)),
    clientCpuMsPerRequest: Number((run.clientCpuMs / run.statuses.length).toFixed(3)),
    serverWaitMsPerRequest: Number(
      ((serverThreadRunQueueMs() - since.runQueueMs) / run.statuses.length).toFixed(3),
    ),
    perSecond: Math.round(run.statuses.length / run.seconds),
    p50ms: Number(percentile(sorted, 50).toFixed(2)),
    p99ms: Number(percentile(sorted, 99).toFixed(2)),
    serverBusy: Number(performance.eventLoopUtilization(since.elu).utilization.toFixed(2)),
  };
}

/** A V8 CPU profile of this thread from now until stop(path), for the measured intake rounds only. */
async function startProfile(): Promise<{ stop(path: string): Promise<void> }> {
  mkdirSync(PROFILE_DIR!, { recursive: true });
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    async stop(path) {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(path, JSON.stringify(profile));
      session.disconnect();
    },
  };
}

async function main(): Promise<void> {
  const schema = `pp_bench_intake_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: URL_ });
  await admin.connect();
  // Name built from a fixed prefix and hex only.
  await admin.query(`create schema "${schema}"`);
  // The pool's backends carry this name, so their CPU can be read from /proc (databaseCpu below).
  const applicationName = schema;
  const poolUrl = new URL(URL_);
  poolUrl.searchParams.set('application_name', applicationName);
  const client = countStatements(
    new PgSqlClient({ connectionString: poolUrl.toString(), schema, max: POOL }),
  );
  /** CPU so far of each backend of the pool, by pid (PostgreSQL on this machine only; empty otherwise). */
  const databaseCpu = async (name = applicationName): Promise<Map<number, number>> => {
    const { rows } = await admin.query<{ pid: number }>(
      'select pid from pg_stat_activity where application_name = $1',
      [name],
    );
    const out = new Map<number, number>();
    for (const { pid } of rows) {
      const ms = processCpuMs(pid);
      if (!Number.isNaN(ms)) out.set(pid, ms);
    }
    return out;
  };
  try {
    const store = await SqlEventStore.open(client, { schema });
    await migrateQuarantine(client);
    // Counts group-commit transactions, to report deliveries per transaction.
    const batches = { transactions: 0, events: 0 };
    const countingStore = Object.assign(Object.create(store) as SqlEventStore, {
      appendBatch: (items: Parameters<SqlEventStore['appendBatch']>[0]) => {
        batches.transactions += 1;
        for (const item of items) batches.events += item.events.length;
        return store.appendBatch(items);
      },
    });
    const intake = createIntake({
      store: countingStore,
      quarantine: new SqlQuarantine(client),
      secrets: { persona: [SECRET] },
      groupAppend: { maxInFlight: IN_FLIGHT, maxBatch: MAX_BATCH },
    });
    // Like `serve`: a pino logger, here into /dev/null, so the bench pays for the lines it would write.
    const logger = LOG_LEVEL
      ? pino({ level: LOG_LEVEL }, pino.destination({ dest: '/dev/null', sync: true }))
      : undefined;
    // As `serve` runs: the projections follow the store live in this process while deliveries arrive.
    const projections = PROJECT ? await startProjections(store, client) : undefined;
    const { app } = buildIntakeServer({ intake, ready: () => store.ping(), ...(logger ? { logger } : {}) });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as { port: number }).port;

    const baseline = fastify({ logger: false });
    baseline.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    baseline.post('/ok', async () => ({ ok: true }));
    await baseline.listen({ port: 0, host: '127.0.0.1' });
    const baselinePort = (baseline.server.address() as { port: number }).port;

    const floors: FloorService[] = [];
    for (const level of FLOORS)
      floors.push(
        await startFloorService({
          level,
          connectionString: URL_,
          schema,
          applicationName: `${schema}_f${level}`,
          secret: SECRET,
          maxBatch: MAX_BATCH,
          indexes: FLOOR_INDEXES,
          bind: FLOOR_BIND,
        }),
      );
    /** One measured run of a floor service: the same figures as intake's. */
    const driveFloor = async (
      floor: FloorService,
      deliveries: Delivery[],
      round: number,
    ): Promise<Figures> => {
      const before = { ...floor.commits };
      const dbBefore = await databaseCpu(`${schema}_f${floor.level}`);
      const profiler = PROFILE_DIR ? await startProfile() : undefined;
      const since = mark();
      const run = await drive(floor.port, '/webhooks/persona', deliveries);
      const figures = summarise(run, since);
      if (profiler)
        await profiler.stop(join(PROFILE_DIR!, `floor${floor.level}-round-${round + 1}.cpuprofile`));
      const dbAfter = await databaseCpu(`${schema}_f${floor.level}`);
      let dbMs = 0;
      for (const [pid, ms] of dbAfter) dbMs += ms - (dbBefore.get(pid) ?? 0);
      floorStatuses.get(floor)!.push(...run.statuses);
      return {
        ...figures,
        ...(floor.level >= 2
          ? {
              databaseCpuMsPerRequest: Number((dbMs / run.statuses.length).toFixed(3)),
              eventsPerTransaction: Number(
                (
                  (floor.commits.events - before.events) /
                  (floor.commits.transactions - before.transactions || 1)
                ).toFixed(1),
              ),
            }
          : {}),
      };
    };
    const floorStatuses = new Map<FloorService, number[]>(floors.map((f) => [f, []]));
    const floorRounds = new Map<FloorService, Figures[]>(floors.map((f) => [f, []]));

    const warmup = Array.from({ length: 1000 }, (_, i) => delivery(1_000_000 + i, 'warmup'));
    await drive(baselinePort, '/ok', warmup);
    for (const floor of floors) await drive(floor.port, '/webhooks/persona', warmup);
    await drive(port, '/webhooks/persona', warmup);
    await projections?.whenCaughtUp();

    let catchUpMs = 0;
    const baseRounds: Figures[] = [];
    const intakeRounds: Figures[] = [];
    const sent: Delivery[] = [];
    const statuses: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const fresh = Array.from({ length: REQUESTS }, (_, i) => delivery(round * REQUESTS + i));
      const deliveries = fresh.map((d, i) =>
        i > 0 && i % REPEAT_EVERY === 0 ? fresh[i - REPEAT_EVERY / 2]! : d,
      );
      let since = mark();
      baseRounds.push(summarise(await drive(baselinePort, '/ok', deliveries), since));
      // The floors in a rotated order each round, so none always runs right after the baseline.
      for (let k = 0; k < floors.length; k++) {
        const floor = floors[(round + k) % floors.length]!;
        floorRounds.get(floor)!.push(await driveFloor(floor, deliveries, round));
      }
      const profiler = PROFILE_DIR ? await startProfile() : undefined;
      since = mark();
      const before = { ...batches };
      const dbBefore = await databaseCpu();
      const sentBefore = statements.sent;
      const run = await drive(port, '/webhooks/persona', deliveries);
      const sentDuring = statements.sent - sentBefore;
      const dbAfter = await databaseCpu();
      let dbMs = 0;
      for (const [pid, ms] of dbAfter) dbMs += ms - (dbBefore.get(pid) ?? 0);
      intakeRounds.push({
        ...summarise(run, since),
        ...(dbAfter.size > 0
          ? { databaseCpuMsPerRequest: Number((dbMs / run.statuses.length).toFixed(3)) }
          : {}),
        eventsPerTransaction: Number(
          ((batches.events - before.events) / (batches.transactions - before.transactions || 1)).toFixed(1),
        ),
        statementsPerRequest: Number((sentDuring / run.statuses.length).toFixed(3)),
      });
      if (profiler) await profiler.stop(join(PROFILE_DIR!, `intake-round-${round + 1}.cpuprofile`));
      sent.push(...deliveries);
      statuses.push(...run.statuses);
      // Not measured: the live projections finish this round's deliveries before the next round's
      // baseline and floors run, so they run on a machine as quiet as the product's round found it.
      const catchUpStart = performance.now();
      await projections?.whenCaughtUp();
      catchUpMs = Math.round(performance.now() - catchUpStart);
    }
    const base = median(baseRounds);
    const intakeFigures = median(intakeRounds);

    // Loss check: every delivery answered 200 is stored exactly once; nothing else was written.
    const answered = new Set<string>();
    let non200 = 0;
    statuses.forEach((s, i) => (s === 200 ? answered.add(sent[i]!.eventId) : non200++));
    const { rows } = await client.query<{ event_id: string; n: string }>(
      `select event_id, count(*)::text as n from events where event_id like 'evt_bench_%' group by event_id`,
    );
    const stored = new Map(rows.map((r) => [r.event_id, Number(r.n)]));
    const warmIds = new Set(warmup.map((d) => d.eventId));
    const missing = [...answered].filter((id) => stored.get(id) !== 1).length;
    const twice = [...stored.values()].filter((n) => n !== 1).length;
    const unexpected = [...stored.keys()].filter((id) => !answered.has(id) && !warmIds.has(id)).length;
    const loss = {
      answered200: answered.size,
      non200,
      missing,
      storedTwice: twice,
      storedUnanswered: unexpected,
    };

    /** Floor loss check: every delivery a floor answered 200 is in its events table exactly once. */
    const floorLoss = new Map<
      FloorService,
      { non200: number; missing: number; storedTwice: number; readModels: string }
    >();
    for (const floor of floors) {
      const st = floorStatuses.get(floor)!;
      const ok = new Set<string>();
      let bad = 0;
      st.forEach((s, i) => (s === 200 ? ok.add(sent[i]!.eventId) : bad++));
      let missingF = 0;
      let twiceF = 0;
      if (floor.eventsTable) {
        const { rows: fr } = await admin.query<{ event_id: string; n: string }>(
          `select event_id, count(*)::text as n from ${floor.eventsTable} where event_id like $1 group by event_id`,
          ['evt_bench_%'],
        );
        const inTable = new Map(fr.map((r) => [r.event_id, Number(r.n)]));
        missingF = [...ok].filter((id) => inTable.get(id) !== 1).length;
        twiceF = [...inTable.values()].filter((n) => n !== 1).length;
      }
      let readModels = '';
      if (floor.readModelTables) {
        const count = async (table: string, like: string) =>
          (
            await admin.query<{ n: string }>(
              `select count(*)::text as n from ${table} where ${like === 'event' ? 'event_id' : 'id'} like $1`,
              [like === 'event' ? 'evt_bench_%' : 'inq_bench_%'],
            )
          ).rows[0]!.n;
        readModels = `, ${await count(floor.readModelTables.timeline, 'event')} timeline rows, ${await count(floor.readModelTables.state, 'state')} state rows`;
      }
      floorLoss.set(floor, { non200: bad, missing: missingF, storedTwice: twiceF, readModels });
    }
    await projections?.stop();
    for (const floor of floors) await floor.close();
    await app.close();
    await baseline.close();
    await store.close();

    const ratio = Number((intakeFigures.perSecond / base.perSecond).toFixed(3));
    const line = (f: Figures) =>
      `${f.perSecond} req/s  p50 ${f.p50ms} ms  p99 ${f.p99ms} ms  server loop busy ${Math.round(f.serverBusy * 100)}%  ` +
      `server CPU ${f.serverCpuMsPerRequest} ms/req  server waited for a core ${f.serverWaitMsPerRequest} ms/req  client CPU ${f.clientCpuMsPerRequest} ms/req` +
      (f.eventsPerTransaction === undefined ? '' : `  ${f.eventsPerTransaction} events/transaction`) +
      (f.statementsPerRequest === undefined ? '' : `  ${f.statementsPerRequest} statements/req`) +
      (f.databaseCpuMsPerRequest === undefined ? '' : `  database CPU ${f.databaseCpuMsPerRequest} ms/req`);
    console.log(
      `intake bench: ${ROUNDS} rounds x ${REQUESTS} signed Persona deliveries (1 in ${REPEAT_EVERY} a repeat), ` +
        `concurrency ${CONCURRENCY}, pg pool ${POOL}, ${IN_FLIGHT} commits in flight of up to ${MAX_BATCH}, ` +
        `server log ${LOG_LEVEL ?? 'off'}, projections ${PROJECT ? 'following live' : 'off'}, ${os.cpus().length} CPUs, ` +
        `Node ${process.version}, load average ${os.loadavg()[0]!.toFixed(2)}`,
    );
    console.log(`  baseline (bare fastify 200), median: ${line(base)}`);
    console.log(`  intake -> PostgreSQL, median:        ${line(intakeFigures)}  (${ratio} of baseline)`);
    baseRounds.forEach((b, i) =>
      console.log(`    round ${i + 1}: baseline ${line(b)} | intake ${line(intakeRounds[i]!)}`),
    );
    if (PROJECT) console.log(`  projections caught up ${catchUpMs} ms after the last answer`);
    const cpu = (f: Figures) =>
      `server CPU ${f.serverCpuMsPerRequest.toFixed(3)} ms/req  database CPU ${
        f.databaseCpuMsPerRequest === undefined ? '  -  ' : f.databaseCpuMsPerRequest.toFixed(3)
      } ms/req`;
    const row = (name: string, f: Figures, bare: Figures) =>
      `      ${name.padEnd(36)} ${String(f.perSecond).padStart(6)} req/s  ${(f.perSecond / bare.perSecond)
        .toFixed(3)
        .padStart(5)} of bare  p99 ${f.p99ms.toFixed(2).padStart(6)} ms  ${cpu(f)}` +
      (f.eventsPerTransaction === undefined ? '' : `  ${f.eventsPerTransaction} events/commit`);
    if (floors.length > 0) {
      console.log(
        `  floor services (plain fastify + pg, same client and deliveries, interleaved; indexes ${FLOOR_INDEXES ? 'as the product' : 'keys only'}, values bound as ${FLOOR_BIND}):`,
      );
      baseRounds.forEach((b, i) => {
        console.log(`    round ${i + 1}:`);
        console.log(row('bare fastify 200', b, b));
        for (const floor of floors)
          console.log(row(FLOOR_NAMES[floor.level], floorRounds.get(floor)![i]!, b));
        console.log(row('product (intake + live projections)', intakeRounds[i]!, b));
      });
      console.log('    median:');
      console.log(row('bare fastify 200', base, base));
      for (const floor of floors)
        console.log(row(FLOOR_NAMES[floor.level], median(floorRounds.get(floor)!), base));
      console.log(row('product (intake + live projections)', intakeFigures, base));
      for (const floor of floors) {
        const l = floorLoss.get(floor)!;
        console.log(
          `    ${FLOOR_NAMES[floor.level]} loss check: ${l.missing} missing, ${l.storedTwice} stored twice, ${l.non200} non-200 answers${l.readModels}`,
        );
      }
      const top = floors.find((f) => f.level === 3) ?? floors[floors.length - 1]!;
      const topMedian = median(floorRounds.get(top)!);
      const productOverTop = baseRounds.map(
        (_, i) => intakeRounds[i]!.perSecond / floorRounds.get(top)![i]!.perSecond,
      );
      const topOverBare = baseRounds.map((b, i) => floorRounds.get(top)![i]!.perSecond / b.perSecond);
      const perRound = baseRounds.map(
        (_, i) => `${productOverTop[i]!.toFixed(3)}/${topOverBare[i]!.toFixed(3)}`,
      );
      const mid = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      console.log(
        `  product over floor ${top.level}: ${(intakeFigures.perSecond / topMedian.perSecond).toFixed(3)}; ` +
          `floor ${top.level} over the bare route: ${(topMedian.perSecond / base.perSecond).toFixed(3)} ` +
          `(ratio of medians; median of the rounds' ratios ${mid(productOverTop).toFixed(3)} and ${mid(topOverBare).toFixed(3)}; ` +
          `per round product/floor, floor/bare: ${perRound.join(', ')})`,
      );
      const both = (f: Figures) => f.serverCpuMsPerRequest + (f.databaseCpuMsPerRequest ?? 0);
      console.log(
        `  server + database CPU per delivery (medians): bare ${both(base).toFixed(3)} ms, floor ${top.level} ` +
          `${both(topMedian).toFixed(3)} ms, product ${both(intakeFigures).toFixed(3)} ms ` +
          `(product over floor ${top.level}: ${(both(intakeFigures) / both(topMedian)).toFixed(2)}x)`,
      );
    }
    console.log(
      `  loss check: ${loss.answered200} distinct events answered 200, ${loss.missing} missing, ${loss.storedTwice} stored twice, ${loss.non200} non-200 answers`,
    );
    const pass =
      ratio >= TARGET_RATIO && intakeFigures.p99ms < 50 && missing === 0 && twice === 0 && non200 === 0;
    console.log(
      `  target (>= ${TARGET_RATIO} of baseline, p99 < 50 ms, zero loss): ${pass ? 'met' : 'NOT met'}`,
    );
    console.log(
      JSON.stringify({
        bench: 'intake',
        rounds: ROUNDS,
        requestsPerRound: REQUESTS,
        inFlight: IN_FLIGHT,
        maxBatch: MAX_BATCH,
        concurrency: CONCURRENCY,
        pool: POOL,
        log: LOG_LEVEL ?? 'off',
        projections: PROJECT,
        baseline: base,
        intake: intakeFigures,
        ratio,
        baseRounds,
        intakeRounds,
        floors: floors.map((f) => ({
          level: f.level,
          name: FLOOR_NAMES[f.level],
          indexes: FLOOR_INDEXES,
          bind: FLOOR_BIND,
          median: median(floorRounds.get(f)!),
          rounds: floorRounds.get(f)!,
          loss: floorLoss.get(f)!,
        })),
        loss,
        targetMet: pass,
      }),
    );
    if (missing > 0 || twice > 0) process.exitCode = 1;
  } finally {
    await client.close();
    await admin.query(`drop schema if exists "${schema}" cascade`);
    await admin.end();
  }
}

await main();
