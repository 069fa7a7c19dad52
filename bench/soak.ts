/**
 * Soak: a bounded run of steady signed deliveries into the real service (`serve` as a child process
 * on a PostgreSQL database of its own, loopback only), reporting the service's memory (RSS and heap
 * after GC, sampled inside the service) at the start and the end, and its throughput per interval
 * (first vs last), then checking that nothing was lost: every event answered 200 is stored once, the
 * projections catch up and (by default) every state row equals a fresh fold.
 *
 * The sender is a vendor: a closed loop of SOAK_CONCURRENCY deliveries in flight, each retried until
 * it is answered 2xx. The feed is the seeded demo feed, a new seed per chunk, so streams keep being
 * created and updated (with duplicates and out-of-order deliveries) for the whole run.
 *
 *   npm run bench:soak       (add the script: "bench:soak": "tsx bench/soak.ts")
 *   env: SOAK_SECONDS (default 180), SOAK_INTERVAL_SECONDS (15), SOAK_CONCURRENCY (16),
 *        SOAK_WARMUP_SECONDS (one interval), SOAK_VERIFY_FOLD (1; 0 skips the fresh-fold comparison), DATABASE_URL (server to create the
 *        soak database on; default postgres://postgres@127.0.0.1:5432/test)
 * Prints one human line per interval and a final `SOAK {json}` line for machines.
 */
import { readFileSync } from 'node:fs';
import { generateDemoFeed } from '../src/cli/demo/feed.js';
import { PgSqlClient } from '../src/db/pg-client.js';
import { post } from '../test/support/faults/http.js';
import { freePort } from '../test/support/faults/private-postgres.js';
import { createScratchDatabase } from '../test/support/faults/scratch-database.js';
import { startServiceProcess } from '../test/support/faults/service-process.js';
import { vendorHeaders, type Delivery } from '../test/support/faults/vendor-sender.js';
import {
  compareWithFreshFold,
  projectionLag,
  storeCounts,
  waitForProjections,
} from '../test/support/faults/verify-store.js';

const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SECONDS = Number(process.env.SOAK_SECONDS ?? 180);
const INTERVAL = Number(process.env.SOAK_INTERVAL_SECONDS ?? 15);
const CONCURRENCY = Number(process.env.SOAK_CONCURRENCY ?? 16);
const VERIFY_FOLD = process.env.SOAK_VERIFY_FOLD !== '0';
/** Intervals that end within this many seconds are warm-up (JIT, pools) and left out of first-vs-last. */
const WARMUP = Number(process.env.SOAK_WARMUP_SECONDS ?? INTERVAL);
const SECRETS = { persona: 'wbhsec_soak_secret_0123456789', aiprise: 'aiprise_soak_key_0123456789' };

// Runs inside the service: every 2 s a GC and one memory line on stderr (not part of the app).
const MEMORY_PROBE = `data:text/javascript,${encodeURIComponent(
  "setInterval(()=>{globalThis.gc&&globalThis.gc();const m=process.memoryUsage();process.stderr.write('SOAKMEM '+JSON.stringify({rss:m.rss,heapUsed:m.heapUsed})+'\\n')},2000).unref();",
)}`;

interface Memory {
  rss: number;
  heapUsed: number;
}

interface Interval {
  second: number;
  delivered: number;
  perSecond: number;
  p50ms: number;
  p99ms: number;
  retries: number;
  memory: Memory | undefined;
  /** Aggregate streams whose read model is behind the store when the interval ended. */
  streamsBehind: number | undefined;
}

const mb = (n: number): number => Math.round((n / 1024 / 1024) * 10) / 10;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]! * 10) / 10;
}

function* endlessFeed(): Generator<Delivery> {
  for (let seed = 1; ; seed++) {
    const feed = generateDemoFeed({ subjects: 200, seed, start: Date.UTC(2026, 0, 5) + seed * 86_400_000 });
    for (const d of feed.deliveries) yield { source: d.source, body: d.body };
  }
}

