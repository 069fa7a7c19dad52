/**
 * What the record's hash chain costs, on PostgreSQL and PGlite, each figure beside a baseline from
 * the same run and client:
 * - appends: webhook-sized appends (one event per call) with no chain keeper (baseline) and with the
 *   keeper following them live, in two fresh schemas, rounds alternating;
 * - keeper: chaining events already stored (its catch-up rate), beside reading the same events
 *   with readAll (the read it cannot avoid);
 * - verify: walking chain and events, beside the same readAll;
 * - sealing: appends and readAll through the sealing decorator (AES-256-GCM per-stream keys) beside
 *   the same store without it.
 *
 *   npm run bench:record              (DATABASE_URL or the local default; PGlite always)
 *   BENCH_SCALE=0.2 npm run bench:record
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { SqlClient } from '../src/db/sql-client.js';
import { openSqlClient } from '../src/db/open.js';
import { SqlEventStore } from '../src/store/sql/sql-event-store.js';
import { migrateRecord } from '../src/record/record.js';
import { startChainKeeper } from '../src/record/chain-keeper.js';
import { verifyChain } from '../src/record/verify.js';
import { KeyStore } from '../src/record/sealing/key-store.js';
import { sealingStore } from '../src/record/sealing/sealing-event-store.js';
import type { EventStore } from '../src/store/event-store.js';
import { syntheticEvent } from './support/synthetic-event.js';

const URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const APPENDS = Math.max(50, Math.round(1000 * SCALE));
const STORED = Math.max(500, Math.round(10_000 * SCALE));

interface Row {
  backend: string;
  operation: string;
  events: number;
  perSec: number;
  baselinePerSec: number;
  ratio: number;
}

type Open = (name: string) => Promise<{ sql: SqlClient; close(): Promise<void> }>;

async function appendsPerSec(store: EventStore, n: number): Promise<number> {
  const t = performance.now();
  for (let i = 0; i < n; i++)
    await store.append(`inquiry-b${i % 50}`, [syntheticEvent(`inquiry-b${i % 50}`)]);
  return n / ((performance.now() - t) / 1000);
}

async function readAllPerSec(store: EventStore): Promise<number> {
  const t = performance.now();
  let n = 0;
  for await (const _ of store.readAll({ raw: true })) n += 1;
  return n / ((performance.now() - t) / 1000);
}

async function bench(backend: string, open: Open): Promise<Row[]> {
  const rows: Row[] = [];
  // Appends with and without a keeper following, alternating, median of three rounds each.
  const plain: number[] = [];
  const chained: number[] = [];
  for (let round = 0; round < 3; round++) {
    for (const withKeeper of round % 2 === 0 ? [false, true] : [true, false]) {
      const db = await open(`${withKeeper ? 'chain' : 'plain'}_${round}`);
      const store = await SqlEventStore.open(db.sql);
      await migrateRecord(db.sql);
      const keeper = withKeeper ? await startChainKeeper({ store, sql: db.sql }) : undefined;
      const rate = await appendsPerSec(store, APPENDS);
      await keeper?.caughtUp();
      await keeper?.stop();
      (withKeeper ? chained : plain).push(rate);
      await store.close();
      await db.close();
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1]!;
  rows.push(row(backend, 'append, keeper following', APPENDS, median(chained), median(plain)));

  // Catch-up of a keeper over events already stored, and verify, beside a plain readAll.
  const db = await open('catchup');
  const store = await SqlEventStore.open(db.sql);
  await migrateRecord(db.sql);
  for (let done = 0; done < STORED; done += 500) {
    await store.appendBatch(
      Array.from({ length: 10 }, (_, s) => ({
        streamId: `inquiry-c${done}_${s}`,
        events: Array.from({ length: 50 }, () => syntheticEvent(`inquiry-c${done}_${s}`)),
      })),
    );
  }
  const baseline = await readAllPerSec(store);
  let t = performance.now();
  const keeper = await startChainKeeper({ store, sql: db.sql });
  await keeper.caughtUp();
  const chainRate = STORED / ((performance.now() - t) / 1000);
  await keeper.stop();
  rows.push(row(backend, 'keeper catch-up (baseline readAll)', STORED, chainRate, baseline));
  t = performance.now();
  const report = await verifyChain(store, db.sql);
  if (!report.intact || report.checked !== STORED)
    throw new Error(`bench chain did not verify: ${JSON.stringify(report)}`);
  const verifyRate = STORED / ((performance.now() - t) / 1000);
  rows.push(row(backend, 'verify (baseline readAll)', STORED, verifyRate, await readAllPerSec(store)));
  await store.close();
  await db.close();

  // Sealing: the same appends and reads with and without the decorator, alternating rounds.
  const sealedRates: number[] = [];
  const plainRates: number[] = [];
  const sealedReads: number[] = [];
  const plainReads: number[] = [];
  for (let round = 0; round < 3; round++) {
    for (const sealed of round % 2 === 0 ? [false, true] : [true, false]) {
      const sdb = await open(`${sealed ? 'sealed' : 'unsealed'}_${round}`);
      const inner = await SqlEventStore.open(sdb.sql);
      await migrateRecord(sdb.sql);
      const target: EventStore = sealed
        ? sealingStore(inner, sdb.sql, new KeyStore(sdb.sql, randomBytes(32)))
        : inner;
      (sealed ? sealedRates : plainRates).push(await appendsPerSec(target, APPENDS));
      (sealed ? sealedReads : plainReads).push(await readAllPerSec(target));
      await inner.close();
      await sdb.close();
    }
  }
  rows.push(
    row(backend, 'append, sealed (baseline unsealed)', APPENDS, median(sealedRates), median(plainRates)),
  );
  rows.push(
    row(backend, 'readAll, sealed (baseline unsealed)', APPENDS, median(sealedReads), median(plainReads)),
  );
  return rows;
}

function row(
  backend: string,
  operation: string,
  events: number,
  perSec: number,
  baselinePerSec: number,
): Row {
  return {
    backend,
    operation,
    events,
    perSec: Math.round(perSec),
    baselinePerSec: Math.round(baselinePerSec),
    ratio: Number((perSec / baselinePerSec).toFixed(2)),
  };
}

const openPglite: Open = async () => {
  const sql = await openSqlClient({ pglite: 'memory://' });
  return { sql, close: () => sql.close() };
};

const schemas: string[] = [];
const openPostgres: Open = async (name) => {
  const schema = `pp_bench_record_${name}_${randomBytes(3).toString('hex')}`;
  schemas.push(schema);
  const admin = await openSqlClient({ postgres: URL });
  await admin.query(`create schema ${schema}`);
  await admin.close();
  const sql = await openSqlClient({ postgres: URL, schema });
  return { sql, close: () => sql.close() };
};

const results: Row[] = [];
results.push(...(await bench('pglite', openPglite)));
console.table(results);
try {
  results.push(...(await bench('postgres', openPostgres)));
} finally {
  if (schemas.length) {
    const admin = await openSqlClient({ postgres: URL });
    for (const s of schemas) await admin.query(`drop schema if exists ${s} cascade`);
    await admin.close();
  }
}
console.table(results);
console.log(JSON.stringify({ bench: 'record', scale: SCALE, results }));
