import { describe, expect, it } from 'vitest';
import type { AggregateDefinition } from '../../src/aggregates/aggregate.js';
import { fold, foldOnto, foldWithChanges, selectForFold } from '../../src/aggregates/fold.js';
import { caseAggregate } from '../../src/aggregates/case.js';
import { caseResource } from '../support/deliveries.js';
import { persona } from './fixtures.js';
import { clearPii, isPiiPath, maskPii } from '../../src/aggregates/redaction.js';
import { aggregateFor, aggregateForStream, aggregates } from '../../src/aggregates/registry.js';
import { userProfile, type UserProfileState } from '../../src/aggregates/user-profile.js';
import { AGGREGATE_KINDS } from '../../src/events/types.js';
import { addressUpdated, tagsUpdated } from '../support/deliveries.js';
import { recordAll } from '../support/given.js';
import { aiprise, profileEvent } from './fixtures.js';

const UP = 'up_fold';
const T = (minute: number) => new Date(Date.UTC(2024, 4, 1, 12, minute)).toISOString();

describe('fold', () => {
  it('returns null for an empty stream, and for a time before the first event', () => {
    expect(fold(userProfile, [])).toBeNull();
    const events = recordAll([profileEvent('USER_PROFILE_CREATE', UP, {}, T(10))]);
    expect(fold(userProfile, events, { asOf: T(9) })).toBeNull();
    expect(fold(userProfile, events, { version: 0 })).toBeNull();
  });

  it('takes the id from the stream, and returns a deeply frozen state', () => {
    const state = fold(
      userProfile,
      recordAll([aiprise(tagsUpdated({ userProfileId: UP, previous: [], current: ['B', 'A'] }))]),
    );
    expect(state?.id).toBe(UP);
    expect(Object.isFrozen(state)).toBe(true);
    expect(Object.isFrozen(state?.tags)).toBe(true);
  });

  it('orders by occurredAt, not arrival; equal times fall back to store order', () => {
    const late = profileEvent('RESULT_UPDATE', UP, { user_profile_result: 'DECLINED' }, T(30));
    const early = profileEvent('RESULT_UPDATE', UP, { user_profile_result: 'APPROVED' }, T(20));
    expect(fold(userProfile, recordAll([late, early]))?.result).toBe('DECLINED');

    const first = profileEvent('RESULT_UPDATE', UP, { user_profile_result: 'REVIEW' }, T(40));
    const second = profileEvent('RESULT_UPDATE', UP, { user_profile_result: 'APPROVED' }, T(40));
    const recorded = recordAll([first, second]);
    expect(selectForFold([...recorded].reverse()).map((e) => e.streamVersion)).toEqual([1, 2]);
    expect(fold(userProfile, [...recorded].reverse())?.result).toBe('APPROVED');
  });

  it('dedupes by eventId: the first in fold order wins', () => {
    const event = aiprise(tagsUpdated({ userProfileId: UP, previous: [], current: ['A'] }));
    const state = fold(userProfile, recordAll([event, event, event]));
    expect(state?.version).toBe(1);
  });

  it('runs every evolve on one state the fold owns, and hands out a frozen result', () => {
    const drafts = new Set<unknown>();
    const spy: AggregateDefinition<UserProfileState> = {
      ...userProfile,
      evolve: (state, event) => {
        drafts.add(state);
        userProfile.evolve(state, event);
      },
    };
    const events = recordAll(
      [1, 2, 3, 4].map((m) => profileEvent('RESULT_UPDATE', UP, { user_profile_result: 'REVIEW' }, T(m))),
    );
    const state = fold(spy, events);
    expect(drafts.size).toBe(1);
    expect(drafts.has(state)).toBe(true);
    expect(Object.isFrozen(state)).toBe(true);
  });

  it('continuing a frozen state with appends and then a redaction clears PII in earlier items too', () => {
    const earlier = recordAll([
      profileEvent('COMMENT', UP, { comment: 'pii-first-note' }, T(1)),
      profileEvent('EMAIL_UPDATED', UP, { current: 'pii-first@example.test' }, T(2)),
    ]);
    const state = fold(userProfile, earlier) as UserProfileState;
    const later = recordAll([
      profileEvent('COMMENT', UP, { comment: 'pii-second-note' }, T(3)),
      profileEvent('EMAIL_UPDATED', UP, { current: 'pii-second@example.test' }, T(4)),
      profileEvent('USER_PROFILE_REDACTED', UP, {}, T(5)),
    ]);
    const redacted = foldOnto(userProfile, state, later);
    expect(redacted.comments.map((c) => c.text)).toEqual([null, null]);
    expect(JSON.stringify(redacted)).not.toContain('pii-');
    expect(JSON.stringify(state)).toContain('pii-first-note');

    const ID = 'case_onto';
    const comment = (id: string, at: string) =>
      persona(
        'case-comment.created',
        {
          type: 'case-comment',
          id,
          attributes: { body: `pii-${id}` },
          relationships: { case: { type: 'case', id: ID } },
        },
        { at },
      );
    const caseState = fold(
      caseAggregate,
      recordAll([persona('case.created', caseResource({ id: ID }), { at: T(1) }), comment('c1', T(2))]),
    );
    const caseRedacted = foldOnto(
      caseAggregate,
      caseState!,
      recordAll([comment('c2', T(3)), persona('case.redacted', caseResource({ id: ID }), { at: T(4) })]),
    );
    expect(caseRedacted.comments.map((c) => c.body)).toEqual([null, null]);
  });

  it('rejects an invalid asOf or version instead of guessing', () => {
    const events = recordAll([profileEvent('USER_PROFILE_CREATE', UP, {}, T(1))]);
    expect(() => fold(userProfile, events, { asOf: 'yesterday' })).toThrow(RangeError);
    expect(() => fold(userProfile, events, { version: -1 })).toThrow(RangeError);
  });
});

