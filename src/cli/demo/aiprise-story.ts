/**
 * An AiPrise user profile's life in callbacks (snake_case, as AiPrise sends them): creation, a
 * capture link, a verification run with its decision, tag diffs, documents and contact updates.
 * The featured story adds AML monitoring with a hit, a review ticket, the hit's resolution and an
 * address change: the profile the demo prints.
 */
import { randomAddress, type Person } from './people.js';
import type { FeedDelivery } from './feed-event.js';
import type { Random } from './random.js';

const MINUTE = 60_000;

export interface AiPriseStoryOptions {
  person: Person;
  random: Random;
  start: number;
  featured: boolean;
  /** Fixed profile id (the featured one is easy to find); default random. */
  userProfileId?: string;
}

export interface AiPriseStory {
  userProfileId: string;
  deliveries: FeedDelivery[];
}

function uuid(random: Random): string {
  const h = random.hex(32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function aiPriseStory(options: AiPriseStoryOptions): AiPriseStory {
  const { person, random } = options;
  const userProfileId = options.userProfileId ?? `up_${random.hex(16)}`;
  const sessionId = `vs_${random.hex(16)}`;
  const subject = { kind: 'user-profile', id: userProfileId };
  const deliveries: FeedDelivery[] = [];
  let clock = options.start;

  const emit = (type: string, payload: Record<string, unknown>) => {
    clock += random.int(10, 120) * 1000;
    const body: Record<string, unknown> = {
      user_profile_id: userProfileId,
      user_profile_event_type: type,
      client_reference_id: person.referenceId,
      ...payload,
    };
    // AiPrise sends callback_event_id on some payloads only; without it intake dedupes on a body hash.
    if (random.chance(0.7)) body.callback_event_id = uuid(random);
    deliveries.push({
      source: 'aiprise',
      body: JSON.stringify(body),
      at: clock,
      subject,
      type,
      duplicate: false,
    });
  };

  let tags: string[] = [];
  const setTags = (next: string[], author: string) => {
    emit('TAGS_UPDATED', {
      author_id: author,
      client_reference_data: {},
      previous_tags: tags,
      current_tags: next,
      changes: {
        added: next.filter((t) => !tags.includes(t)),
        removed: tags.filter((t) => !next.includes(t)),
      },
    });
    tags = next;
  };

  emit('USER_PROFILE_CREATE', { author_id: 'api_key_demo' });
  const byEmail = random.chance(0.3);
  emit(byEmail ? 'USER_PROFILE_EMAIL_SESSION_URL' : 'USER_PROFILE_CREATE_SESSION_URL', {
    session_url: `https://verify.aiprise.example/user/${userProfileId}`,
    verification_session_id: sessionId,
    expires_at: clock + 7 * 24 * 60 * MINUTE,
    delivery_channel: byEmail ? 'EMAIL' : 'LINK',
    ...(byEmail ? { email_address: person.email } : {}),
  });
  emit('VERIFICATION_SESSION_STARTED', { verification_session_id: sessionId });
  const result = options.featured
    ? 'REVIEW'
    : random.pick(['APPROVED', 'APPROVED', 'APPROVED', 'APPROVED', 'REVIEW', 'DECLINED']);
  emit('RUN_USER_VERIFICATION', {
    author_id: 'system',
    user_profile_result: result,
    related_companies: [],
    verification_session_id: sessionId,
    template_id: 'tmpl_kyc_basic',
    aiprise_summary: { verification_result: result, decision: result, status: 'COMPLETED' },
    user_input: {
      first_name: person.firstName,
      last_name: person.lastName,
      date_of_birth: person.dateOfBirth,
    },
  });
  setTags(result === 'APPROVED' ? ['ONBOARDING', 'APPROVED'] : ['ONBOARDING', 'PENDING_REVIEW'], 'system');

  if (random.chance(0.3) || options.featured) {
    // No uploaded_at: AiPrise callbacks carry no other event time, so the receive time orders them all alike.
    emit('ADD_ADDITIONAL_MEDIA', {
      file_uuid: `file_${random.hex(12)}`,
      media_type: 'UTILITY_BILL',
      uploaded_by: 'api_key_demo',
    });
  }
  if (random.chance(0.1)) {
    emit('PHONE_UPDATED', {
      author_id: person.email,
      previous: { phone: person.phone },
      current: { phone: `+44 7700 ${random.int(100000, 999999)}` },
    });
  }

  if (options.featured) {
    const hitId = 'hit_demo_001';
    emit('AML_MONITORING_TOGGLE', {
      author_id: 'compliance.lead@acme.example',
      aml_monitoring: { enabled: true },
    });
    emit('AML_MONITORING_UPDATE', {
      verification_session_id: sessionId,
      aml_monitoring_update: {
        monitoring_run_id: 'mon_daily_001',
        status: 'MATCH_FOUND',
        previous_status: 'CLEAR',
        matches: [
          {
            entity_hit_id: hitId,
            list_name: 'EU Sanctions List',
            entity_name: `${person.firstName} ${person.lastName}`,
            confidence: 0.88,
          },
        ],
      },
    });
    emit('CREATE_TICKET', {
      author_id: 'system',
      ticket_id: 'tkt_demo_1',
      ticket_status: 'OPEN',
      review_queue: 'AML',
      reason: 'AML monitoring match',
    });
    emit('TICKET_REVIEWER_UPDATE', {
      author_id: 'compliance.lead@acme.example',
      ticket_id: 'tkt_demo_1',
      reviewer: 'analyst.kim@acme.example',
    });
    emit('TICKET_STATUS_UPDATE', {
      author_id: 'analyst.kim@acme.example',
      ticket_id: 'tkt_demo_1',
      ticket_status: 'IN_PROGRESS',
      previous_status: 'OPEN',
    });
    emit('AML_HIT_RESOLVED', {
      client_reference_data: {},
      verification_session_id: sessionId,
      aml_hit: {
        entity_hit_id: hitId,
        entity_id: 'external_entity_123',
        name: `${person.firstName} ${person.lastName}`,
        entity_type: 'PERSON',
        hit_types: ['SANCTION'],
        name_match_score: 0.88,
        date_of_birth: '1961-02-03',
      },
      resolution: {
        status: 'RESOLVED',
        comment: 'False positive: different date of birth, checked against the passport',
        resolved_by: 'analyst.kim@acme.example',
      },
    });
    emit('TICKET_STATUS_UPDATE', {
      author_id: 'analyst.kim@acme.example',
      ticket_id: 'tkt_demo_1',
      ticket_status: 'CLOSED',
      previous_status: 'IN_PROGRESS',
    });
    const moved = randomAddress(random);
    emit('ADDRESS_UPDATED', {
      author_id: person.email,
      previous: {
        street: person.address.street,
        city: person.address.city,
        postal_code: person.address.postalCode,
        country: person.address.country,
      },
      current: {
        street: moved.street,
        city: moved.city,
        postal_code: moved.postalCode,
        country: moved.country,
      },
    });
    emit('RESULT_UPDATE', {
      author_id: 'analyst.kim@acme.example',
      user_profile_result: 'APPROVED',
      previous_result: 'REVIEW',
    });
    setTags(['ONBOARDING', 'APPROVED', 'VIP_CLIENT'], 'system');
  }

  return { userProfileId, deliveries };
}
