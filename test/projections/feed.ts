/**
 * A seeded, realistic two-vendor feed for projection tests and bench/rebuild: per person a Persona
 * account, inquiry (with a verification and its account relation), sometimes a case, and an AiPrise
 * user profile (tags, address, AML hit and resolution, result), sometimes redacted. Deliveries go
 * through the real parser, so events look exactly like intake's. `late` moves some deliveries
 * later in arrival order than their occurrence; `duplicates` delivers some twice.
 */
import { parseDelivery } from '../../src/events/parse.js';
import type { NewEvent, Source } from '../../src/events/types.js';
import {
  accountResource,
  addressUpdated,
  aiPriseDelivery,
  amlHitResolved,
  caseResource,
  inquiryResource,
  personaDelivery,
  sampleAiPrisePayload,
  tagsUpdated,
  userVerificationResult,
  verificationResource,
} from '../support/deliveries.js';

export interface FeedOptions {
  people: number;
  seed?: number;
  /** Share of deliveries that arrive after later-occurring ones (0..1). */
  late?: number;
  /** Share of deliveries sent twice (0..1). */
  duplicates?: number;
  /** Share of people redacted at the end (0..1). */
  redactions?: number;
  /** First person's number (to feed more people into an existing store). */
  offset?: number;
}

/** mulberry32: small, fast, seeded. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Delivery {
  source: Source;
  body: string;
  at: number;
}

function parse(d: Delivery): NewEvent {
  const result = parseDelivery(d.source, d.body, { receivedAt: new Date(d.at) });
  if (!result.ok) throw new Error(`feed delivery did not parse: ${JSON.stringify(result.problems)}`);
  return result.event;
}

const BASE = Date.parse('2024-03-01T08:00:00.000Z');
const TAGS = ['VIP_CLIENT', 'PENDING_REVIEW', 'APPROVED', 'HIGH_RISK', 'EU'];

function personDeliveries(n: number, rand: () => number, redact: boolean): Delivery[] {
  const out: Delivery[] = [];
  const start = BASE + n * 60_000;
  let t = start;
  const next = (): number => (t += 1000 + Math.floor(rand() * 60_000));
  const act = `act_${n}`;
  const inq = `inq_${n}`;
  const up = `up_${n}`;
  const ref = `cust-${n}`;
  const persona = (
    name: string,
    resource: Parameters<typeof personaDelivery>[0]['resource'],
    id: string,
  ): void => {
    const at = next();
    out.push({
      source: 'persona',
      body: personaDelivery({ name, resource, id, createdAt: new Date(at).toISOString() }),
      at,
    });
  };
  const aiprise = (payload: Record<string, unknown>): void => {
    out.push({ source: 'aiprise', body: aiPriseDelivery(payload), at: next() });
  };
  const tag = TAGS[Math.floor(rand() * TAGS.length)]!;
  persona('account.created', accountResource({ id: act, referenceId: ref }), `evt_${n}_1`);
  persona('inquiry.created', inquiryResource({ id: inq, accountId: act, referenceId: ref }), `evt_${n}_2`);
  persona(
    'verification.passed',
    verificationResource({ id: `ver_${n}`, status: 'passed', inquiryId: inq, accountId: act }),
    `evt_${n}_3`,
  );
  persona(
    'inquiry.completed',
    inquiryResource({ id: inq, status: 'completed', accountId: act, referenceId: ref }),
    `evt_${n}_4`,
  );
  const review = rand() < 0.3;
  persona(
    review ? 'inquiry.marked-for-review' : 'inquiry.approved',
    inquiryResource({
      id: inq,
      status: review ? 'needs_review' : 'approved',
      accountId: act,
      referenceId: ref,
      tags: [tag],
    }),
    `evt_${n}_5`,
  );
  persona('account.tag-added', accountResource({ id: act, referenceId: ref, tags: [tag] }), `evt_${n}_6`);
  if (rand() < 0.3) {
    persona(
      'case.created',
      caseResource({ id: `case_${n}`, accountIds: [act], inquiryIds: [inq] }),
      `evt_${n}_7`,
    );
    persona(
      'case.assigned',
      caseResource({ id: `case_${n}`, accountIds: [act], inquiryIds: [inq], assigneeId: 'usr_reviewer' }),
      `evt_${n}_8`,
    );
  }
  aiprise({
    ...sampleAiPrisePayload('USER_PROFILE_CREATE', up),
    callback_event_id: `cb_${n}_1`,
    client_reference_id: ref,
  });
  aiprise({
    ...tagsUpdated({
      userProfileId: up,
      previous: [],
      current: ['PENDING_REVIEW', tag],
      clientReferenceId: ref,
    }),
    callback_event_id: `cb_${n}_2`,
  });
  aiprise({
    ...addressUpdated({
      userProfileId: up,
      previous: null,
      current: { street: `${n} High St`, city: 'Leeds', country: 'GB' },
    }),
    callback_event_id: `cb_${n}_3`,
  });
  aiprise({
    ...addressUpdated({
      userProfileId: up,
      previous: { street: `${n} High St`, city: 'Leeds', country: 'GB' },
      current: { street: `${n} Low Rd`, city: 'York', country: 'GB' },
    }),
    callback_event_id: `cb_${n}_4`,
  });
  if (rand() < 0.2)
    aiprise({ ...amlHitResolved({ userProfileId: up, hitId: `hit_${n}` }), callback_event_id: `cb_${n}_5` });
  aiprise({
    ...userVerificationResult({ userProfileId: up, result: rand() < 0.2 ? 'REVIEW' : 'APPROVED' }),
    callback_event_id: `cb_${n}_6`,
  });
  aiprise({
    ...tagsUpdated({
      userProfileId: up,
      previous: ['PENDING_REVIEW', tag],
      current: [tag, 'APPROVED'].filter((v, i, a) => a.indexOf(v) === i),
      clientReferenceId: ref,
    }),
    callback_event_id: `cb_${n}_7`,
  });
  if (redact) {
    const at = new Date(next()).toISOString();
    persona(
      'inquiry.redacted',
      inquiryResource({ id: inq, status: 'approved', accountId: act, referenceId: ref, redactedAt: at }),
      `evt_${n}_9`,
    );
    persona(
      'account.redacted',
      accountResource({ id: act, referenceId: null, redactedAt: at }),
      `evt_${n}_10`,
    );
  }
  return out;
}

/** Deliveries of `people` people as NewEvents in arrival order (late and duplicate ones included). */
export function generateFeed(options: FeedOptions): NewEvent[] {
  const rand = prng(options.seed ?? 1);
  const deliveries: Delivery[] = [];
  const offset = options.offset ?? 0;
  for (let i = 0; i < options.people; i++) {
    deliveries.push(...personDeliveries(offset + i, rand, rand() < (options.redactions ?? 0)));
  }
  // Arrival order: by occurrence, except late ones which arrive up to ~20 deliveries later.
  const arrival = deliveries.map((d) => ({
    d,
    key: d.at + (rand() < (options.late ?? 0) ? 20 * 60_000 * (1 + rand() * 5) : 0),
  }));
  arrival.sort((a, b) => a.key - b.key);
  const events: NewEvent[] = [];
  for (const { d } of arrival) {
    const event = parse(d);
    events.push(event);
    if (rand() < (options.duplicates ?? 0)) events.push(parse(d));
  }
  return events;
}