describe('foldWithChanges', () => {
  it('gives each event with its field-level changes: dotted paths, lists whole, bookkeeping left out', () => {
    const created = profileEvent('USER_PROFILE_CREATE', UP, {}, T(1));
    const moved = aiprise(
      addressUpdated({ userProfileId: UP, previous: null, current: { street: '1 Road', city: 'Ayr' } }),
      { at: T(2) },
    );
    const tagged = aiprise(tagsUpdated({ userProfileId: UP, previous: [], current: ['VIP', 'EDD'] }), {
      at: T(3),
    });
    const hit = profileEvent(
      'AML_HIT_RESOLVED',
      UP,
      { aml_hit: { entity_hit_id: 'hit_1' }, resolution: { status: 'RESOLVED' } },
      T(4),
    );
    const timeline = foldWithChanges(userProfile, recordAll([tagged, moved, created, hit]));

    expect(timeline.map((t) => t.event.type)).toEqual([
      'USER_PROFILE_CREATE',
      'ADDRESS_UPDATED',
      'TAGS_UPDATED',
      'AML_HIT_RESOLVED',
    ]);
    expect(timeline[0]?.changes).toEqual([]);
    expect(timeline[1]?.changes).toEqual([
      { path: 'address', before: null, after: { street: '1 Road', city: 'Ayr' } },
      {
        path: 'addressHistory',
        before: [],
        after: [{ at: moved.occurredAt, eventId: moved.eventId, value: { street: '1 Road', city: 'Ayr' } }],
      },
    ]);
    expect(timeline[2]?.changes).toEqual([
      { path: 'clientReferenceData', before: null, after: {} },
      { path: 'clientReferenceId', before: null, after: 'client-ref-1' },
      { path: 'tags', before: [], after: ['EDD', 'VIP'] },
    ]);
    expect(timeline[3]?.changes.map((c) => c.path)).toEqual(['amlHits.hit_1']);
    expect(timeline[3]?.changes[0]?.before).toBeNull();
  });
});

describe('registry and PII paths', () => {
  it('has one aggregate per kind, found by kind and by stream id', () => {
    for (const kind of AGGREGATE_KINDS) {
      expect(aggregateFor(kind).kind).toBe(kind);
      expect(aggregates[kind].initial('x_1')).toMatchObject({
        id: 'x_1',
        kind,
        version: 0,
        tags: [],
        redacted: false,
      });
    }
    expect(aggregateForStream('user-profile-up_1')?.kind).toBe('user-profile');
    expect(aggregateForStream('inquiry-inq_1')?.kind).toBe('inquiry');
    expect(aggregateForStream('persona-verification-ver_1')).toBeUndefined();
  });

  it('clearPii copies frozen containers it has to write into, and leaves cleared values alone', () => {
    const first = Object.freeze({ text: 'pii-a', at: 't1' });
    const comments = Object.freeze([first, Object.freeze({ text: null, at: 't2' })]);
    const state = { tags: ['x'], comments, email: 'pii@example.test', history: Object.freeze([1]) };
    clearPii(state, ['comments.*.text', 'email', 'history', 'missing.*.path']);
    expect(state).toEqual({
      tags: [],
      comments: [
        { text: null, at: 't1' },
        { text: null, at: 't2' },
      ],
      email: null,
      history: [],
    });
    expect(state.comments).not.toBe(comments);
    expect(first.text).toBe('pii-a');
  });

  it('isPiiPath and maskPii let a timeline hide PII in changes', () => {
    const pii = userProfile.piiPaths;
    expect(isPiiPath(pii, 'address')).toBe(true);
    expect(isPiiPath(pii, 'address.city')).toBe(true);
    expect(isPiiPath(pii, 'sessions.vs_1.email')).toBe(true);
    expect(isPiiPath(pii, 'sessions.vs_1.status')).toBe(false);
    expect(isPiiPath(pii, 'result')).toBe(false);
    expect(maskPii(pii, 'sessions.vs_1', { email: 'a@b.test', url: null, status: 'STARTED' })).toEqual({
      email: '[redacted]',
      url: null,
      status: 'STARTED',
    });
    expect(maskPii(pii, 'sessions', { vs_1: { email: 'a@b.test', status: 'X' } })).toEqual({
      vs_1: { email: '[redacted]', status: 'X' },
    });
    expect(maskPii(pii, 'address', { city: 'Ayr' })).toBe('[redacted]');
    expect(maskPii(pii, 'addressHistory', [])).toEqual([]);
    expect(maskPii(pii, 'result', 'APPROVED')).toBe('APPROVED');
  });

  it('reports only the new entries of a list that grew at its end, so long histories stay small', () => {
    const at = (n: number) => T(n);
    const moves = [1, 2, 3].map((n) =>
      aiprise(addressUpdated({ userProfileId: UP, previous: null, current: { street: `${n} Road` } }), {
        at: at(n),
      }),
    );
    const timeline = foldWithChanges(userProfile, recordAll(moves));
    const history = (i: number) => timeline[i]?.changes.filter((c) => c.path.startsWith('addressHistory'));
    expect(history(0)?.map((c) => c.path)).toEqual(['addressHistory']);
    expect(history(1)).toEqual([
      {
        path: 'addressHistory.1',
        before: null,
        after: expect.objectContaining({ value: { street: '2 Road' } }),
      },
    ]);
    expect(history(2)?.map((c) => c.path)).toEqual(['addressHistory.2']);
  });
});
