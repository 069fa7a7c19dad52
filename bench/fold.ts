/**
 * Fold benchmark: a 10,000-event user-profile stream and a 1,000,000-event mixed feed
 * (all four aggregates), generated in-process in the normalised shape parseDelivery produces.
 *
 * Each workload is folded these ways over the same events in the same run:
 *   interpret          the interpretation and ordering alone (prepare): the floor under every fold
 *   fold               fold(): evolve on a plain state the engine owns, frozen at the end
 *   one produce        the same evolve inside one immer produce per stream (the earlier design)
 * and, with each event's field-level changes (what the timeline and the projections need):
 *   changes: snapshots foldChangesFromStart: a snapshot of the state before each event, compared after
 *   changes: patches   the same with a snapshot budget of 0: one immer produceWithPatches per event
 * The bench checks that every variant ends in the same state and both change variants agree.
 *
 *   npm run bench:fold            (FOLD_FEED=200000 to shrink the mixed feed;
 *                                  FOLD_PROFILE=<variant> folds only that variant, for node --cpu-prof)
 */
import { isDeepStrictEqual } from 'node:util';
import { produce } from 'immer';
import type { AggregateDefinition, BaseState } from '../src/aggregates/aggregate.js';
import { applyEvent, finalise } from '../src/aggregates/apply.js';
import { fold, foldChangesFromStart, selectForFold } from '../src/aggregates/fold.js';
import { prepare } from '../src/aggregates/fold-order.js';
import { aggregateForStream } from '../src/aggregates/registry.js';
import { streamVendorId } from '../src/events/streams.js';
import type { JsonObject, RecordedEvent, Source } from '../src/events/types.js';

type Variant = 'interpret' | 'fold' | 'oneProduce' | 'changesBySnapshots' | 'changesByPatches';
const VARIANTS: readonly Variant[] = [
  'interpret',
  'fold',
  'oneProduce',
  'changesBySnapshots',
  'changesByPatches',
];
const STATE_VARIANTS: readonly Variant[] = ['fold', 'oneProduce', 'changesBySnapshots', 'changesByPatches'];
type Folder = (def: AggregateDefinition<BaseState>, events: readonly RecordedEvent[]) => BaseState | null;

const idOf = (events: readonly RecordedEvent[]): string =>
  streamVendorId((events[0] as RecordedEvent).streamId);

const folders: Record<Variant, Folder> = {
  interpret: (_def, events) => {
    prepare(events);
    return null;
  },
  fold: (def, events) => fold(def, events),
  oneProduce: (def, events) => {
    const prepared = prepare(events);
    if (prepared.length === 0) return null;
    return produce(def.initial(idOf(events)), (draft) => {
      for (const p of prepared) applyEvent(def, draft as BaseState, p);
      finalise(draft as BaseState);
    });
  },
  changesBySnapshots: (def, events) =>
    events.length ? foldChangesFromStart(def, idOf(events), events).state : null,
  changesByPatches: (def, events) =>
    events.length ? foldChangesFromStart(def, idOf(events), events, 0).state : null,
};

// --- deterministic event generation ------------------------------------------------------

