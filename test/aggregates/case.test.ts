import { describe, expect, it } from 'vitest';
import { caseAggregate } from '../../src/aggregates/case.js';
import { caseResource } from '../support/deliveries.js';
import { given } from '../support/given.js';
import { persona } from './fixtures.js';

const ID = 'case_spec1';
const res = (input: Partial<Parameters<typeof caseResource>[0]> = {}) =>
  caseResource({ id: ID, inquiryIds: ['inq_1'], accountIds: ['act_1'], ...input });
// Created well before every other event, whatever order a test builds them in.
const created = () => persona('case.created', res(), { at: '2024-01-01T00:00:00.000Z' });

describe('case', () => {
  it('case.created takes status (key + label), queue, template, links and SLA', () => {
    given(caseAggregate, created()).then((s) => {
      expect(s).toMatchObject({
        kind: 'case',
        status: 'open',
        statusLabel: 'Open',
        queue: 'cq_default',
        templateId: 'ctmpl_default',
      });
      expect(s.inquiryIds).toEqual(['inq_1']);
      expect(s.accountIds).toEqual(['act_1']);
      expect(s.slaExpiresAt).toBe('2024-03-03T09:00:00.000Z');
      expect(s.slaExpired).toBe(false);
    });
  });

  it('case.assigned takes assignee and assigner', () => {
    given(caseAggregate, created())
      .when(persona('case.assigned', res({ assigneeId: 'user_ann', assignerId: 'user_bob' })))
      .then((s) => expect([s.assigneeId, s.assignerId]).toEqual(['user_ann', 'user_bob']));
  });

  it('case.resolved takes status, resolution and resolver; resolvedAt defaults to the event time', () => {
    const first = created();
    const resolved = persona(
      'case.resolved',
      res({ status: 'Approved', resolution: 'approved', resolverId: 'user_ann' }),
    );
    given(caseAggregate, first)
      .when(resolved)
      .then((s) => {
        expect(s).toMatchObject({
          status: 'approved',
          statusLabel: 'Approved',
          resolution: 'approved',
          resolverId: 'user_ann',
        });
        expect(s.resolvedAt).toBe(resolved.occurredAt);
      });
  });

  it('case.reopened undoes the resolution', () => {
    given(
      caseAggregate,
      created(),
      persona('case.resolved', res({ status: 'Declined', resolution: 'declined', resolverId: 'u' })),
    )
      .when(persona('case.reopened', { type: 'case', id: ID, attributes: {} }))
      .then((s) =>
        expect(s).toMatchObject({ status: 'open', resolution: null, resolvedAt: null, resolverId: null }),
      );
  });

  it('case.updated takes the attributes sent', () => {
    given(caseAggregate, created())
      .when(persona('case.updated', res({ status: 'In Review', assigneeId: 'user_c' })))
      .then((s) =>
        expect([s.status, s.statusLabel, s.assigneeId]).toEqual(['in_review', 'In Review', 'user_c']),
      );
  });

  it('case.updated-fields merges fields', () => {
    given(caseAggregate, created())
      .when(
        persona(
          'case.updated-fields',
          res({ attributes: { fields: { riskLevel: { type: 'string', value: 'high' } } } }),
        ),
      )
      .then((s) => expect(s.fields).toEqual({ riskLevel: 'high' }));
  });

  it('case.updated-tags replaces the tags (sorted)', () => {
    given(caseAggregate, created())
      .when(persona('case.updated-tags', res({ tags: ['sar', 'edd'] })))
      .then((s) => expect(s.tags).toEqual(['edd', 'sar']));
  });

  it('case.status-updated: statuses are compared by key, displayed by label', () => {
    for (const label of ['PENDING', 'Pending', 'pending']) {
      given(caseAggregate, created())
        .when(persona('case.status-updated', res({ status: label })))
        .then((s) => expect([s.status, s.statusLabel]).toEqual(['pending', label]));
    }
  });

  it('case.queue-updated takes the queue relationship', () => {
    given(caseAggregate, created())
      .when(
        persona('case.queue-updated', {
          ...res(),
          relationships: { caseQueue: { type: 'case-queue', id: 'cq_edd' } },
        }),
      )
      .then((s) => expect(s.queue).toBe('cq_edd'));
  });

  it('case.sla-expired marks the SLA expired', () => {
    given(caseAggregate, created())
      .when(persona('case.sla-expired', res()))
      .then((s) => expect(s.slaExpired).toBe(true));
  });

  it('case.exported and case.print-initiated record when', () => {
    const first = created();
    const exported = persona('case.exported', res());
    const printed = persona('case.print-initiated', res());
    given(caseAggregate, first)
      .when(exported, printed)
      .then((s) =>
        expect([s.exportedAt, s.printInitiatedAt]).toEqual([exported.occurredAt, printed.occurredAt]),
      );
  });

  it('case.agent-reviewed appends a review', () => {
    const first = created();
    const reviewed = persona('case.agent-reviewed', res());
    given(caseAggregate, first)
      .when(reviewed)
      .then((s) => expect(s.agentReviews).toEqual([{ at: reviewed.occurredAt, agentId: null }]));
  });

  it('case-comment.created appends the comment once', () => {
    const comment = persona('case-comment.created', {
      type: 'case-comment',
      id: 'cmt_1',
      attributes: {
        body: 'Spoke to the customer',
        creatorId: 'user_ann',
        createdAt: '2024-03-01T10:00:00.000Z',
      },
      relationships: { case: { type: 'case', id: ID } },
    });
    expect(comment.streamId).toBe(`case-${ID}`);
    given(caseAggregate, created())
      .when(comment)
      .then((s) =>
        expect(s.comments).toEqual([
          {
            id: 'cmt_1',
            authorId: 'user_ann',
            createdAt: '2024-03-01T10:00:00.000Z',
            body: 'Spoke to the customer',
          },
        ]),
      );
  });

  it('case-message.sent and case-message.received append messages with their direction', () => {
    const message = (name: string, id: string) =>
      persona(name, {
        type: 'case-message',
        id,
        attributes: { body: `message ${id}` },
        relationships: { case: { type: 'case', id: ID } },
      });
    given(caseAggregate, created())
      .when(message('case-message.sent', 'cmsg_1'), message('case-message.received', 'cmsg_2'))
      .then((s) =>
        expect(s.messages.map((m) => [m.id, m.direction, m.body])).toEqual([
          ['cmsg_1', 'sent', 'message cmsg_1'],
          ['cmsg_2', 'received', 'message cmsg_2'],
        ]),
      );
  });

  it('case.redacted clears fields, comment and message bodies and tags; status stays', () => {
    given(
      caseAggregate,
      persona(
        'case.created',
        res({ tags: ['t'], attributes: { fields: { ssn: { type: 'string', value: '123' } } } }),
      ),
      persona('case-comment.created', {
        type: 'case-comment',
        id: 'cmt_1',
        attributes: { body: 'private' },
        relationships: { case: { type: 'case', id: ID } },
      }),
    )
      .when(persona('case.redacted', res({ attributes: { redactedAt: '2024-04-01T00:00:00.000Z' } })))
      .then((s) => {
        expect(s).toMatchObject({ redacted: true, status: 'open', tags: [], fields: { ssn: null } });
        expect(s.comments[0]?.body).toBeNull();
      });
  });
});