async function main(): Promise<void> {
  const db = await createScratchDatabase(SERVER, 'pp_soak');
  const sql = new PgSqlClient({ connectionString: db.url, max: 2 });
  let memory: Memory | undefined;
  const port = await freePort();
  const service = await startServiceProcess({
    port,
    env: {
      DATABASE_URL: db.url,
      PERSONA_WEBHOOK_SECRETS: SECRETS.persona,
      AIPRISE_API_KEY: SECRETS.aiprise,
      LOG_LEVEL: 'info',
    },
    nodeArgs: ['--expose-gc', '--import', MEMORY_PROBE],
    keepLines: false,
    onLine(line) {
      if (line.startsWith('SOAKMEM ')) memory = JSON.parse(line.slice(8)) as Memory;
    },
  });
  const version = (
    JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
  ).version;
  console.log(
    `soak: profile-projector ${version}, ${SECONDS} s, ${CONCURRENCY} in flight, service pid ${service.pid} on 127.0.0.1:${port}, database ${db.name}`,
  );

  const feed = endlessFeed();
  const answered = new Set<string>();
  const intervals: Interval[] = [];
  let latencies: number[] = [];
  let deliveredInInterval = 0;
  let retriesInInterval = 0;
  let delivered = 0;
  let attempts = 0;
  let retries = 0;
  let stop = false;
  const started = Date.now();
  let intervalStart = started;
  let streamsBehind: number | undefined;
  let sampling = false;

  const ticker = setInterval(() => {
    const now = Date.now();
    const seconds = (now - intervalStart) / 1000;
    latencies.sort((a, b) => a - b);
    const entry: Interval = {
      second: Math.round((now - started) / 1000),
      delivered: deliveredInInterval,
      perSecond: Math.round(deliveredInInterval / seconds),
      p50ms: percentile(latencies, 0.5),
      p99ms: percentile(latencies, 0.99),
      retries: retriesInInterval,
      memory,
      streamsBehind,
    };
    intervals.push(entry);
    if (!sampling) {
      sampling = true;
      void projectionLag(sql)
        .then(
          (n) => (streamsBehind = n),
          () => undefined,
        )
        .finally(() => (sampling = false));
    }
    console.log(
      `  t=${String(entry.second).padStart(4)} s  ${String(entry.perSecond).padStart(5)} deliveries/s  p50 ${entry.p50ms} ms  p99 ${entry.p99ms} ms  retries ${entry.retries}  service rss ${memory ? mb(memory.rss) : '?'} MB heap ${memory ? mb(memory.heapUsed) : '?'} MB  read models behind ${streamsBehind ?? '?'} streams (prev. sample)`,
    );
    latencies = [];
    deliveredInInterval = 0;
    retriesInInterval = 0;
    intervalStart = now;
  }, INTERVAL * 1000);
  const deadline = setTimeout(() => (stop = true), SECONDS * 1000);

  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (!stop) {
        const delivery = feed.next().value as Delivery;
        const first = new Date();
        for (let attempt = 1; ; attempt++) {
          attempts++;
          const t0 = performance.now();
          const r = await post(
            `${service.baseUrl}/webhooks/${delivery.source}`,
            delivery.body,
            vendorHeaders(delivery, SECRETS, attempt, first),
          );
          if (r.status === 200) {
            latencies.push(performance.now() - t0);
            answered.add((JSON.parse(r.body) as { eventId: string }).eventId);
            delivered++;
            deliveredInInterval++;
            break;
          }
          retries++;
          retriesInInterval++;
          await new Promise((resolve) => setTimeout(resolve, 100 * Math.min(attempt, 10)));
        }
      }
    }),
  );
  clearInterval(ticker);
  clearTimeout(deadline);
  const elapsed = (Date.now() - started) / 1000;

  // Loss check: every event answered 200 is stored exactly once.
  const ids = [...answered];
  let stored = 0;
  for (let i = 0; i < ids.length; i += 5000) {
    const { rows } = await sql.query<{ n: string }>(
      'select count(*) as n from events where event_id = any($1::text[])',
      [ids.slice(i, i + 5000)],
    );
    stored += Number(rows[0]!.n);
  }
  const counts = await storeCounts(sql);
  const catchUpStarted = Date.now();
  await waitForProjections(sql, 300_000);
  const catchUpSeconds = (Date.now() - catchUpStarted) / 1000;
  const fold = VERIFY_FOLD ? await compareWithFreshFold(sql) : undefined;
  await new Promise((r) => setTimeout(r, 2500)); // one more memory sample after the load stopped
  const idle = memory;
  await service.kill('SIGTERM');
  await sql.close();
  await db.drop();

  const full = intervals.filter((i) => i.delivered > 0 && i.second > WARMUP);
  const first = full[0];
  const last = full.at(-1);
  const startMemory = first?.memory;
  const endMemory = last?.memory;
  const result = {
    seconds: Math.round(elapsed),
    concurrency: CONCURRENCY,
    delivered,
    attempts,
    retries,
    deliveriesPerSecond: Math.round(delivered / elapsed),
    firstIntervalPerSecond: first?.perSecond,
    lastIntervalPerSecond: last?.perSecond,
    throughputDriftPct:
      first && last ? Math.round(((last.perSecond - first.perSecond) / first.perSecond) * 1000) / 10 : null,
    p99msFirst: first?.p99ms,
    p99msLast: last?.p99ms,
    rssMbStart: startMemory && mb(startMemory.rss),
    rssMbEnd: endMemory && mb(endMemory.rss),
    heapMbStart: startMemory && mb(startMemory.heapUsed),
    heapMbEnd: endMemory && mb(endMemory.heapUsed),
    heapMbIdleAfter: idle && mb(idle.heapUsed),
    uniqueEventsAnswered: ids.length,
    eventsStored: counts.events,
    eventsLost: ids.length - stored,
    repeatedEventIds: counts.repeatedEventIds,
    projectionCatchUpSeconds: Math.round(catchUpSeconds * 10) / 10,
    stateRowsChecked: fold?.rows ?? null,
    stateRowsDiffering: fold ? fold.mismatches.length : null,
    warmupSeconds: WARMUP,
    streamsBehindAtEnd: last?.streamsBehind,
    intervals: intervals.map((i) => ({
      t: i.second,
      perSecond: i.perSecond,
      p99ms: i.p99ms,
      heapMb: i.memory && mb(i.memory.heapUsed),
      rssMb: i.memory && mb(i.memory.rss),
      streamsBehind: i.streamsBehind,
    })),
  };
  console.log(
    `soak: ${delivered} deliveries in ${result.seconds} s (${result.deliveriesPerSecond}/s), first vs last interval ${result.firstIntervalPerSecond} -> ${result.lastIntervalPerSecond}/s (${result.throughputDriftPct}%), ` +
      `service heap ${result.heapMbStart} -> ${result.heapMbEnd} MB (idle after: ${result.heapMbIdleAfter} MB), rss ${result.rssMbStart} -> ${result.rssMbEnd} MB, ` +
      `events lost ${result.eventsLost}, repeated ${result.repeatedEventIds}, state rows differing from a fresh fold ${result.stateRowsDiffering ?? 'not checked'}`,
  );
  console.log(`SOAK ${JSON.stringify(result)}`);
  if (result.eventsLost !== 0 || result.repeatedEventIds !== 0 || (result.stateRowsDiffering ?? 0) !== 0)
    process.exitCode = 1;
}

await main();
