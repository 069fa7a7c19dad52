import { describe, expect, it } from 'vitest';
import { parseDelivery } from '../../src/events/parse.js';
import type { NewEvent, Source } from '../../src/events/types.js';
import type { PersonaEventData } from '../../src/events/normalised.js';
import {
  accountResource,
  aiPriseDelivery,
  caseResource,
  inquiryResource,
  personaDelivery,
  reportResource,
  transactionResource,
  verificationResource,
} from '../support/deliveries.js';

function ok(source: Source, body: string | Uint8Array, receivedAt?: Date): NewEvent {
  const result = parseDelivery(source, body, receivedAt ? { receivedAt } : {});
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.event;
}

const persona = (
  name: string,
  resource: Parameters<typeof personaDelivery>[0]['resource'],
  extra: Partial<Parameters<typeof personaDelivery>[0]> = {},
) => ok('persona', personaDelivery({ name, resource, ...extra }));

describe('Persona routing', () => {
  it('an inquiry goes to its own stream and names its account as related', () => {
    const e = persona('inquiry.approved', inquiryResource({ id: 'inq_9', accountId: 'act_9' }));
    expect(e.streamId).toBe('inquiry-inq_9');
    expect(e.subject).toEqual({ kind: 'inquiry', id: 'inq_9' });
    expect(e.related).toEqual([{ kind: 'account', id: 'act_9' }]);
  });

  it('a case names all its accounts and inquiries as related', () => {
    const e = persona(
      'case.created',
      caseResource({ id: 'case_1', accountIds: ['act_1', 'act_2'], inquiryIds: ['inq_1'] }),
    );
    expect(e.streamId).toBe('case-case_1');
    expect(e.related).toEqual([
      { kind: 'account', id: 'act_1' },
      { kind: 'account', id: 'act_2' },
      { kind: 'inquiry', id: 'inq_1' },
    ]);
  });

  it('a verification goes to its inquiry, keeps itself as subject, and relates inquiry and account', () => {
    const e = persona(
      'verification.failed',
      verificationResource({ id: 'ver_3', kind: 'selfie', inquiryId: 'inq_3', accountId: 'act_3' }),
    );
    expect(e.streamId).toBe('inquiry-inq_3');
    expect(e.subject).toEqual({ kind: 'persona-verification', id: 'ver_3' });
    expect(e.related).toEqual([
      { kind: 'inquiry', id: 'inq_3' },
      { kind: 'account', id: 'act_3' },
    ]);
  });

  it('a verification without an inquiry keeps its own persona-verification stream', () => {
    const e = persona('verification.created', verificationResource({ id: 'ver_4', inquiryId: null }));
    expect(e.streamId).toBe('persona-verification-ver_4');
  });

  it('a report goes to its inquiry, else to its account', () => {
    expect(
      persona(
        'report/watchlist.ready',
        reportResource({ id: 'rep_1', inquiryId: 'inq_1', accountId: 'act_1' }),
      ).streamId,
    ).toBe('inquiry-inq_1');
    expect(
      persona('report/watchlist.ready', reportResource({ id: 'rep_2', inquiryId: null, accountId: 'act_2' }))
        .streamId,
    ).toBe('account-act_2');
    expect(persona('report/watchlist.ready', reportResource({ id: 'rep_3', inquiryId: null })).streamId).toBe(
      'persona-report-rep_3',
    );
  });

  it('a transaction goes to its account', () => {
    expect(
      persona('transaction.created', transactionResource({ id: 'txn_1', accountId: 'act_5' })).streamId,
    ).toBe('account-act_5');
  });

  it('finds the aggregate under any relationship name when the obvious one is absent', () => {
    const e = persona('document.processed', {
      type: 'document/government-id',
      id: 'doc_1',
      relationships: { parentInquiry: { type: 'inquiry', id: 'inq_7' } },
    });
    expect(e.streamId).toBe('inquiry-inq_7');
  });

  it('non-aggregate resources without relations get persona-<family>-<id>', () => {
    expect(persona('connect/share-token.ready', { type: 'connect/share-token', id: 'shtk_1' }).streamId).toBe(
      'persona-connect-shtk_1',
    );
    expect(persona('workflow-run.errored', { type: 'workflow-run', id: 'wfr_1' }).subject).toEqual({
      kind: 'persona-workflow-run',
      id: 'wfr_1',
    });
  });
});

