/**
 * What a timeline shows, end to end through real deliveries and the read-model projection: a
 * subject's own events; with includeRelated its related subjects' events, each naming what it is
 * about with that subject's changes; a cursor only for the query that made it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidQueryError, openProjector, type Projector } from '../../src/index.js';
import { accountResource, inquiryResource, personaDelivery } from '../support/deliveries.js';

describe('timeline semantics', () => {
  let projector: Projector;
  const t = (minute: number) => new Date(Date.UTC(2026, 0, 5, 9, minute)).toISOString();

  beforeAll(async () => {
    projector = await openProjector({ store: 'memory', allowUnsigned: true });
    const deliveries = [
      personaDelivery({
        name: 'account.created',
        createdAt: t(0),
        resource: accountResource({ id: 'act_s1' }),
      }),
      personaDelivery({
        name: 'inquiry.created',
        createdAt: t(1),
        resource: inquiryResource({ id: 'inq_s1', accountId: 'act_s1', status: 'created' }),
      }),
      personaDelivery({
        name: 'inquiry.approved',
        createdAt: t(2),
        resource: inquiryResource({ id: 'inq_s1', accountId: 'act_s1', status: 'approved' }),
      }),
      personaDelivery({
        name: 'account.tag-added',
        createdAt: t(3),
        resource: accountResource({ id: 'act_s1', tags: ['VIP'] }),
      }),
    ];
    for (const body of deliveries) expect((await projector.ingest('persona', body)).outcome).toBe('appended');
  });
  afterAll(async () => {
    await projector?.close();
  });

  it("an account's own timeline shows only the events about the account", async () => {
    const page = await projector.timeline('account', 'act_s1');
    expect(page.entries.map((e) => e.type)).toEqual(['account.created', 'account.tag-added']);
    for (const entry of page.entries) expect(entry.subject).toEqual({ kind: 'account', id: 'act_s1' });
  });

  it("includeRelated adds the inquiry's events, each naming the inquiry with the inquiry's changes", async () => {
    const page = await projector.timeline('account', 'act_s1', { includeRelated: true });
    expect(page.entries.map((e) => `${e.type}@${e.subject.kind}/${e.subject.id}`)).toEqual([
      'account.created@account/act_s1',
      'inquiry.created@inquiry/inq_s1',
      'inquiry.approved@inquiry/inq_s1',
      'account.tag-added@account/act_s1',
    ]);
    const approved = page.entries.find((e) => e.type === 'inquiry.approved')!;
    expect(approved.changes).toContainEqual({ path: 'status', before: 'created', after: 'approved' });
    // The same entry as on the inquiry's own timeline.
    const own = await projector.timeline('inquiry', 'inq_s1');
    expect(own.entries.find((e) => e.type === 'inquiry.approved')).toEqual(approved);
  });

  it('refuses a cursor from another query (subject, filters, includeRelated, order)', async () => {
    const first = await projector.timeline('account', 'act_s1', { includeRelated: true, limit: 1 });
    expect(first.nextCursor).toBeDefined();
    const cursor = first.nextCursor!;
    // The query that made it pages on.
    const next = await projector.timeline('account', 'act_s1', { includeRelated: true, limit: 1, cursor });
    expect(next.entries.map((e) => e.type)).toEqual(['inquiry.created']);
    const others = [
      () => projector.timeline('account', 'act_s1', { cursor }),
      () => projector.timeline('inquiry', 'inq_s1', { includeRelated: true, cursor }),
      () => projector.timeline('account', 'act_s1', { includeRelated: true, types: ['inquiry.*'], cursor }),
      () => projector.timeline('account', 'act_s1', { includeRelated: true, order: 'desc', cursor }),
    ];
    for (const other of others) {
      const error = await other().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidQueryError);
      expect((error as InvalidQueryError).option).toBe('cursor');
    }
  });
});
