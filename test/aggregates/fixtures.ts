/**
 * Events for aggregate tests, built as vendor delivery bodies (test/support/deliveries.ts) and
 * parsed by the real parseDelivery, so the tests see exactly what normalisation produces.
 */
import { expect } from 'vitest';
import { parseDelivery } from '../../src/events/parse.js';
import { describeProblems } from '../../src/events/parse-result.js';
import type { NewEvent } from '../../src/events/types.js';
import {
  aiPriseDelivery,
  personaDelivery,
  randomId,
  type Inflection,
  type PersonaResourceInput,
} from '../support/deliveries.js';

let clock = Date.parse('2024-03-01T09:00:00.000Z');

/** Strictly increasing event times, so fold order is unambiguous unless a test says otherwise. */
export function nextTime(): string {
  clock += 60_000;
  return new Date(clock).toISOString();
}

function parsed(source: 'persona' | 'aiprise', body: string, receivedAt?: Date): NewEvent {
  const result = parseDelivery(source, body, receivedAt ? { receivedAt } : {});
  if (!result.ok) expect.fail(`delivery did not parse: ${describeProblems(result.problems)}`);
  return result.event;
}

export function persona(
  name: string,
  resource: PersonaResourceInput,
  options: {
    at?: string;
    id?: string;
    included?: PersonaResourceInput[];
    context?: Record<string, unknown>;
    /** The webhook's key inflection; default kebab. */
    inflection?: Inflection;
  } = {},
): NewEvent {
  const body = personaDelivery({
    name,
    resource,
    createdAt: options.at ?? nextTime(),
    id: options.id ?? randomId('evt'),
    ...(options.included ? { included: options.included } : {}),
    ...(options.context ? { context: options.context } : {}),
    ...(options.inflection ? { inflection: options.inflection } : {}),
  });
  return parsed('persona', body);
}

/** An AiPrise callback; `at` is the receive time (AiPrise bodies mostly carry no time). */
export function aiprise(payload: Record<string, unknown>, options: { at?: string } = {}): NewEvent {
  const body = { callback_event_id: randomId('cb'), ...payload };
  return parsed('aiprise', aiPriseDelivery(body), new Date(options.at ?? nextTime()));
}

export function profileEvent(
  type: string,
  userProfileId: string,
  extra: Record<string, unknown> = {},
  at?: string,
): NewEvent {
  return aiprise(
    { user_profile_id: userProfileId, user_profile_event_type: type, ...extra },
    at ? { at } : {},
  );
}
