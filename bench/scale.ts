/**
 * Scale-out benchmark: how fast projector processes apply a burst of events, for the single
 * runner (`serve`, the baseline, measured in the same run) and for 1, 2 and 3
 * `serve --role projector` processes sharing PROJECTION_PARTITIONS partitions on one database.
 *
 * Per configuration: a fresh schema, the processes started and settled (each holds its share),
 * then the demo feed's events appended in one transaction; the figure is the time from that
 * commit until every checkpoint has reached the head (polled every 20 ms), and events per second.
 * The processes are real (the CLI bundle under node); the load average is printed beside each run.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:scale
 *   (SCALE_SUBJECTS=6000 feed size; SCALE_PARTITIONS=8; SCALE_RUNS=1,2,3)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { loadavg, cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { generateDemoFeed } from '../src/cli/demo/feed.js';
import { parseDelivery } from '../src/events/parse.js';
import type { NewEvent } from '../src/events/types.js';
import { waitForReadModels } from '../src/projections/partitions/caught-up.js';
import { listPartitions } from '../src/projections/partitions/partition-table.js';
import { openEventStore } from '../src/store/open.js';
import { buildCliBundle } from '../test/support/cli-bundle.js';

const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const subjects = Number(process.env.SCALE_SUBJECTS ?? 6000);
const partitions = Number(process.env.SCALE_PARTITIONS ?? 8);
const runs = (process.env.SCALE_RUNS ?? '1,2,3').split(',').map(Number);
const root = fileURLToPath(new URL('../', import.meta.url));

function startServe(main: string, args: string[], env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn(process.execPath, [main, 'serve', '--port', '0', '--host', '127.0.0.1', ...args], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d.toString();
      if (/listening at http/.test(out)) resolve(child);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('close', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
  });
}

async function stopAll(children: ChildProcess[]): Promise<void> {
  await Promise.all(
    children.map(
      (c) =>
        new Promise<void>((resolve) => {
          c.removeAllListeners('close');
          c.on('close', () => resolve());
          c.kill('SIGTERM');
        }),
    ),
  );
}

function feedEvents(): NewEvent[] {
  const events: NewEvent[] = [];
  const seen = new Set<string>();
  for (const d of generateDemoFeed({ subjects }).deliveries) {
    const parsed = parseDelivery(d.source, d.body, { receivedAt: new Date(d.at) });
    if (!parsed.ok || seen.has(parsed.event.eventId)) continue;
    seen.add(parsed.event.eventId);
    events.push(parsed.event);
  }
  return events;
}

async function run(main: string, events: NewEvent[], processes: number): Promise<void> {
  const schema = `pp_bench_scale_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  const { store, sql } = await openEventStore({ postgres: url, schema });
  const env = { ...process.env, DATABASE_URL: url, DATABASE_SCHEMA: schema, LOG_LEVEL: 'info' };
  const children: ChildProcess[] = [];
  try {
    if (processes === 0) {
      children.push(await startServe(main, [], env));
    } else {
      const penv = { ...env, PROJECTION_PARTITIONS: String(partitions) };
      children.push(await startServe(main, ['--role', 'projector'], penv));
      for (let i = 1; i < processes; i++)
        children.push(await startServe(main, ['--role', 'projector'], penv));
      // Settled: every partition held, by as many owners as processes.
      for (;;) {
        const rows = await listPartitions(sql!, 'read-models', 2).catch(() => []);
        const owners = new Set(rows.filter((r) => !r.free).map((r) => r.owner));
        if (rows.length === partitions && rows.every((r) => !r.free) && owners.size === processes) break;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    const byStream = new Map<string, NewEvent[]>();
    for (const e of events) byStream.set(e.streamId, [...(byStream.get(e.streamId) ?? []), e]);
    const load = loadavg()[0]!;
    await store.appendBatch([...byStream].map(([streamId, evs]) => ({ streamId, events: evs })));
    const t0 = performance.now();
    await waitForReadModels(sql!, store, ['read-models'], { pollMs: 20 });
    const seconds = (performance.now() - t0) / 1000;
    console.log(
      JSON.stringify({
        bench: 'scale',
        config:
          processes === 0
            ? 'single runner (serve)'
            : `${processes} projector process(es), ${partitions} partitions`,
        events: events.length,
        seconds: Number(seconds.toFixed(2)),
        eventsPerSecond: Math.round(events.length / seconds),
        loadBefore: Number(load.toFixed(2)),
        cores: cpus().length,
      }),
    );
  } finally {
    await stopAll(children);
    await store.close();
    await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
  }
}

const { main } = await buildCliBundle();
const events = feedEvents();
try {
  for (const processes of [0, ...runs]) await run(main, events, processes);
} finally {
  const { rm } = await import('node:fs/promises');
  await rm(join(main, '..', '..'), { recursive: true, force: true });
}
