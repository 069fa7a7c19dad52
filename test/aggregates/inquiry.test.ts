import { describe, expect, it } from 'vitest';
import { inquiry } from '../../src/aggregates/inquiry.js';
import { inquiryResource, reportResource, verificationResource } from '../support/deliveries.js';
import { given } from '../support/given.js';
import { persona } from './fixtures.js';

const ID = 'inq_spec1';
const res = (input: Partial<Parameters<typeof inquiryResource>[0]> = {}) =>
  inquiryResource({ id: ID, accountId: 'act_1', ...input });
// Created well before every other event, whatever order a test builds them in.
const created = () => persona('inquiry.created', res(), { at: '2024-01-01T00:00:00.000Z' });

describe('inquiry lifecycle', () => {
  it('inquiry.created takes status, account, template, reference id and identity', () => {
    given(inquiry, created()).then((s) => {
      expect(s).toMatchObject({
        kind: 'inquiry',
        status: 'created',
        accountId: 'act_1',
        templateId: 'itmpl_kyc',
      });
      expect(s.referenceId).toBe('customer-123');
      expect(s.name).toEqual({ first: 'Alex', middle: null, last: 'Sample' });
      expect(s.birthdate).toBe('1990-04-12');
      expect(s.address?.street1).toBe('1 Sample Road');
    });
  });

  const lifecycle: [string, string, string][] = [
    ['inquiry.started', 'pending', 'pending'],
    ['inquiry.completed', 'completed', 'completed'],
    ['inquiry.failed', 'failed', 'failed'],
    ['inquiry.expired', 'expired', 'expired'],
    ['inquiry.approved', 'approved', 'approved'],
    ['inquiry.declined', 'declined', 'declined'],
    ['inquiry.marked-for-review', 'needs-review', 'needs_review'],
  ];
  for (const [name, sent, expected] of lifecycle) {
    it(`${name} sets status ${expected} (from the payload status "${sent}")`, () => {
      given(inquiry, created())
        .when(persona(name, res({ status: sent })))
        .then((s) => expect(s.status).toBe(expected));
    });
    it(`${name} without a status attribute implies ${expected}`, () => {
      given(inquiry, created())
        .when(persona(name, { type: 'inquiry', id: ID }))
        .then((s) => expect(s.status).toBe(expected));
    });
  }

  it('needs_review, needs-review and "needs review" are one status', () => {
    for (const spelling of ['needs_review', 'needs-review', 'needs review', 'Needs Review']) {
      given(inquiry, created())
        .when(persona('inquiry.marked-for-review', res({ status: spelling })))
        .then((s) => expect(s.status).toBe('needs_review'));
    }
  });

  it('inquiry.completed / approved / expired record when', () => {
    const first = created();
    const done = persona('inquiry.completed', res({ status: 'completed' }));
    // Persona sends the inquiry as it is at each event: the approval still carries completed-at.
    const approved = persona(
      'inquiry.approved',
      res({
        status: 'approved',
        attributes: { completedAt: done.occurredAt, decisionedAt: '2024-03-02T00:00:00.000Z' },
      }),
    );
    given(inquiry, first)
      .when(done, approved)
      .then((s) => {
        expect(s.completedAt).toBe(done.occurredAt);
        expect(s.decidedAt).toBe('2024-03-02T00:00:00.000Z');
      });
  });

  it('inquiry.transitioned keeps the status and takes the current step when sent', () => {
    given(inquiry, created())
      .when(
        persona('inquiry.transitioned', {
          type: 'inquiry',
          id: ID,
          attributes: { currentStepName: 'selfie' },
        }),
      )
      .then((s) => expect([s.status, s.step]).toEqual(['created', 'selfie']));
  });

  it('inquiry.updated-tags replaces the tags (sorted)', () => {
    given(inquiry, created())
      .when(persona('inquiry.updated-tags', res({ tags: ['z', 'a'] })))
      .then((s) => expect(s.tags).toEqual(['a', 'z']));
  });

  for (const outcome of ['created', 'updated', 'used', 'assurance-failed']) {
    it(`inquiry.reusable-persona-${outcome} records the reusable persona outcome`, () => {
      given(inquiry, created())
        .when(persona(`inquiry.reusable-persona-${outcome}`, res()))
        .then((s) => expect(s.reusablePersona).toBe(outcome));
    });
  }

  it('inquiry.redacted clears PII, note, fields and tags; status stays; later PII does not come back', () => {
    given(
      inquiry,
      persona(
        'inquiry.created',
        res({ tags: ['t'], attributes: { note: 'called them', emailAddress: 'a@b.test' } }),
      ),
    )
      .when(
        persona('inquiry.completed', res({ status: 'completed' })),
        persona(
          'inquiry.redacted',
          res({
            status: 'completed',
            redactedAt: '2024-04-01T00:00:00.000Z',
            attributes: { nameFirst: null },
          }),
        ),
        persona('inquiry.updated-tags', res({ status: 'completed', tags: ['back'] })),
      )
      .then((s) => {
        expect(s).toMatchObject({
          redacted: true,
          status: 'completed',
          name: null,
          birthdate: null,
          address: null,
          email: null,
          note: null,
          tags: [],
        });
        expect(Object.values(s.fields).every((v) => v === null)).toBe(true);
      });
  });
});