let seed = 42;
function random(): number {
  // mulberry32: reproducible feeds across runs and machines
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

const BASE = Date.UTC(2024, 0, 1);
let position = 0n;

function recorded(
  source: Source,
  streamId: string,
  version: number,
  type: string,
  at: number,
  data: JsonObject,
): RecordedEvent {
  position += 1n;
  const kind = streamId.startsWith('user-profile-')
    ? 'user-profile'
    : streamId.slice(0, streamId.indexOf('-'));
  return {
    eventId: `evt_${position}`,
    type,
    source,
    subject: { kind, id: streamVendorId(streamId) },
    streamId,
    occurredAt: new Date(at).toISOString(),
    actor: null,
    schemaVersion: 1,
    data,
    raw: '',
    related: [],
    unknown: false,
    streamVersion: version,
    position,
    recordedAt: new Date(at + 1000).toISOString(),
  };
}

const TAGS = ['ONBOARDING', 'VIP', 'PEP', 'EDD', 'APPROVED', 'PENDING_REVIEW', 'HIGH_RISK', 'LOW_RISK'];

/** Per-stream memory, so `previous` and `previous_tags` say what the stream last said, as AiPrise does. */
interface ProfileMemory {
  tags: Set<string>;
  last: Map<string, unknown>;
}

function info(memory: ProfileMemory, type: string, current: unknown): JsonObject {
  const previous = memory.last.get(type) ?? null;
  memory.last.set(type, current);
  return { previous, current } as JsonObject;
}

function profileData(id: string, type: string, n: number, memory: ProfileMemory): JsonObject {
  const tags = memory.tags;
  const base = { userProfileId: id, userProfileEventType: type, clientReferenceId: `ref-${id}` };
  switch (type) {
    case 'TAGS_UPDATED': {
      const previous = [...tags];
      const tag = pick(TAGS);
      if (tags.has(tag)) tags.delete(tag);
      else tags.add(tag);
      const current = [...tags];
      return {
        ...base,
        previousTags: previous,
        currentTags: current,
        changes: {
          added: current.filter((t) => !previous.includes(t)),
          removed: previous.filter((t) => !current.includes(t)),
        },
      };
    }
    case 'ADDRESS_UPDATED':
      return {
        ...base,
        ...info(memory, type, { street: `${n} High Street`, city: 'Leeds', postalCode: `LS${n % 10} 1AA` }),
      };
    case 'NAME_UPDATED':
      return { ...base, ...info(memory, type, { firstName: `Sam${n}`, lastName: 'Example' }) };
    case 'EMAIL_UPDATED':
      return { ...base, ...info(memory, type, `sam${n}@example.test`) };
    case 'PHONE_UPDATED':
      return { ...base, ...info(memory, type, `+4400000${n}`) };
    case 'ADD_ADDITIONAL_MEDIA':
      return {
        ...base,
        fileUuid: `file_${n % 500}`,
        mediaType: 'UTILITY_BILL',
        uploadedBy: 'api_key',
        uploadedAt: BASE + n * 1000,
      };
    case 'AML_HIT_RESOLVED':
      return {
        ...base,
        verificationSessionId: 'vs_1',
        amlHit: {
          entityHitId: `hit_${n % 300}`,
          entityId: 'ext_1',
          name: 'Listed Person',
          entityType: 'PERSON',
          hitTypes: ['PEP'],
          nameMatchScore: 0.9,
        },
        resolution: { status: 'RESOLVED', comment: 'false positive', resolvedBy: 'reviewer@example.test' },
      };
    case 'AML_MONITORING_UPDATE':
      return {
        ...base,
        amlMonitoringUpdate: {
          monitoringRunId: `mon_${n}`,
          status: pick(['CLEAR', 'MATCH_FOUND']),
          matches: [],
          previousStatus: 'CLEAR',
        },
      };
    case 'RUN_USER_VERIFICATION':
      return {
        ...base,
        userProfileResult: pick(['APPROVED', 'DECLINED', 'REVIEW']),
        verificationSessionId: `vs_${n % 50}`,
        templateId: 'tmpl',
        aipriseSummary: { verificationResult: 'APPROVED', status: 'COMPLETED' },
      };
    case 'COMMENT':
      return { ...base, authorId: 'ops', comment: `note ${n}` };
    case 'TICKET_STATUS_UPDATE':
      return { ...base, ticketId: `tkt_${n % 40}`, status: pick(['OPEN', 'IN_PROGRESS', 'CLOSED']) };
    default:
      return { ...base, userProfileResult: pick(['APPROVED', 'REVIEW']) };
  }
}

const PROFILE_TYPES = [
  'TAGS_UPDATED',
  'TAGS_UPDATED',
  'ADDRESS_UPDATED',
  'NAME_UPDATED',
  'EMAIL_UPDATED',
  'PHONE_UPDATED',
  'ADD_ADDITIONAL_MEDIA',
  'AML_HIT_RESOLVED',
  'AML_MONITORING_UPDATE',
  'RUN_USER_VERIFICATION',
  'COMMENT',
  'TICKET_STATUS_UPDATE',
  'RESULT_UPDATE',
];

function profileStream(id: string, count: number, start: number): RecordedEvent[] {
  const memory: ProfileMemory = { tags: new Set(), last: new Map() };
  const events: RecordedEvent[] = [];
  for (let n = 1; n <= count; n++) {
    const type = n === 1 ? 'USER_PROFILE_CREATE' : pick(PROFILE_TYPES);
    events.push(
      recorded('aiprise', `user-profile-${id}`, n, type, start + n * 1000, profileData(id, type, n, memory)),
    );
  }
  return events;
}

const PERSONA_TYPES: Record<'account' | 'case' | 'inquiry', string[]> = {
  account: ['account.status-updated', 'account.updated-tags', 'account.updated-fields', 'account.tag-added'],
  case: [
    'case.assigned',
    'case.status-updated',
    'case.updated-tags',
    'case.updated-fields',
    'case-comment.created',
  ],
  inquiry: [
    'inquiry.started',
    'verification.submitted',
    'verification.passed',
    'report/watchlist.ready',
    'inquiry.updated-tags',
    'inquiry.completed',
  ],
};

function personaStream(
  kind: 'account' | 'case' | 'inquiry',
  id: string,
  count: number,
  start: number,
): RecordedEvent[] {
  const events: RecordedEvent[] = [];
  const relationships = kind === 'inquiry' ? { account: { type: 'account', id: `act_${id}` } } : {};
  for (let n = 1; n <= count; n++) {
    const type = n === 1 ? `${kind}.created` : pick(PERSONA_TYPES[kind]);
    const family = type.slice(0, type.lastIndexOf('.'));
    const own = family === kind;
    const resource = own
      ? {
          type: kind,
          id,
          attributes: {
            status: pick(['Open', 'pending', 'completed', 'Approved']),
            tags: [pick(TAGS), pick(TAGS)],
            fields: { riskLevel: { type: 'string', value: pick(['low', 'high']) } },
            referenceId: `ref-${id}`,
            nameFirst: 'Sam',
            nameLast: 'Example',
          },
          relationships,
        }
      : {
          type: family === 'verification' ? 'verification/government-id' : family,
          id: `${family.slice(0, 3)}_${n % 5}`,
          attributes: family === 'case-comment' ? { body: `comment ${n}` } : {},
          relationships: { [kind]: { type: kind, id } },
        };
    events.push(
      recorded('persona', `${kind}-${id}`, n, type, start + n * 1000, {
        resource,
        included: [],
      } as unknown as JsonObject),
    );
  }
  return events;
}

function mixedFeed(total: number): Map<string, RecordedEvent[]> {
  const streams = new Map<string, RecordedEvent[]>();
  let produced = 0;
  let i = 0;
  while (produced < total) {
    const kind = pick(['account', 'case', 'inquiry', 'user-profile'] as const);
    const count = Math.min(total - produced, 10 + Math.floor(random() * 60));
    const id = `${kind.slice(0, 3)}_${i++}`;
    const start = BASE + Math.floor(random() * 1e9);
    const events =
      kind === 'user-profile' ? profileStream(id, count, start) : personaStream(kind, id, count, start);
    // Arrival order is not occurrence order: swap a few neighbours so the sort does real work.
    for (let k = 1; k < events.length; k += 7) {
      const a = events[k - 1] as RecordedEvent;
      events[k - 1] = events[k] as RecordedEvent;
      events[k] = a;
    }
    streams.set((events[0] as RecordedEvent).streamId, events);
    produced += count;
  }
  return streams;
}

// --- timing ----------------------------------------------------------------------------------

function foldAll(variant: Variant, streams: Map<string, RecordedEvent[]>): BaseState[] {
  const out: BaseState[] = [];
  for (const [streamId, events] of streams) {
    const def = aggregateForStream(streamId) as unknown as AggregateDefinition<BaseState>;
    const state = folders[variant](def, events);
    if (state) out.push(state);
  }
  return out;
}

/**
 * Best run per variant, with the variants interleaved round by round, so load from other
 * processes on a shared machine hits all three alike rather than whichever ran last.
 */
function timeAll(
  streams: Map<string, RecordedEvent[]>,
  events: number,
  rounds: number,
): Record<Variant, number> {
  const best = Object.fromEntries(VARIANTS.map((v) => [v, Infinity])) as Record<Variant, number>;
  for (let r = 0; r < rounds; r++) {
    for (const variant of VARIANTS) {
      const started = process.hrtime.bigint();
      foldAll(variant, streams);
      best[variant] = Math.min(best[variant], Number(process.hrtime.bigint() - started) / 1e6);
    }
  }
  return Object.fromEntries(VARIANTS.map((v) => [v, events / (best[v] / 1000)])) as Record<Variant, number>;
}

function checkSame(streams: Map<string, RecordedEvent[]>, sample: number): void {
  let checked = 0;
  for (const [streamId, events] of streams) {
    if (checked++ >= sample) break;
    const def = aggregateForStream(streamId) as unknown as AggregateDefinition<BaseState>;
    const [a, ...others] = STATE_VARIANTS.map(
      (v) => JSON.parse(JSON.stringify(folders[v](def, events))) as unknown,
    );
    if (others.some((o) => !isDeepStrictEqual(a, o))) throw new Error(`variants disagree on ${streamId}`);
    const selected = selectForFold(events);
    const id = idOf(selected);
    const bySnapshots = foldChangesFromStart(def, id, selected).steps.map((s) => s.changes);
    const byPatches = foldChangesFromStart(def, id, selected, 0).steps.map((s) => s.changes);
    if (!isDeepStrictEqual(JSON.parse(JSON.stringify(bySnapshots)), JSON.parse(JSON.stringify(byPatches))))
      throw new Error(`snapshot and patch changes disagree on ${streamId}`);
  }
}

type Row = { workload: string; events: number; streams: number } & Record<Variant, number>;

function run(workload: string, streams: Map<string, RecordedEvent[]>, repeats: number): Row {
  const events = [...streams.values()].reduce((n, s) => n + s.length, 0);
  checkSame(streams, 200);
  for (const v of VARIANTS) foldAll(v, streams); // warm-up
  return { workload, events, streams: streams.size, ...timeAll(streams, events, repeats) };
}

const feedSize = Number(process.env.FOLD_FEED ?? 1_000_000);
const only = process.env.FOLD_PROFILE as Variant | undefined;
if (only) {
  const streams = mixedFeed(feedSize);
  streams.set('user-profile-up_bench', profileStream('up_bench', 10_000, BASE));
  for (let r = 0; r < 5; r++) foldAll(only, streams);
  console.log(`profiled ${only}`);
  process.exit(0);
}
const rows: Row[] = [];
const profile = profileStream('up_bench', 10_000, BASE);
rows.push(run('user-profile stream', new Map([['user-profile-up_bench', profile]]), 9));
rows.push(run('mixed feed', mixedFeed(feedSize), 3));

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}x`;
console.log(`node ${process.version}; best of interleaved rounds; events/s\n`);
console.log(
  [
    [
      'workload',
      'events',
      'streams',
      'interpret',
      'fold',
      'one produce',
      'fold/produce',
      'changes: snap',
      'changes: patch',
      'snap/patch',
    ],
    ...rows.map((r) => [
      r.workload,
      fmt(r.events),
      fmt(r.streams),
      fmt(r.interpret),
      fmt(r.fold),
      fmt(r.oneProduce),
      ratio(r.fold, r.oneProduce),
      fmt(r.changesBySnapshots),
      fmt(r.changesByPatches),
      ratio(r.changesBySnapshots, r.changesByPatches),
    ]),
  ]
    .map((cols) => cols.map((c, i) => (i === 0 ? c.padEnd(20) : c.padStart(14))).join(' '))
    .join('\n'),
);
console.log(
  JSON.stringify({
    bench: 'fold',
    node: process.version,
    results: rows.map((r) => ({
      ...Object.fromEntries(
        Object.entries(r).map(([k, v]) => [k, typeof v === 'number' ? Math.round(v) : v]),
      ),
      foldVsOneProduce: +(r.fold / r.oneProduce).toFixed(3),
      snapshotsVsPatches: +(r.changesBySnapshots / r.changesByPatches).toFixed(3),
    })),
  }),
);
