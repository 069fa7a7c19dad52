/**
 * One generated test per catalog name (280): a realistic delivery for it parses, lands on the
 * stream the design names, and keeps its data.
 */
import { describe, expect, it } from 'vitest';
import { catalogEntries } from '../../src/events/catalog/index.js';
import { inflectKeys } from '../../src/events/inflection.js';
import { AIPRISE_SCHEMA_VERSION } from '../../src/events/aiprise/parse.js';
import { parseDelivery } from '../../src/events/parse.js';
import type { NewEvent } from '../../src/events/types.js';
import {
  aiPriseDelivery,
  personaDelivery,
  sampleAiPrisePayload,
  type PersonaResourceInput,
} from '../support/deliveries.js';

/** Where the design brief says each Persona family's events go ('self' = the resource's own stream). */
const EXPECTED_TARGET: Record<string, 'self' | 'inquiry' | 'account' | 'case'> = {
  account: 'self',
  case: 'self',
  inquiry: 'self',
  verification: 'inquiry',
  document: 'inquiry',
  selfie: 'inquiry',
  'inquiry-session': 'inquiry',
  session: 'inquiry',
  report: 'inquiry',
  transaction: 'account',
  'case-comment': 'case',
  'case-message': 'case',
};

const RELATED_IDS = { inquiry: 'inq_rel9', account: 'act_rel9', case: 'case_rel9' } as const;

function unwrap(result: ReturnType<typeof parseDelivery>): NewEvent {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.problems)}`);
  return result.event;
}

describe('every Persona catalog event', () => {
  const entries = catalogEntries('persona');
  it.each(entries.map((e, i) => [e.name, e.resource, i] as const))(
    '%s parses, routes and keeps its data',
    (name, resourceName, i) => {
      const family = resourceName.split('/')[0]!;
      const type = resourceName === 'verification' ? 'verification/government-id' : resourceName;
      const id = `${family.replace(/[^a-z]/g, '').slice(0, 4)}_${i}`;
      const target = EXPECTED_TARGET[family];
      const relationships: PersonaResourceInput['relationships'] =
        target && target !== 'self'
          ? { [target]: { type: target, id: RELATED_IDS[target] } }
          : { template: { type: `${family}-template`, id: 'tmpl_1' } };
      const attributes = {
        status: 'ready',
        tags: ['vip'],
        createdAt: '2024-05-01T10:00:00.000Z',
        fields: {
          nameFirst: { type: 'string', value: 'Alex' },
          addressStreet1: { type: 'string', value: '1 Road' },
        },
        note: `note ${i}`,
      };
      const body = personaDelivery({
        name,
        id: `evt_${i}`,
        createdAt: '2024-05-02T11:22:33.000Z',
        resource: { type, id, attributes, relationships },
      });
      const event = unwrap(parseDelivery('persona', body));

      expect(event).toMatchObject({
        eventId: `evt_${i}`,
        type: name,
        source: 'persona',
        unknown: false,
        schemaVersion: 1,
      });
      expect(event.occurredAt).toBe('2024-05-02T11:22:33.000Z');
      expect(event.raw).toBe(body);
      if (target === 'self') {
        expect(event.streamId).toBe(`${family}-${id}`);
        expect(event.subject).toEqual({ kind: family, id });
      } else if (target) {
        expect(event.streamId).toBe(`${target}-${RELATED_IDS[target]}`);
        expect(event.subject).toEqual({ kind: `persona-${family}`, id });
        expect(event.related).toEqual([{ kind: target, id: RELATED_IDS[target] }]);
      } else {
        expect(event.streamId).toBe(`persona-${family}-${id}`);
        expect(event.subject).toEqual({ kind: `persona-${family}`, id });
      }
      expect(event.data).toEqual({ resource: { type, id, attributes, relationships }, included: [] });
    },
  );
});

describe('every AiPrise catalog event', () => {
  const entries = catalogEntries('aiprise');
  it.each(entries.map((e) => e.name))('%s parses, routes and keeps its data', (name) => {
    const payload = sampleAiPrisePayload(name, 'up_catalog1');
    const body = aiPriseDelivery(payload);
    const event = unwrap(parseDelivery('aiprise', body, { receivedAt: new Date('2024-06-01T00:00:00Z') }));

    expect(event).toMatchObject({
      type: name,
      source: 'aiprise',
      unknown: false,
      schemaVersion: AIPRISE_SCHEMA_VERSION,
      raw: body,
    });
    expect(event.streamId).toBe('user-profile-up_catalog1');
    expect(event.subject).toEqual({ kind: 'user-profile', id: 'up_catalog1' });
    expect(event.data.userProfileId).toBe('up_catalog1');
    expect(event.data.userProfileEventType).toBe(name);
    // Every key the vendor sent survives, camelCased; the only addition is the normalised decision.
    const { decision, ...rest } = event.data;
    expect(inflectKeys(rest, 'snake')).toEqual(payload);
    if (decision !== undefined) expect(decision).toBe('APPROVED');
    if (typeof payload.callback_event_id === 'string') expect(event.eventId).toBe(payload.callback_event_id);
    else expect(event.eventId).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});
