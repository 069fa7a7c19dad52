/**
 * The library API through real deliveries: signed ingest, read-your-writes, state now / as of /
 * at a version, byReference across vendors, timeline options end to end, redaction masking,
 * quarantine and rebuild. Run against each store by the files beside this one.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openProjector } from '../../src/index.js';
import type { Projector, ProjectorOptions } from '../../src/index.js';
import {
  accountResource,
  aiPriseDelivery,
  addressUpdated,
  inquiryResource,
  personaDelivery,
  tagsUpdated,
} from '../support/deliveries.js';
import {
  aiPriseHeaders,
  personaHeaders,
  TEST_AIPRISE_API_KEY,
  TEST_PERSONA_SECRET,
} from '../support/signing.js';

export function projectorSuite(store: () => ProjectorOptions['store']): void {
  let projector: Projector;
  const ref = `cust_${Math.random().toString(36).slice(2, 10)}`;
  const accountId = `act_${ref}`;
  const inquiryId = `inq_${ref}`;
  const profileId = `up_${ref}`;
  const t = (minute: number) => new Date(Date.UTC(2026, 0, 5, 9, minute)).toISOString();

  beforeAll(async () => {
    projector = await openProjector({
      store: store(),
      secrets: { persona: [TEST_PERSONA_SECRET], aiprise: TEST_AIPRISE_API_KEY },
    });
  });
  afterAll(async () => {
    await projector?.close();
  });

  const persona = async (body: string) => projector.ingest('persona', body, personaHeaders(body));
  const aiprise = async (payload: Record<string, unknown>) => {
    const body = aiPriseDelivery(payload);
    return projector.ingest('aiprise', body, aiPriseHeaders(body));
  };

  it('ingests signed deliveries and reads its own writes at once', async () => {
    const created = await persona(
      personaDelivery({
        name: 'account.created',
        createdAt: t(0),
        resource: accountResource({ id: accountId, referenceId: ref, tags: ['NEW'] }),
      }),
    );
    expect(created).toMatchObject({ outcome: 'appended', streamId: `account-${accountId}` });
    // No catchUp(): state() waits for the projections to apply what this projector appended.
    expect(await projector.state('account', accountId)).toMatchObject({
      id: accountId,
      kind: 'account',
      version: 1,
      tags: ['NEW'],
      referenceId: ref,
      redacted: false,
    });
    const again = personaDelivery({
      id: 'evt_dup_' + ref,
      name: 'inquiry.created',
      createdAt: t(1),
      resource: inquiryResource({ id: inquiryId, accountId, referenceId: ref }),
    });
    expect((await persona(again)).outcome).toBe('appended');
    expect((await persona(again)).outcome).toBe('duplicate');
    expect((await projector.ingest('persona', again, { 'persona-signature': 't=1,v1=00' })).outcome).toBe(
      'rejected',
    );
  });

  it('state as of a time and at a version fold the stream', async () => {
    await persona(
      personaDelivery({
        name: 'account.updated-tags',
        createdAt: t(10),
        resource: accountResource({
          id: accountId,
          referenceId: ref,
          status: 'Approved',
          tags: ['NEW', 'VIP'],
        }),
      }),
    );
    // Delivered late: occurred before the tag update, so it folds before it.
    await persona(
      personaDelivery({
        name: 'account.status-updated',
        createdAt: t(5),
        resource: accountResource({ id: accountId, referenceId: ref, status: 'Approved', tags: ['NEW'] }),
      }),
    );
    expect(await projector.state('account', accountId)).toMatchObject({
      version: 3,
      tags: ['NEW', 'VIP'],
      status: 'approved',
    });
    expect(await projector.state('account', accountId, { asOf: t(6) })).toMatchObject({
      version: 2,
      tags: ['NEW'],
      status: 'approved',
    });
    expect(await projector.state('account', accountId, { asOf: new Date(t(0)) })).toMatchObject({
      version: 1,
    });
    expect(await projector.state('account', accountId, { version: 2 })).toMatchObject({
      version: 2,
      status: 'approved',
    });
    expect(await projector.state('account', accountId, { asOf: '2020-01-01T00:00:00Z' })).toBeNull();
    expect(await projector.state('account', 'act_nobody')).toBeNull();
    await expect(projector.state('account', accountId, { asOf: 'soon' })).rejects.toThrow(/asOf/);
  });

  it('byReference finds one person across both vendors', async () => {
    await aiprise({
      user_profile_id: profileId,
      user_profile_event_type: 'USER_PROFILE_CREATE',
      client_reference_id: ref,
      author_id: 'api_key_1',
    });
    const found = await projector.byReference(ref);
    expect(found.referenceId).toBe(ref);
    expect(found.aggregates.map((a) => `${a.source}/${a.kind}/${a.id}`).sort()).toEqual(
      [
        `aiprise/user-profile/${profileId}`,
        `persona/account/${accountId}`,
        `persona/inquiry/${inquiryId}`,
      ].sort(),
    );
    expect(found.aggregates.find((a) => a.kind === 'user-profile')?.state).toMatchObject({
      clientReferenceId: ref,
    });
    expect((await projector.byReference('cust_nobody_at_all')).aggregates).toEqual([]);
  });

  it('timeline: entries with changes and summary, globs, actor, order, cursor, related', async () => {
    await aiprise(
      tagsUpdated({
        userProfileId: profileId,
        previous: [],
        current: ['ONBOARDING', 'PENDING_REVIEW'],
        clientReferenceId: ref,
      }),
    );
    await aiprise(
      tagsUpdated({
        userProfileId: profileId,
        previous: ['ONBOARDING', 'PENDING_REVIEW'],
        current: ['ONBOARDING', 'APPROVED', 'VIP_CLIENT'],
        clientReferenceId: ref,
      }),
    );
    await aiprise(
      addressUpdated({
        userProfileId: profileId,
        previous: { street: '1 Old St', city: 'Leeds' },
        current: { street: '2 New Ave', city: 'York' },
      }),
    );
    const page = await projector.timeline('user-profile', profileId);
    expect(page.entries.map((e) => e.type)).toEqual([
      'USER_PROFILE_CREATE',
      'TAGS_UPDATED',
      'TAGS_UPDATED',
      'ADDRESS_UPDATED',
    ]);
    const tags = page.entries[2]!;
    expect(tags).toMatchObject({ source: 'aiprise', subject: { kind: 'user-profile', id: profileId } });
    expect(tags.summary).toMatch(/^Tags \+APPROVED \+VIP_CLIENT -PENDING_REVIEW/);
    expect(tags.changes).toContainEqual(expect.objectContaining({ path: 'tags' }));
    const address = page.entries[3]!;
    expect(address.changes).toContainEqual(
      expect.objectContaining({ path: expect.stringMatching(/^address/) }),
    );
    expect(
      (
        await projector.timeline('user-profile', profileId, { types: ['TAGS_*'], order: 'desc', limit: 1 })
      ).entries.map((e) => e.type),
    ).toEqual(['TAGS_UPDATED']);
    expect(
      (await projector.timeline('user-profile', profileId, { actor: 'api_key_1' })).entries.map(
        (e) => e.type,
      ),
    ).toEqual(['USER_PROFILE_CREATE']);
    const first = await projector.timeline('user-profile', profileId, { limit: 3 });
    const rest = await projector.timeline('user-profile', profileId, { limit: 3, cursor: first.nextCursor! });
    expect([...first.entries, ...rest.entries].map((e) => e.eventId)).toEqual(
      page.entries.map((e) => e.eventId),
    );
    expect(rest.nextCursor).toBeUndefined();
    const related = await projector.timeline('account', accountId, {
      includeRelated: true,
      types: ['inquiry.*'],
    });
    expect(related.entries.map((e) => e.type)).toEqual(['inquiry.created']);
  });

  it('a redacted subject shows no PII in state or timeline', async () => {
    const redactedAt = t(30);
    await persona(
      personaDelivery({
        name: 'inquiry.redacted',
        createdAt: redactedAt,
        resource: inquiryResource({
          id: inquiryId,
          accountId,
          referenceId: null,
          redactedAt,
          attributes: { nameFirst: null, nameLast: null, birthdate: null, addressStreet1: null, fields: {} },
        }),
      }),
    );
    const state = await projector.state('inquiry', inquiryId);
    expect(state).toMatchObject({ redacted: true });
    const text = JSON.stringify(await projector.timeline('inquiry', inquiryId, { limit: 1000 }));
    // The builder's PII (name, birthdate, street) never shows; masked values read [redacted].
    for (const pii of ['Alex', 'Sample', '1990-04-12', '1 Sample Road']) expect(text).not.toContain(pii);
    expect(text).toContain('[redacted]');
  });

  it('quarantines a signed but invalid body, lists, shows and replays it', async () => {
    const body = JSON.stringify({ data: { type: 'event', id: 'evt_bad_' + ref, attributes: {} } });
    const result = await projector.ingest('persona', body, personaHeaders(body));
    expect(result.outcome).toBe('quarantined');
    const listed = await projector.quarantine.list();
    expect(listed.map((q) => q.id)).toContain(result.quarantineId);
    expect((await projector.quarantine.show(result.quarantineId!))?.body.toString()).toBe(body);
    expect((await projector.quarantine.replay(result.quarantineId!))[0]).toMatchObject({
      outcome: 'quarantined',
    });
  });

  it('rebuild re-derives the read models to the same states; catchUp and ready answer', async () => {
    const before = await projector.state('user-profile', profileId);
    const dry = await projector.rebuild({ dryRun: true });
    expect(dry.dryRun).toBe(true);
    const progress: number[] = [];
    const report = await projector.rebuild({ onProgress: (p) => progress.push(p.processed) });
    expect(report.dryRun).toBe(false);
    expect(progress.length).toBeGreaterThan(0);
    await projector.catchUp();
    expect(await projector.state('user-profile', profileId)).toEqual(before);
    expect(await projector.ready()).toBe(true);
  });
}
