/**
 * The interpretation layer: a stored event -> its typed domain event. This is the one place that
 * reads vendor payload keys, alias lists, inflections and API-version differences; aggregates fold
 * what it returns. It runs at fold time, so a better reading of the vendors needs a rebuild of the
 * read models, never a re-ingest: stored events keep the vendor's bytes and the normalised data.
 */
import type { DomainEvent } from '../domain/domain-event.js';
import type { EventMeta } from '../domain/meta.js';
import type { RecordedEvent } from '../types.js';
import { aiPriseActor } from './aiprise/actor.js';
import { interpretAiPrise } from './aiprise/aiprise-event.js';
import { personaActor } from './persona/actor.js';
import { interpretPersona } from './persona/persona-event.js';
import { bodyOf, type Body } from './aiprise/body.js';
import { objectAt } from './read.js';

/**
 * AiPrise documents no event time: `created_at` in a session result is when the SESSION was created,
 * `expires_at` lies in the future, and the few times of an action (`uploaded_at`) come from AiPrise's
 * clock, which cannot be ordered against receipt times from ours. So an AiPrise event happened when
 * it was received; from schemaVersion 2 intake stores that as occurredAt. Events stored before took
 * `created_at` and similar times: they are read as of when they were recorded.
 */
const AIPRISE_RECEIPT_TIME_SINCE = 2;

function aiPriseOccurredAt(event: RecordedEvent): string {
  return event.schemaVersion >= AIPRISE_RECEIPT_TIME_SINCE ? event.occurredAt : event.recordedAt;
}

function metaOf(event: RecordedEvent, body: Body | undefined): EventMeta {
  return {
    eventId: event.eventId,
    name: event.type,
    source: event.source,
    occurredAt: body ? aiPriseOccurredAt(event) : event.occurredAt,
    actor: body
      ? aiPriseActor(event.data, body)
      : personaActor(event.type, objectAt(objectAt(event.data, 'resource'), 'attributes') ?? {}),
  };
}

export function interpret(event: RecordedEvent): DomainEvent {
  if (event.source === 'persona') return interpretPersona(event, metaOf(event, undefined));
  // One view of the AiPrise body for the actor and the payload readers.
  const body = bodyOf(event.data);
  return interpretAiPrise(event, metaOf(event, body), body);
}