describe('Persona normalisation', () => {
  it('turns relationship data object/array/null/{} into ref, refs, null, null', () => {
    const e = persona('inquiry.created', {
      type: 'inquiry',
      id: 'inq_r',
      attributes: { status: 'created' },
      relationships: {
        account: { type: 'account', id: 'act_r' },
        reports: [{ type: 'report/watchlist', id: 'rep_r' }],
        reviewer: null,
        template: {},
      },
    });
    expect((e.data as unknown as PersonaEventData).resource.relationships).toEqual({
      account: { type: 'account', id: 'act_r' },
      reports: [{ type: 'report/watchlist', id: 'rep_r' }],
      reviewer: null,
      template: null,
    });
  });

  it('accepts a resource whose attributes and relationships were stripped', () => {
    const e = persona('account.redacted', { type: 'account', id: 'act_bare' });
    expect(e.data).toEqual({
      resource: { type: 'account', id: 'act_bare', attributes: {}, relationships: {} },
      included: [],
    });
  });

  it('normalises included resources the same way', () => {
    const e = persona('verification.passed', verificationResource({ id: 'ver_i', inquiryId: 'inq_i' }), {
      included: [inquiryResource({ id: 'inq_i', accountId: 'act_i' })],
    });
    const included = (e.data as unknown as PersonaEventData).included;
    expect(included).toHaveLength(1);
    expect(included[0]!.relationships.account).toEqual({ type: 'account', id: 'act_i' });
    expect(included[0]!.attributes.nameFirst).toBe('Alex');
  });

  it('keeps redacted-at and unknown extra keys', () => {
    const e = persona(
      'inquiry.redacted',
      inquiryResource({
        id: 'inq_x',
        redactedAt: '2024-02-02T00:00:00.000Z',
        attributes: { brandNewAttribute: { deep: 1 } },
      }),
    );
    const attributes = (e.data as unknown as PersonaEventData).resource.attributes;
    expect(attributes.redactedAt).toBe('2024-02-02T00:00:00.000Z');
    expect(attributes.brandNewAttribute).toEqual({ deep: 1 });
  });

  it('takes occurredAt from created-at, in UTC', () => {
    const e = persona('account.created', accountResource({ id: 'act_t' }), {
      createdAt: '2024-03-10T12:00:00+02:00',
    });
    expect(e.occurredAt).toBe('2024-03-10T10:00:00.000Z');
  });

  it('names the assigner, resolver or creator as actor only for those actions', () => {
    const c = caseResource({
      id: 'case_a',
      assignerId: 'usr_assigner',
      resolverId: 'usr_resolver',
      attributes: { creatorId: 'usr_creator' },
    });
    expect(persona('case.assigned', c).actor).toBe('usr_assigner');
    expect(persona('case.resolved', c).actor).toBe('usr_resolver');
    expect(persona('case.created', c).actor).toBe('usr_creator');
    expect(persona('case.updated-tags', c).actor).toBeNull();
    expect(persona('case.resolved', caseResource({ id: 'case_b' })).actor).toBeNull();
  });
});

