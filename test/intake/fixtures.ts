/** Delivery bodies and a "next release" parser used by intake tests. */
import { parseDelivery } from '../../src/events/parse.js';
import { AIPRISE_DECISION_CALLBACK } from '../../src/events/aiprise/decision-callback.js';
import type { DeliveryParser } from '../../src/intake/intake.js';
import {
  aiPriseDelivery,
  inquiryResource,
  personaDelivery,
  randomId,
  tagsUpdated,
} from '../support/deliveries.js';

export function personaBody(eventId = randomId('evt'), inquiryId = randomId('inq')): string {
  return personaDelivery({
    id: eventId,
    name: 'inquiry.completed',
    resource: inquiryResource({ id: inquiryId, status: 'completed' }),
  });
}

export function aiPriseBody(callbackEventId = randomId('cb'), userProfileId = randomId('up')): string {
  return aiPriseDelivery(
    tagsUpdated({ userProfileId, previous: ['A'], current: ['A', 'B'], callbackEventId }),
  );
}

/**
 * A genuine Persona body encoded as ISO-8859-1 (an é in a name): not UTF-8, so today's parser
 * quarantines it as `invalid_json`.
 */
export function latin1PersonaBody(eventId: string): Buffer {
  const text = personaDelivery({
    id: eventId,
    name: 'inquiry.completed',
    resource: inquiryResource({
      id: randomId('inq'),
      status: 'completed',
      attributes: { nameFirst: 'José' },
    }),
  });
  return Buffer.from(text, 'latin1');
}

/**
 * Stands in for the next release of the parser, which falls back to ISO-8859-1 when a body is not
 * UTF-8. Replaying quarantined bodies through it is the "after the fix" step.
 */
export const parserWithLatin1Fallback: DeliveryParser = (source, raw, options) => {
  if (typeof raw !== 'string') {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(raw);
    } catch {
      return parseDelivery(source, Buffer.from(raw).toString('latin1'), options);
    }
  }
  return parseDelivery(source, raw, options);
};

/** The parser as it was before session 3: the AiPrise decision callback had no known shape. */
export const parserRefusingDecisionCallbacks: DeliveryParser = (source, raw, options) => {
  const result = parseDelivery(source, raw, options);
  if (result.ok && result.event.type === AIPRISE_DECISION_CALLBACK)
    return {
      ok: false,
      problems: [{ code: 'unknown_shape', path: [], message: 'not an AiPrise event callback' }],
    };
  return result;
};

/**
 * A signed-able Persona body the parser accepts but PostgreSQL refuses to store: U+0000 in an
 * attribute (jsonb has no representation for it).
 */
export function nulPersonaBody(eventId: string): string {
  return personaDelivery({
    id: eventId,
    name: 'inquiry.completed',
    resource: inquiryResource({ id: randomId('inq'), status: 'completed', attributes: { note: 'a\u0000b' } }),
  });
}