describe('inquiry: related resources on its stream', () => {
  const verification = (name: string, status?: string) =>
    persona(name, verificationResource({ id: 'ver_1', inquiryId: ID, ...(status ? { status } : {}) }));

  it('verification.* keeps each verification by id with type and status', () => {
    given(inquiry, created())
      .when(verification('verification.created', 'initiated'), verification('verification.passed', 'passed'))
      .then((s) => expect(s.verifications).toEqual({ ver_1: { type: 'government-id', status: 'passed' } }));
  });

  const implied: [string, string][] = [
    ['verification.created', 'initiated'],
    ['verification.submitted', 'submitted'],
    ['verification.tentatively-passed', 'tentatively_passed'],
    ['verification.tentatively-failed', 'tentatively_failed'],
    ['verification.passed', 'passed'],
    ['verification.failed', 'failed'],
    ['verification.requires-retry', 'requires_retry'],
    ['verification.canceled', 'canceled'],
    ['verification.skipped', 'skipped'],
  ];
  for (const [name, status] of implied) {
    it(`${name} without a status attribute means ${status}`, () => {
      const event = persona(name, {
        type: 'verification/selfie',
        id: 'ver_2',
        attributes: {},
        relationships: { inquiry: { type: 'inquiry', id: ID } },
      });
      expect(event.streamId).toBe(`inquiry-${ID}`);
      given(inquiry, created())
        .when(event)
        .then((s) => expect(s.verifications.ver_2).toEqual({ type: 'selfie', status }));
    });
  }

  it('verification.escalated and verification.updated-tags keep the status unless one is sent', () => {
    given(inquiry, created(), verification('verification.submitted', 'submitted'))
      .when(
        persona('verification.escalated', {
          type: 'verification/government-id',
          id: 'ver_1',
          attributes: {},
          relationships: { inquiry: { type: 'inquiry', id: ID } },
        }),
        persona('verification.updated-tags', {
          type: 'verification/government-id',
          id: 'ver_1',
          attributes: {},
          relationships: { inquiry: { type: 'inquiry', id: ID } },
        }),
      )
      .then((s) => expect(s.verifications.ver_1?.status).toBe('submitted'));
  });

  it('report/* keeps each report by id with status, matched and dismissed', () => {
    const report = (name: string, attributes: Record<string, unknown> = {}) =>
      persona(name, reportResource({ id: 'rep_1', inquiryId: ID, kind: 'watchlist', attributes }));
    given(inquiry, created())
      .when(report('report/watchlist.ready'), report('report/watchlist.matched', { hasMatch: true }))
      .then((s) =>
        expect(s.reports.rep_1).toEqual({
          type: 'watchlist',
          status: 'ready',
          matched: true,
          dismissed: false,
        }),
      );
    given(inquiry, created(), report('report/watchlist.matched', { hasMatch: true }))
      .when(report('report/watchlist.dismissed', { hasMatch: true }))
      .then((s) => expect(s.reports.rep_1).toMatchObject({ matched: true, dismissed: true }));
    given(inquiry, created())
      .when(report('report/watchlist.errored', { status: 'errored' }))
      .then((s) => expect(s.reports.rep_1?.status).toBe('errored'));
  });

  it('document.* keeps each document by id with type and status', () => {
    const doc = (name: string, status?: string) =>
      persona(name, {
        type: 'document/government-id',
        id: 'doc_1',
        attributes: status ? { status } : {},
        relationships: { inquiry: { type: 'inquiry', id: ID } },
      });
    given(inquiry, created())
      .when(doc('document.created'), doc('document.submitted'), doc('document.processed'))
      .then((s) => expect(s.documents.doc_1).toEqual({ type: 'government-id', status: 'processed' }));
    given(inquiry, created())
      .when(doc('document.errored'))
      .then((s) => expect(s.documents.doc_1?.status).toBe('errored'));
  });

  it('selfie.* keeps each selfie by id with its status', () => {
    const selfie = (name: string) =>
      persona(name, {
        type: 'selfie/profile-and-center',
        id: 'self_1',
        attributes: {},
        relationships: { inquiry: { type: 'inquiry', id: ID } },
      });
    given(inquiry, created())
      .when(selfie('selfie.created'), selfie('selfie.submitted'), selfie('selfie.processed'))
      .then((s) => expect(s.selfies.self_1).toEqual({ status: 'processed' }));
  });

  it('inquiry-session.* keeps each device session by id with its status', () => {
    const session = (name: string) =>
      persona(name, {
        type: 'inquiry-session',
        id: 'iqse_1',
        attributes: {},
        relationships: { inquiry: { type: 'inquiry', id: ID } },
      });
    given(inquiry, created())
      .when(session('inquiry-session.started'))
      .then((s) => expect(s.sessions.iqse_1).toEqual({ status: 'active' }));
    given(inquiry, created(), session('inquiry-session.started'))
      .when(session('inquiry-session.canceled'))
      .then((s) => expect(s.sessions.iqse_1).toEqual({ status: 'canceled' }));
    given(inquiry, created(), session('inquiry-session.started'))
      .when(session('inquiry-session.expired'))
      .then((s) => expect(s.sessions.iqse_1).toEqual({ status: 'expired' }));
  });

  it('a related resource does not change the inquiry status or redact it', () => {
    given(inquiry, created())
      .when(
        persona(
          'verification.failed',
          verificationResource({
            id: 'ver_9',
            inquiryId: ID,
            status: 'failed',
            attributes: { redactedAt: '2024-04-01T00:00:00.000Z' },
          }),
        ),
      )
      .then((s) => expect([s.status, s.redacted]).toEqual(['created', false]));
  });
});
