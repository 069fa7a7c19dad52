/**
 * bench:queries — state lookup and one timeline page for a subject with 10,000 events, p50 and
 * p99 in ms, beside a same-run baseline: the raw single-row SQL read of that subject's
 * aggregate_state row through the same client. Not a test: nothing is asserted.
 *
 *   BENCH_BACKEND=pg|pglite|both (default both)  BENCH_EVENTS=10000  BENCH_ROUNDS=300
 *   DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test); a fresh schema is used and dropped.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { parseDelivery } from '../src/events/parse.js';
import type { NewEvent } from '../src/events/types.js';
import { compose, type Composition } from '../src/projector/composition.js';
import type { StoreOption } from '../src/projector/types.js';
import { fold } from '../src/aggregates/fold.js';
import { aggregateFor } from '../src/aggregates/registry.js';
import type { RecordedEvent } from '../src/events/types.js';

const BACKEND = process.env.BENCH_BACKEND ?? 'both';
const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 300);
const URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const PROFILE = 'up_bench_10k';
/** BENCH_ONLY=state: only the baseline and the state queries (skips the timeline pages). */
const STATE_ONLY = process.env.BENCH_ONLY === 'state';
const EMPTY = { p50: Number.NaN, p99: Number.NaN };

/**
 * A long-lived profile: tag diffs, ticket status changes, result updates and the odd address
 * change, so the state stays a realistic size while the stream reaches 10k events.
 */
function events(): NewEvent[] {
  const out: NewEvent[] = [];
  const start = Date.UTC(2025, 0, 1);
  let tags: string[] = [];
  for (let i = 0; i < EVENTS; i++) {
    let body: Record<string, unknown>;
    const k = i % 5;
    if (i === 0) body = { user_profile_event_type: 'USER_PROFILE_CREATE', author_id: 'api_key_bench' };
    else if (k === 1) {
      const next = i % 10 === 1 ? ['ONBOARDING', `T${i % 7}`] : ['ONBOARDING', 'APPROVED'];
      body = {
        user_profile_event_type: 'TAGS_UPDATED',
        author_id: 'system',
        previous_tags: tags,
        current_tags: next,
        changes: {
          added: next.filter((t) => !tags.includes(t)),
          removed: tags.filter((t) => !next.includes(t)),
        },
      };
      tags = next;
    } else if (k === 2)
      body = {
        user_profile_event_type: 'ADDRESS_UPDATED',
        author_id: 'someone@example.com',
        previous: { street: `${i - 5} Road` },
        current: { street: `${i} Road`, city: 'Leeds' },
      };
    else if (k === 3)
      body = {
        user_profile_event_type: 'TICKET_STATUS_UPDATE',
        author_id: 'analyst@acme.example',
        ticket_id: `tkt_${i % 50}`,
        ticket_status: i % 2 ? 'OPEN' : 'CLOSED',
      };
    else
      body = {
        user_profile_event_type: 'TICKET_REVIEWER_UPDATE',
        author_id: 'lead@acme.example',
        ticket_id: `tkt_${i % 50}`,
        reviewer: `analyst${i % 3}@acme.example`,
      };
    const raw = JSON.stringify({
      user_profile_id: PROFILE,
      client_reference_id: 'cust_bench',
      callback_event_id: `bench-${i}`,
      ...body,
    });
    const parsed = parseDelivery('aiprise', raw, { receivedAt: new Date(start + i * 60_000) });
    if (!parsed.ok) throw new Error(`bench event ${i} did not parse: ${JSON.stringify(parsed.problems)}`);
    out.push(parsed.event);
  }
  return out;
}

function percentiles(samples: number[]): { p50: number; p99: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { p50: Math.round(at(0.5) * 1000) / 1000, p99: Math.round(at(0.99) * 1000) / 1000 };
}

