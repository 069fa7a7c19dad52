import { describe, expect, it } from 'vitest';
import { catalogEntry } from '../../src/events/catalog/index.js';
import { parseDelivery } from '../../src/events/parse.js';
import type { NewEvent, Source } from '../../src/events/types.js';
import {
  accountResource,
  aiPriseDelivery,
  personaDelivery,
  reportResource,
  verificationResource,
} from '../support/deliveries.js';

function ok(source: Source, body: string): NewEvent {
  const result = parseDelivery(source, body);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.event;
}

describe('unknown event names are accepted, flagged and routed by resource', () => {
  it('account.something-new goes to the account stream', () => {
    expect(catalogEntry('persona', 'account.something-new')).toBeUndefined();
    const e = ok(
      'persona',
      personaDelivery({ name: 'account.something-new', resource: accountResource({ id: 'act_new' }) }),
    );
    expect(e).toMatchObject({
      unknown: true,
      type: 'account.something-new',
      streamId: 'account-act_new',
      subject: { kind: 'account', id: 'act_new' },
    });
    expect(e.data).toMatchObject({ resource: { attributes: { referenceId: 'customer-123' } } });
  });

  it('a new action on a related family still lands on its inquiry', () => {
    const e = ok(
      'persona',
      personaDelivery({
        name: 'verification.brand-new-step',
        resource: verificationResource({ id: 'ver_n', inquiryId: 'inq_n' }),
      }),
    );
    expect(e).toMatchObject({
      unknown: true,
      streamId: 'inquiry-inq_n',
      subject: { kind: 'persona-verification', id: 'ver_n' },
    });
  });

  it('a new report kind lands on its inquiry like other reports', () => {
    const e = ok(
      'persona',
      personaDelivery({
        name: 'report/new-kind.ready',
        resource: reportResource({ id: 'rep_n', kind: 'new-kind', inquiryId: 'inq_r' }),
      }),
    );
    expect(e).toMatchObject({
      unknown: true,
      streamId: 'inquiry-inq_r',
      subject: { kind: 'persona-report', id: 'rep_n' },
    });
  });

  it('a wholly new resource family gets its own persona-<family> stream and keeps related aggregates', () => {
    const e = ok(
      'persona',
      personaDelivery({
        name: 'widget.created',
        resource: {
          type: 'widget',
          id: 'wid_1',
          attributes: { colour: 'blue' },
          relationships: { inquiry: { type: 'inquiry', id: 'inq_w' } },
        },
      }),
    );
    expect(e).toMatchObject({
      unknown: true,
      streamId: 'persona-widget-wid_1',
      subject: { kind: 'persona-widget', id: 'wid_1' },
    });
    expect(e.related).toEqual([{ kind: 'inquiry', id: 'inq_w' }]);
  });

  it('a new AiPrise profile event type goes to the profile, flagged', () => {
    const e = ok(
      'aiprise',
      aiPriseDelivery({
        user_profile_id: 'up_n',
        user_profile_event_type: 'SOMETHING_NEW',
        author_id: 'api_key_1',
        extra_thing: { nested_key: 1 },
      }),
    );
    expect(e).toMatchObject({
      unknown: true,
      type: 'SOMETHING_NEW',
      streamId: 'user-profile-up_n',
      actor: 'api_key_1',
    });
    expect(e.data.extraThing).toEqual({ nestedKey: 1 });
  });

  it('known names are not flagged', () => {
    const e = ok(
      'aiprise',
      aiPriseDelivery({ user_profile_id: 'up_k', user_profile_event_type: 'USER_PROFILE_CREATE' }),
    );
    expect(e.unknown).toBe(false);
  });
});
