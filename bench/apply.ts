/**
 * bench:apply — the CPU a live read-model batch costs this process per event, without a database:
 * signed-webhook-shaped Persona inquiry events (as bench:intake sends them, parsed by parseDelivery)
 * applied in live batches through `applyReadModels` with a run's session, against an executor that
 * takes every statement and answers no rows. The database's side is bench:intake's to measure.
 *
 * Two workloads over the same streams: the first event of each stream (no stored row: a fold from
 * the initial state), and events that continue states earlier batches left in the run's memory (the
 * steady state of a long-running service). Baseline, in the same run: the bulk path's `prepare`
 * (fold and rows of whole streams) of the same events, the least this code spends to turn them into
 * the same rows. Nothing is asserted.
 *
 *   npm run bench:apply   env: BENCH_STREAMS (2000), BENCH_EVENTS_PER_STREAM (20), BENCH_BATCH (200),
 *                              BENCH_ROUNDS (5; medians are printed)
 */
import { parseDelivery } from '../src/events/parse.js';
import type { RecordedEvent } from '../src/events/types.js';
import type { ProjectionContext } from '../src/projections/projection.js';
import { applyReadModels } from '../src/projections/read-models/apply.js';
import { readModelsBulk } from '../src/projections/read-models/bulk.js';
import { ProjectionSession } from '../src/projections/session.js';
import type { SqlExecutor } from '../src/db/sql-client.js';

const STREAMS = Number(process.env.BENCH_STREAMS ?? 2000);
const PER_STREAM = Number(process.env.BENCH_EVENTS_PER_STREAM ?? 20);
const BATCH = Number(process.env.BENCH_BATCH ?? 200);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

/** Event `n` of stream `s`: what bench:intake delivers (an inquiry linked to an account). */
function event(s: number, n: number, position: number): RecordedEvent {
  const body = JSON.stringify({
    data: {
      type: 'event',
      id: `evt_apply_${s}_${n}`,
      attributes: {
        name: n === 1 ? 'inquiry.created' : 'inquiry.completed',
        'created-at': new Date(Date.UTC(2025, 0, 1) + position * 1000).toISOString(),
        payload: {
          data: {
            type: 'inquiry',
            id: `inq_apply_${s}`,
            attributes: {
              status: n === 1 ? 'created' : 'completed',
              'reference-id': `ref-${s}-${n}`,
              tags: n % 2 === 0 ? ['bench'] : ['bench', `t${n % 5}`],
              fields: {},
            },
            relationships: { account: { data: { type: 'account', id: `act_apply_${s % 500}` } } },
          },
          included: [],
        },
      },
    },
  });
  const parsed = parseDelivery('persona', body);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const { category: _category, ...rest } = parsed.event;
  return { ...rest, raw: '', streamVersion: n, position: BigInt(position), recordedAt: rest.occurredAt };
}

/** Events in global order: event 1 of every stream, then event 2 of every stream, and so on. */
const layers: RecordedEvent[][] = [];
let position = 0;
for (let n = 1; n <= PER_STREAM; n++) {
  const layer: RecordedEvent[] = [];
  for (let s = 0; s < STREAMS; s++) layer.push(event(s, n, ++position));
  layers.push(layer);
}

let statements = 0;
const executor = {
  query: async () => {
    statements += 1;
    return { rows: [], rowCount: 0 };
  },
} as unknown as SqlExecutor;

function context(session: ProjectionSession): ProjectionContext {
  return {
    table: (base) => `rm_${base}_v1`,
    readStream: async () => [],
    readStreams: async (ids) => new Map(ids.map((id) => [id, []])),
    version: 1,
    session,
  };
}

async function applyInBatches(events: RecordedEvent[], ctx: ProjectionContext): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < events.length; i += BATCH) {
    await applyReadModels(events.slice(i, i + BATCH), executor, ctx);
    ctx.session!.committed();
  }
  return ((performance.now() - started) * 1000) / events.length;
}

function bulkPrepare(): number {
  const byStream = new Map<string, RecordedEvent[]>();
  for (const layer of layers)
    for (const e of layer) {
      const list = byStream.get(e.streamId);
      if (list) list.push(e);
      else byStream.set(e.streamId, [e]);
    }
  const streams = [...byStream.values()];
  const started = performance.now();
  for (let i = 0; i < streams.length; i += 32)
    readModelsBulk.prepare(streams.slice(i, i + 32), { copy: true });
  return ((performance.now() - started) * 1000) / (STREAMS * PER_STREAM);
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const first: number[] = [];
const continued: number[] = [];
const bulk: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  bulk.push(bulkPrepare());
  const ctx = context(new ProjectionSession(true));
  first.push(await applyInBatches(layers[0]!, ctx));
  statements = 0;
  continued.push(await applyInBatches(layers.slice(1).flat(), ctx));
}
const statementsPerBatch = (statements / ((STREAMS * (PER_STREAM - 1)) / BATCH)).toFixed(1);
const b = median(bulk);
console.log(
  `apply bench: ${STREAMS} inquiry streams x ${PER_STREAM} events, live batches of ${BATCH}, ${ROUNDS} rounds (medians), Node ${process.version}`,
);
console.log(`  baseline: bulk prepare (fold + rows of whole streams)  ${b.toFixed(1)} µs/event`);
console.log(
  `  live batch, first event of each stream                 ${median(first).toFixed(1)} µs/event  (${(median(first) / b).toFixed(2)}x the baseline)`,
);
console.log(
  `  live batch, continuing remembered states               ${median(continued).toFixed(1)} µs/event  (${(median(continued) / b).toFixed(2)}x the baseline; ${statementsPerBatch} statements per batch)`,
);
console.log(
  JSON.stringify({
    bench: 'apply',
    streams: STREAMS,
    eventsPerStream: PER_STREAM,
    batch: BATCH,
    microsPerEvent: { bulkPrepare: b, first: median(first), continued: median(continued) },
  }),
);