describe('AiPrise routing and normalisation', () => {
  it('routes the decision callback (no event type) as a session event named DECISION_CALLBACK', () => {
    const summary = { verification_result: 'APPROVED', status: 'COMPLETED' };
    const linked = ok(
      'aiprise',
      aiPriseDelivery({ user_profile_id: 'up_d', verification_session_id: 'vs_d', aiprise_summary: summary }),
    );
    expect(linked).toMatchObject({
      type: 'DECISION_CALLBACK',
      streamId: 'user-profile-up_d',
      subject: { kind: 'aiprise-session', id: 'vs_d' },
      related: [{ kind: 'user-profile', id: 'up_d' }],
      unknown: false,
    });

    const alone = ok(
      'aiprise',
      aiPriseDelivery({ verification_session_id: 'vs_e', aiprise_summary: { decision: 'DECLINED' } }),
    );
    expect(alone).toMatchObject({
      type: 'DECISION_CALLBACK',
      streamId: 'aiprise-session-vs_e',
      unknown: false,
    });
  });

  it('routes session callbacks to the profile when it is named, else to the session', () => {
    const linked = ok(
      'aiprise',
      aiPriseDelivery({
        event_type: 'VERIFICATION_SESSION_COMPLETION',
        user_profile_id: 'up_s',
        verification_session_id: 'vs_s',
      }),
    );
    expect(linked.streamId).toBe('user-profile-up_s');
    expect(linked.subject).toEqual({ kind: 'aiprise-session', id: 'vs_s' });
    expect(linked.related).toEqual([{ kind: 'user-profile', id: 'up_s' }]);
    expect(linked.unknown).toBe(false);

    const alone = ok(
      'aiprise',
      aiPriseDelivery({ event_type: 'SESSION_STATUS_CHANGE', verification_session_id: 'vs_t' }),
    );
    expect(alone.streamId).toBe('aiprise-session-vs_t');
    expect(alone.unknown).toBe(true);
  });

  it('routes business-profile callbacks to their own stream', () => {
    const e = ok(
      'aiprise',
      aiPriseDelivery({ business_profile_event_type: 'TAGS_UPDATED', business_profile_id: 'bp_1' }),
    );
    expect(e.streamId).toBe('aiprise-business-profile-bp_1');
    expect(e.subject).toEqual({ kind: 'aiprise-business-profile', id: 'bp_1' });
  });

  it('uses callback_event_id, else a sha256 of the raw bytes that is the same for string and bytes', () => {
    expect(
      ok(
        'aiprise',
        aiPriseDelivery({
          user_profile_id: 'up_1',
          user_profile_event_type: 'COMMENT',
          callback_event_id: 'cb-1',
        }),
      ).eventId,
    ).toBe('cb-1');
    const body = aiPriseDelivery({
      user_profile_id: 'up_1',
      user_profile_event_type: 'COMMENT',
      comment: 'Ünïcödé',
    });
    const fromString = ok('aiprise', body).eventId;
    expect(fromString).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(ok('aiprise', new TextEncoder().encode(body)).eventId).toBe(fromString);
    expect(ok('aiprise', body.replace('Ünïcödé', 'other')).eventId).not.toBe(fromString);
  });

  it('takes occurredAt from the receipt time: AiPrise documents no event time', () => {
    const receivedAt = new Date('2024-08-08T08:08:08.000Z');
    for (const body of [
      // uploaded_at is AiPrise's clock; created_at of a result is the session's creation; expires_at lies ahead.
      { user_profile_event_type: 'ADD_ADDITIONAL_MEDIA', file_uuid: 'f1', uploaded_at: 1_700_000_000_000 },
      { user_profile_event_type: 'RUN_USER_VERIFICATION', created_at: 1_700_000_000_000 },
      {
        user_profile_event_type: 'USER_PROFILE_CREATE_SESSION_URL',
        session_url: 'https://x.test',
        verification_session_id: 'vs_1',
        expires_at: 1_900_000_000_000,
      },
    ]) {
      const event = ok('aiprise', aiPriseDelivery({ user_profile_id: 'up_1', ...body }), receivedAt);
      expect(event.occurredAt).toBe(receivedAt.toISOString());
    }
  });

  it('keeps client_reference_data as sent: the keys of the customer data are not camelCased', () => {
    const e = ok(
      'aiprise',
      aiPriseDelivery({
        user_profile_id: 'up_1',
        user_profile_event_type: 'USER_PROFILE_INFO_UPDATE',
        client_reference_data: { account_tier: 'gold', 'risk-band': 2 },
      }),
    );
    expect(e.data.clientReferenceData).toEqual({ account_tier: 'gold', 'risk-band': 2 });
  });

  it('names the author, uploader or resolver as actor', () => {
    expect(
      ok(
        'aiprise',
        aiPriseDelivery({
          user_profile_id: 'up_1',
          user_profile_event_type: 'USER_PROFILE_CREATE',
          author_id: 'api_key_abc',
        }),
      ).actor,
    ).toBe('api_key_abc');
    expect(
      ok(
        'aiprise',
        aiPriseDelivery({
          user_profile_id: 'up_1',
          user_profile_event_type: 'ADD_ADDITIONAL_MEDIA',
          file_uuid: 'f',
          uploaded_by: 'up_user',
        }),
      ).actor,
    ).toBe('up_user');
    expect(
      ok(
        'aiprise',
        aiPriseDelivery({
          user_profile_id: 'up_1',
          user_profile_event_type: 'AML_HIT_RESOLVED',
          aml_hit: { entity_hit_id: 'h' },
          resolution: { status: 'RESOLVED', resolved_by: 'rev@x.test' },
        }),
      ).actor,
    ).toBe('rev@x.test');
    expect(
      ok('aiprise', aiPriseDelivery({ user_profile_id: 'up_1', user_profile_event_type: 'RESULT_UPDATE' }))
        .actor,
    ).toBeNull();
  });

  it('camelCases keys at every depth and keeps keys it has no schema for', () => {
    const e = ok(
      'aiprise',
      aiPriseDelivery({
        user_profile_id: 'up_1',
        user_profile_event_type: 'TAGS_UPDATED',
        previous_tags: [],
        current_tags: ['A'],
        changes: { added: ['A'], removed: [] },
        new_vendor_key: { inner_key: 1 },
      }),
    );
    expect(e.data).toMatchObject({
      previousTags: [],
      currentTags: ['A'],
      changes: { added: ['A'], removed: [] },
      newVendorKey: { innerKey: 1 },
    });
  });
});

describe('resource types named like Object.prototype members', () => {
  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])(
    '%s routes to its own persona stream',
    (type) => {
      const result = parseDelivery(
        'persona',
        personaDelivery({ name: `${type}.created`, resource: { type, id: 'x_proto1', attributes: {} } }),
      );
      expect(result.ok).toBe(true);
      if (result.ok) expect(result.event.streamId).toBe(`persona-${type}-x_proto1`);
    },
  );
});