async function time(fn: () => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  for (let i = 0; i < 20; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  return percentiles(samples);
}

async function run(name: string, store: StoreOption): Promise<Record<string, unknown>> {
  const loadStart = performance.now();
  const c: Composition = await compose({ store, allowUnsigned: true }, { projectNow: false });
  try {
    const all = events();
    for (let i = 0; i < all.length; i += 1000)
      await c.opened.store.append(`user-profile-${PROFILE}`, all.slice(i, i + 1000));
    c.wrote();
    await c.projector.catchUp();
    const loadSeconds = (performance.now() - loadStart) / 1000;
    const p = c.projector;
    const sql = c.opened.sql;
    // A cursor in the middle of the 10k entries, for a page that is not the first.
    let cursor: string | undefined;
    for (let i = 0; i < (STATE_ONLY ? 0 : Math.floor(EVENTS / 1000)); i++)
      cursor = (await p.timeline('user-profile', PROFILE, { limit: 500, ...(cursor ? { cursor } : {}) }))
        .nextCursor;

    const baseline = await time(() =>
      sql.query('select state from aggregate_state where kind = $1 and id = $2', ['user-profile', PROFILE]),
    );
    const state = await time(() => p.state('user-profile', PROFILE));
    const page = (fn: () => Promise<unknown>) => (STATE_ONLY ? Promise.resolve(EMPTY) : time(fn));
    const firstPage = await page(() => p.timeline('user-profile', PROFILE, { limit: 50 }));
    const midPage = await page(() => p.timeline('user-profile', PROFILE, { limit: 50, cursor: cursor! }));
    // The same depth through includeRelated (the dedupe path): the cursor must come from that path.
    let relatedCursor: string | undefined;
    for (let i = 0; i < (STATE_ONLY ? 0 : Math.floor(EVENTS / 1000)); i++)
      relatedCursor = (
        await p.timeline('user-profile', PROFILE, {
          limit: 500,
          includeRelated: true,
          ...(relatedCursor ? { cursor: relatedCursor } : {}),
        })
      ).nextCursor;
    const relatedMidPage = await page(() =>
      p.timeline('user-profile', PROFILE, { limit: 50, includeRelated: true, cursor: relatedCursor! }),
    );
    const newestPage = await page(() =>
      p.timeline('user-profile', PROFILE, { limit: 50, order: 'desc', types: ['TICKET_*'] }),
    );
    // The past-state baseline: what state({ asOf }) did before snapshots, a full read and fold of the stream.
    const streamId = `user-profile-${PROFILE}`;
    const at = new Date(Date.UTC(2025, 0, 4));
    const fullFold = await time(async () => {
      const stored: RecordedEvent[] = [];
      for await (const e of c.opened.store.readStream(streamId)) stored.push(e);
      return fold(aggregateFor('user-profile'), stored, { id: PROFILE, asOf: at });
    });
    // The first past-state query reads the whole stream once and leaves the snapshots behind.
    const firstStart = performance.now();
    await p.state('user-profile', PROFILE, { version: 1 });
    const firstMs = performance.now() - firstStart;
    const asOf = await time(() => p.state('user-profile', PROFILE, { asOf: at }));
    const lateAsOf = await time(() =>
      p.state('user-profile', PROFILE, { asOf: new Date(Date.UTC(2025, 0, 1) + (EVENTS - 100) * 60_000) }),
    );
    const version = await time(() =>
      p.state('user-profile', PROFILE, { version: Math.floor(EVENTS / 2) + 7 }),
    );
    const rows: [string, { p50: number; p99: number }][] = [
      ['baseline: raw single-row SELECT', baseline],
      ['state() (read model, 1 query)', state],
      ['timeline() first page of 50', firstPage],
      [`timeline() page of 50 after ${Math.floor(EVENTS / 1000) * 500}`, midPage],
      [`  same, includeRelated`, relatedMidPage],
      ['timeline() newest 50 TICKET_*', newestPage],
      [`full read + fold of ${EVENTS} (old asOf)`, fullFold],
      ['state({ asOf }) day 3, snapshots', asOf],
      ['state({ asOf }) near the head', lateAsOf],
      [`state({ version: ${Math.floor(EVENTS / 2) + 7} })`, version],
    ];
    console.log(
      `\n${name}: subject with ${EVENTS} events (loaded and projected in ${loadSeconds.toFixed(1)} s), ${ROUNDS} rounds each`,
    );
    console.log(
      `${'query'.padEnd(34)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'p50 / baseline'.padStart(15)}`,
    );
    console.log(`first past-state query (reads the stream, writes the snapshots): ${firstMs.toFixed(1)} ms`);
    // Queries BENCH_ONLY skipped are left out of the table.
    for (const [label, r] of rows.filter(([, r]) => !Number.isNaN(r.p50))) {
      console.log(
        `${label.padEnd(34)} ${r.p50.toFixed(3).padStart(8)} ${r.p99.toFixed(3).padStart(8)} ${(r.p50 / baseline.p50).toFixed(1).padStart(14)}x`,
      );
    }
    return {
      backend: name,
      events: EVENTS,
      rounds: ROUNDS,
      baseline,
      state,
      timelineFirstPage: firstPage,
      timelineMidPage: midPage,
      timelineRelatedMidPage: relatedMidPage,
      timelineNewestFiltered: newestPage,
      fullFold,
      firstPastStateMs: firstMs,
      stateAsOf: asOf,
      stateAsOfNearHead: lateAsOf,
      stateVersion: version,
    };
  } finally {
    await c.projector.close();
  }
}

const results: Record<string, unknown>[] = [];
if (BACKEND === 'pg' || BACKEND === 'both') {
  const schema = `bench_queries_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  try {
    results.push(await run('PostgreSQL', { postgres: URL, schema }));
  } finally {
    await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
  }
}
if (BACKEND === 'pglite' || BACKEND === 'both')
  results.push(await run('PGlite (in memory)', { pglite: 'memory://' }));
console.log(JSON.stringify({ bench: 'queries', node: process.version, results }));
