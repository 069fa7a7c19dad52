/**
 * The timeline query against real PostgreSQL, over the read models' own tables and views (created
 * by the projection's init and activate), filled here so every option can be checked exactly.
 * End-to-end through real events: test/api/projector.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgSqlClient } from '../../src/db/pg-client.js';
import { projectionContext } from '../../src/projections/context.js';
import { READ_MODELS_VERSION, readModelsProjection } from '../../src/projections/read-models/read-models.js';
import { MemoryEventStore } from '../../src/store/memory-event-store.js';
import { queryTimeline } from '../../src/timeline/timeline-query.js';
import { InvalidQueryError } from '../../src/timeline/errors.js';
import type { TimelineEntry } from '../../src/timeline/entry.js';
import { createTestSchema, probePostgres, type TestSchema } from '../support/postgres.js';

const probe = await probePostgres();

interface Seed {
  kind: string;
  id: string;
  eventId: string;
  at: string;
  position: number;
  stream: string;
  type: string;
  actor: string | null;
  source?: string;
  /** What the event is about, when not the row's own subject (the projection writes it). */
  about?: { kind: string; id: string };
  /** Only on this timeline as a related subject's event (own = false). */
  related?: boolean;
}

describe.skipIf(!probe.available)('timeline query (PostgreSQL)', () => {
  let schema: TestSchema;
  let sql: PgSqlClient;
  let position = 0;

  async function add(rows: Omit<Seed, 'position'>[]): Promise<void> {
    for (const r of rows) {
      position++;
      await sql.query(
        `insert into timeline_entries (subject_kind, subject_id, event_id, occurred_at, recorded_at, position, stream_id, type, source, actor, summary, changes, about_kind, about_id, own)
         values ($1, $2, $3, $4, now(), $5, $6, $7, $8, $9, $10, $11::jsonb, $12, $13, $14)`,
        [
          r.kind,
          r.id,
          r.eventId,
          r.at,
          position,
          r.stream,
          r.type,
          r.source ?? 'persona',
          r.actor,
          `${r.type} summary`,
          JSON.stringify([{ path: 'status', before: null, after: 'x' }]),
          r.about?.kind ?? r.kind,
          r.about?.id ?? r.id,
          !r.related,
        ],
      );
    }
  }

  const types = (entries: TimelineEntry[]) => entries.map((e) => e.type);

  beforeAll(async () => {
    schema = await createTestSchema(probe.url, 'pp_timeline');
    sql = new PgSqlClient({ connectionString: probe.url, schema: schema.schema });
    const ctx = projectionContext(new MemoryEventStore(), READ_MODELS_VERSION);
    await sql.transaction(async (tx) => {
      await readModelsProjection.init(tx, ctx);
      await readModelsProjection.activate!(tx, ctx);
    });
    // The stable views are simple views over the build's tables, so rows go in through them.
    await sql.query(
      `insert into aggregate_state (kind, id, stream_id, version, stream_version, state)
       values ('inquiry', 'inq_1', 'inquiry-inq_1', 1, 1, $1), ('inquiry', 'inq_other', 'inquiry-inq_other', 1, 1, $2),
              ('case', 'case_1', 'case-case_1', 1, 1, $3)`,
      [{ accountId: 'act_1' }, { accountId: 'act_2' }, { accountIds: [], inquiryIds: ['inq_1'] }],
    );
    await add([
      {
        kind: 'account',
        id: 'act_1',
        eventId: 'e1',
        at: '2026-01-01T10:00:00Z',
        stream: 'account-act_1',
        type: 'account.created',
        actor: null,
      },
      {
        kind: 'inquiry',
        id: 'inq_1',
        eventId: 'e2',
        at: '2026-01-01T10:01:00Z',
        stream: 'inquiry-inq_1',
        type: 'inquiry.created',
        actor: null,
      },
      // A verification event on the inquiry's stream, shown on the inquiry and (by the projection) on the account.
      {
        kind: 'persona-verification',
        id: 'ver_1',
        eventId: 'e3',
        at: '2026-01-01T10:02:00Z',
        stream: 'inquiry-inq_1',
        type: 'verification.passed',
        actor: null,
      },
      {
        kind: 'inquiry',
        id: 'inq_1',
        eventId: 'e3',
        at: '2026-01-01T10:02:00Z',
        stream: 'inquiry-inq_1',
        type: 'verification.passed',
        actor: null,
        about: { kind: 'persona-verification', id: 'ver_1' },
      },
      {
        kind: 'account',
        id: 'act_1',
        eventId: 'e3',
        at: '2026-01-01T10:02:00Z',
        stream: 'inquiry-inq_1',
        type: 'verification.passed',
        actor: null,
        about: { kind: 'persona-verification', id: 'ver_1' },
        related: true,
      },
      {
        kind: 'persona-report',
        id: 'rep_1',
        eventId: 'e4',
        at: '2026-01-01T10:03:00Z',
        stream: 'inquiry-inq_1',
        type: 'report/watchlist.ready',
        actor: null,
      },
      {
        kind: 'case',
        id: 'case_1',
        eventId: 'e5',
        at: '2026-01-01T11:00:00Z',
        stream: 'case-case_1',
        type: 'case.assigned',
        actor: 'ana@acme.example',
      },
      {
        kind: 'account',
        id: 'act_1',
        eventId: 'e6',
        at: '2026-01-01T12:00:00Z',
        stream: 'account-act_1',
        type: 'account.updated-tags',
        actor: 'ben@acme.example',
      },
      {
        kind: 'inquiry',
        id: 'inq_other',
        eventId: 'e7',
        at: '2026-01-01T12:30:00Z',
        stream: 'inquiry-inq_other',
        type: 'inquiry.created',
        actor: null,
      },
      {
        kind: 'user-profile',
        id: 'up_1',
        eventId: 'u1',
        at: '2026-01-02T09:00:00Z',
        stream: 'user-profile-up_1',
        type: 'CREATE_TICKET',
        actor: 'system',
        source: 'aiprise',
      },
      {
        kind: 'user-profile',
        id: 'up_1',
        eventId: 'u2',
        at: '2026-01-02T09:05:00Z',
        stream: 'user-profile-up_1',
        type: 'TICKET_STATUS_UPDATE',
        actor: 'kim@acme.example',
        source: 'aiprise',
      },
      {
        kind: 'user-profile',
        id: 'up_1',
        eventId: 'u3',
        at: '2026-01-02T09:10:00Z',
        stream: 'user-profile-up_1',
        type: 'TICKETS_EXPORTED',
        actor: 'kim@acme.example',
        source: 'aiprise',
      },
      {
        kind: 'user-profile',
        id: 'up_1',
        eventId: 'u4',
        at: '2026-01-02T09:15:00Z',
        stream: 'user-profile-up_1',
        type: 'TAGS_UPDATED',
        actor: 'system',
        source: 'aiprise',
      },
      {
        kind: 'aiprise-session',
        id: 'vs_1',
        eventId: 'u5',
        at: '2026-01-02T09:20:00Z',
        stream: 'user-profile-up_1',
        type: 'VERIFICATION_SESSION_COMPLETION',
        actor: null,
        source: 'aiprise',
      },
    ]);
  });

  afterAll(async () => {
    await sql?.close();
    await schema?.drop();
  });

  it('returns one subject oldest first with the entry shape, its own events only', async () => {
    const page = await queryTimeline(sql, 'account', 'act_1');
    // verification.passed is on the account's timeline only as its inquiry's (related) event.
    expect(types(page.entries)).toEqual(['account.created', 'account.updated-tags']);
    expect(page.nextCursor).toBeUndefined();
    expect(page.entries[0]).toEqual({
      eventId: 'e1',
      type: 'account.created',
      source: 'persona',
      occurredAt: '2026-01-01T10:00:00.000Z',
      recordedAt: expect.stringMatching(/^\d{4}-/),
      actor: null,
      subject: { kind: 'account', id: 'act_1' },
      changes: [{ path: 'status', before: null, after: 'x' }],
      summary: 'account.created summary',
    });
  });

  it('orders newest first', async () => {
    const page = await queryTimeline(sql, 'user-profile', 'up_1', { order: 'desc' });
    expect(types(page.entries)).toEqual([
      'TAGS_UPDATED',
      'TICKETS_EXPORTED',
      'TICKET_STATUS_UPDATE',
      'CREATE_TICKET',
    ]);
  });

  it('filters by exact types and globs, with LIKE metacharacters literal', async () => {
    expect(
      types((await queryTimeline(sql, 'user-profile', 'up_1', { types: ['TICKET_*'] })).entries),
    ).toEqual(['TICKET_STATUS_UPDATE']);
    expect(
      types((await queryTimeline(sql, 'user-profile', 'up_1', { types: ['*TICKET*'] })).entries),
    ).toEqual(['CREATE_TICKET', 'TICKET_STATUS_UPDATE', 'TICKETS_EXPORTED']);
    expect(
      types(
        (await queryTimeline(sql, 'user-profile', 'up_1', { types: 'TAGS_UPDATED,CREATE_TICKET' })).entries,
      ),
    ).toEqual(['CREATE_TICKET', 'TAGS_UPDATED']);
    expect(
      types((await queryTimeline(sql, 'user-profile', 'up_1', { types: ["%' or 1=1 --"] })).entries),
    ).toEqual([]);
  });

  it('filters by actor, exact or glob', async () => {
    expect(types((await queryTimeline(sql, 'user-profile', 'up_1', { actor: 'system' })).entries)).toEqual([
      'CREATE_TICKET',
      'TAGS_UPDATED',
    ]);
    expect(
      types((await queryTimeline(sql, 'user-profile', 'up_1', { actor: ['*@acme.example'] })).entries),
    ).toEqual(['TICKET_STATUS_UPDATE', 'TICKETS_EXPORTED']);
  });

  it('filters by time: from inclusive, to exclusive', async () => {
    const page = await queryTimeline(sql, 'user-profile', 'up_1', {
      from: '2026-01-02T09:05:00Z',
      to: new Date('2026-01-02T09:15:00Z'),
    });
    expect(types(page.entries)).toEqual(['TICKET_STATUS_UPDATE', 'TICKETS_EXPORTED']);
  });

  it('brings in related subjects once each: inquiries, cases, verifications and reports of an account', async () => {
    const page = await queryTimeline(sql, 'account', 'act_1', { includeRelated: true });
    expect(page.entries.map((e) => `${e.eventId}@${e.subject.kind}`)).toEqual([
      'e1@account',
      'e2@inquiry',
      'e3@persona-verification', // on three timelines, shown once, naming what it is about
      'e4@persona-report',
      'e5@case',
      'e6@account',
    ]);
    const types = await queryTimeline(sql, 'account', 'act_1', {
      includeRelated: true,
      types: ['report/*', 'case.*'],
    });
    expect(types.entries.map((e) => e.eventId)).toEqual(['e4', 'e5']);
  });

  it("brings in a user profile's sessions recorded on its stream", async () => {
    const page = await queryTimeline(sql, 'user-profile', 'up_1', { includeRelated: true });
    expect(page.entries.at(-1)).toMatchObject({
      type: 'VERIFICATION_SESSION_COMPLETION',
      subject: { kind: 'aiprise-session', id: 'vs_1' },
    });
  });

  it('pages with a cursor in both orders, stable while new events arrive', async () => {
    for (const order of ['asc', 'desc'] as const) {
      for (const includeRelated of [false, true]) {
        const all = (
          await queryTimeline(sql, 'account', 'act_1', { includeRelated, order, limit: 1000 })
        ).entries.map((e) => e.eventId);
        const seen: string[] = [];
        let cursor: string | undefined;
        let round = 0;
        do {
          const page = await queryTimeline(sql, 'account', 'act_1', {
            includeRelated,
            order,
            limit: 2,
            ...(cursor ? { cursor } : {}),
          });
          seen.push(...page.entries.map((e) => e.eventId));
          cursor = page.nextCursor;
          // Meanwhile a late event (older than everything) and a new one arrive.
          round++;
          await add([
            {
              kind: 'account',
              id: 'act_1',
              eventId: `late-${order}-${includeRelated}-${round}`,
              at: '2025-12-31T00:00:00Z',
              stream: 'account-act_1',
              type: 'account.late',
              actor: null,
            },
          ]);
        } while (cursor);
        // Every entry that existed when paging began, exactly once, in order; late ones never interleave.
        expect(seen.filter((id) => !id.startsWith('late-'))).toEqual(
          all.filter((id) => !id.startsWith('late-')),
        );
        expect(new Set(seen).size).toBe(seen.length);
      }
    }
  });

  it('rejects bad options as InvalidQueryError naming the option', async () => {
    await expect(queryTimeline(sql, 'account', 'act_1', { limit: 0 })).rejects.toThrow(InvalidQueryError);
    await expect(queryTimeline(sql, 'account', 'act_1', { from: 'yesterday-ish' })).rejects.toThrow(/from/);
    await expect(queryTimeline(sql, 'account', 'act_1', { cursor: 'x' })).rejects.toThrow(/cursor/);
    const { nextCursor } = await queryTimeline(sql, 'account', 'act_1', { limit: 1 });
    await expect(
      queryTimeline(sql, 'account', 'act_1', { cursor: nextCursor!, order: 'desc' }),
    ).rejects.toThrow(/order/);
  });
});
