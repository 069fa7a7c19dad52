/** The intake path as a library call, on the memory store and the PGlite SQL store. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryEventStore } from '../../src/store/memory-event-store.js';
import { SqlEventStore } from '../../src/store/sql/sql-event-store.js';
import { PgliteSqlClient } from '../../src/db/pglite-client.js';
import type { EventStore } from '../../src/store/event-store.js';
import { createIntake, type IntakeOptions } from '../../src/intake/intake.js';
import { MemoryQuarantine } from '../../src/intake/quarantine/memory-quarantine.js';
import type { QuarantineStore } from '../../src/intake/quarantine/quarantine.js';
import { SqlQuarantine, migrateQuarantine } from '../../src/intake/quarantine/sql-quarantine.js';
import {
  aiPriseHeaders,
  personaHeaders,
  personaSignature,
  TEST_AIPRISE_API_KEY,
  TEST_PERSONA_ROTATED_SECRET,
  TEST_PERSONA_SECRET,
  unixSeconds,
} from '../support/signing.js';
import { randomId } from '../support/deliveries.js';
import {
  aiPriseBody,
  latin1PersonaBody,
  parserRefusingDecisionCallbacks,
  parserWithLatin1Fallback,
  personaBody,
} from './fixtures.js';

const secrets = { persona: [TEST_PERSONA_SECRET], aiprise: TEST_AIPRISE_API_KEY };

async function count(store: EventStore, streamId: string): Promise<number> {
  let n = 0;
  for await (const _ of store.readStream(streamId)) n++;
  return n;
}

function suite(
  name: string,
  open: () => Promise<{ store: EventStore; quarantine: QuarantineStore; close(): Promise<void> }>,
) {
  describe(`intake on ${name}`, () => {
    let store: EventStore;
    let quarantine: QuarantineStore;
    let close: () => Promise<void>;
    const make = (extra: Partial<IntakeOptions> = {}) =>
      createIntake({ store, quarantine, secrets, ...extra });

    beforeAll(async () => {
      ({ store, quarantine, close } = await open());
    });
    afterAll(async () => close());

    it('appends a signed delivery once; the same body again is a duplicate', async () => {
      const intake = make();
      const eventId = randomId('evt');
      const body = personaBody(eventId);
      const first = await intake.ingest('persona', body, personaHeaders(body));
      expect(first).toMatchObject({ outcome: 'appended', eventId, type: 'inquiry.completed' });
      expect(first.streamId).toMatch(/^inquiry-inq_/);
      const again = await intake.ingest('persona', Buffer.from(body), personaHeaders(body));
      expect(again).toMatchObject({ outcome: 'duplicate', eventId, streamId: first.streamId });
      expect(await count(store, first.streamId!)).toBe(1);
    });

    it('appends a signed AiPrise callback', async () => {
      const body = aiPriseBody();
      const result = await make().ingest('aiprise', body, aiPriseHeaders(body));
      expect(result.outcome).toBe('appended');
      expect(result.streamId).toMatch(/^user-profile-up_/);
    });

    it('stores a signed decision callback (no event type) once, on its session stream', async () => {
      const sessionId = randomId('vs');
      const streamId = `aiprise-session-${sessionId}`;
      const body = JSON.stringify({
        verification_session_id: sessionId,
        client_reference_id: 'customer-7',
        aiprise_summary: { verification_result: 'REVIEW', status: 'COMPLETED' },
      });
      // Before session 3 the parser refused it as unknown_shape; such quarantined bodies replay.
      const earlier = await make({ parse: parserRefusingDecisionCallbacks }).ingest(
        'aiprise',
        body,
        aiPriseHeaders(body),
      );
      expect(earlier).toMatchObject({ outcome: 'quarantined' });
      const [replayed] = await make().replayQuarantined(earlier.quarantineId!);
      expect(replayed).toMatchObject({ outcome: 'appended', streamId });
      expect(await quarantine.get(earlier.quarantineId!)).toMatchObject({
        replayedEventId: replayed!.eventId,
      });
      const stored = [];
      for await (const e of store.readStream(streamId)) stored.push(e);
      expect(stored).toMatchObject([
        { type: 'DECISION_CALLBACK', data: { aipriseSummary: { verificationResult: 'REVIEW' } } },
      ]);
      // No callback_event_id: the body's content hash is the event id, so a redelivery is a duplicate.
      expect(await make().ingest('aiprise', body, aiPriseHeaders(body))).toMatchObject({
        outcome: 'duplicate',
        eventId: replayed!.eventId,
      });
      expect(await count(store, streamId)).toBe(1);
    });

    it('accepts a rotation header whose second pair matches', async () => {
      const intake = make({ secrets: { persona: [TEST_PERSONA_ROTATED_SECRET] } });
      const body = personaBody();
      const header = personaSignature(body, ['wbhsec_retired', TEST_PERSONA_ROTATED_SECRET]);
      expect((await intake.ingest('persona', body, { 'Persona-Signature': header })).outcome).toBe(
        'appended',
      );
    });

    it('rejects forged, stale and unsigned deliveries without storing or quarantining anything', async () => {
      const intake = make();
      const eventId = randomId('evt');
      const body = personaBody(eventId);
      const tampered = body.replace('completed', 'approved');
      const stale = personaHeaders(body, { t: unixSeconds() - 3600 });
      const before = await quarantine.list({ status: 'all', limit: 10_000 });
      expect(await intake.ingest('persona', tampered, personaHeaders(body))).toMatchObject({
        outcome: 'rejected',
        code: 'mismatch',
      });
      expect(await intake.ingest('persona', body, stale)).toMatchObject({
        outcome: 'rejected',
        code: 'stale',
      });
      expect(await intake.ingest('persona', body, {})).toMatchObject({
        outcome: 'rejected',
        code: 'missing_header',
      });
      // A forged body that is also invalid must not reach the quarantine either.
      expect(await intake.ingest('persona', '{not json', personaHeaders('{other'))).toMatchObject({
        outcome: 'rejected',
      });
      expect(await store.hasEvent(eventId)).toBe(false);
      expect(await quarantine.list({ status: 'all', limit: 10_000 })).toEqual(before);
    });

    it('rejects a source with no secret unless told to accept unsigned input', async () => {
      const body = aiPriseBody();
      const strict = createIntake({ store, quarantine, secrets: { persona: [TEST_PERSONA_SECRET] } });
      const result = await strict.ingest('aiprise', body);
      expect(result).toMatchObject({ outcome: 'rejected', code: 'no_secret' });
      expect(result.reason).toMatch(/no aiprise secret is configured \(set AIPRISE_API_KEY\)/);
      expect(strict.canVerify('aiprise')).toBe(false);

      const trusting = createIntake({ store, quarantine, allowUnsigned: true });
      expect((await trusting.ingest('aiprise', body)).outcome).toBe('appended');
      // HTTP always requires a signature, whatever the library option says.
      expect(await trusting.ingest('aiprise', aiPriseBody(), {}, { requireSignature: true })).toMatchObject({
        outcome: 'rejected',
        code: 'no_secret',
      });
      // With a secret configured, a signature that is present is still checked.
      const both = make({ allowUnsigned: true });
      expect(
        await both.ingest('aiprise', aiPriseBody(), { 'x-hmac-signature': 'ab'.repeat(32) }),
      ).toMatchObject({
        outcome: 'rejected',
        code: 'mismatch',
      });
      expect((await both.ingest('aiprise', aiPriseBody())).outcome).toBe('appended');
    });

    it('rejects an oversize body before checking anything else', async () => {
      const intake = make({ maxBytes: 64 });
      const body = personaBody();
      expect(await intake.ingest('persona', body, personaHeaders(body))).toMatchObject({
        outcome: 'rejected',
        code: 'too_large',
      });
    });

    it('quarantines a genuine but unreadable body, then replays it after the parser is fixed', async () => {
      const eventId = randomId('evt');
      const body = latin1PersonaBody(eventId);
      const headers = { ...personaHeaders(body), 'Persona-Webhook-Attempts-Made': '1', Cookie: 'x=1' };
      const today = make();
      const result = await today.ingest('persona', body, headers);
      expect(result).toMatchObject({ outcome: 'quarantined', reason: '(body): Body is not valid UTF-8' });
      const redelivered = await today.ingest('persona', body, headers);
      expect(redelivered.quarantineId).toBe(result.quarantineId);

      const entry = await quarantine.get(result.quarantineId!);
      expect(entry).toMatchObject({ source: 'persona', deliveries: 2, replayedAt: null });
      expect(Buffer.compare(entry!.body, body)).toBe(0);
      expect(Object.keys(entry!.headers).sort()).toEqual([
        'persona-signature',
        'persona-webhook-attempts-made',
      ]);

      // Replaying with today's parser still fails and leaves it pending.
      expect(await today.replayQuarantined(result.quarantineId!)).toMatchObject([{ outcome: 'quarantined' }]);
      expect(await store.hasEvent(eventId)).toBe(false);

      const fixed = make({ parse: parserWithLatin1Fallback });
      const replayed = await fixed.replayQuarantined('all');
      expect(replayed).toContainEqual(
        expect.objectContaining({ quarantineId: result.quarantineId, outcome: 'appended', eventId }),
      );
      expect(await store.hasEvent(eventId)).toBe(true);
      expect(await quarantine.get(result.quarantineId!)).toMatchObject({ replayedEventId: eventId });
      expect((await quarantine.list()).map((e) => e.id)).not.toContain(result.quarantineId);
      // Replaying it again is harmless: the event is already stored.
      expect(await fixed.replayQuarantined(result.quarantineId!)).toMatchObject([
        { outcome: 'duplicate', eventId },
      ]);
      expect(await fixed.replayQuarantined('424242')).toEqual([
        { quarantineId: '424242', outcome: 'not_found' },
      ]);
    });

    it('quarantines schema problems with their paths', async () => {
      const body = JSON.stringify({ data: { type: 'event', id: randomId('evt'), attributes: {} } });
      const result = await make().ingest('persona', body, personaHeaders(body));
      expect(result.outcome).toBe('quarantined');
      expect(result.problems?.length).toBeGreaterThan(0);
      expect(result.reason).toMatch(/data\.attributes/);
    });
  });
}

suite('memory', async () => ({
  store: new MemoryEventStore(),
  quarantine: new MemoryQuarantine(),
  close: async () => undefined,
}));

suite('PGlite', async () => {
  const client = await PgliteSqlClient.open();
  const store = await SqlEventStore.open(client);
  await migrateQuarantine(client);
  return {
    store,
    quarantine: new SqlQuarantine(client),
    close: async () => {
      await store.close();
      await client.close();
    },
  };
});

describe('intake input checks', () => {
  it('rejects a source that is neither vendor', async () => {
    const intake = createIntake({
      store: new MemoryEventStore(),
      quarantine: new MemoryQuarantine(),
      allowUnsigned: true,
    });
    // A JavaScript caller can pass anything; the type system is not there at runtime.
    const result = await intake.ingest('onfido' as never, '{}');
    expect(result).toMatchObject({ outcome: 'rejected', code: 'unknown_source' });
  });
});
