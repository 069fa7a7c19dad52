import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDelivery } from '../../src/events/parse.js';
import type { ParseResult } from '../../src/events/parse-result.js';
import type { Source } from '../../src/events/types.js';
import {
  aiPriseDelivery,
  inquiryResource,
  personaDelivery,
  sampleAiPrisePayload,
} from '../support/deliveries.js';

const sources: Source[] = ['persona', 'aiprise'];

/** A result is either an event with the fields every consumer relies on, or at least one problem. */
function wellFormed(result: ParseResult): void {
  if (result.ok) {
    expect(typeof result.event.eventId).toBe('string');
    expect(typeof result.event.streamId).toBe('string');
    expect(Number.isNaN(Date.parse(result.event.occurredAt))).toBe(false);
  } else {
    expect(result.problems.length).toBeGreaterThan(0);
    for (const p of result.problems) expect(typeof p.message).toBe('string');
  }
}

describe('parseDelivery never throws', () => {
  it('on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.constantFrom(...sources), fc.string({ unit: 'binary', maxLength: 300 }), (s, body) =>
        wellFormed(parseDelivery(s, body)),
      ),
      { numRuns: 500 },
    );
  });

  it('on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.constantFrom(...sources), fc.uint8Array({ maxLength: 300 }), (s, body) =>
        wellFormed(parseDelivery(s, body)),
      ),
      { numRuns: 500 },
    );
  });

  it('on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.constantFrom(...sources), fc.json(), (s, body) => wellFormed(parseDelivery(s, body))),
      { numRuns: 500 },
    );
  });

  it('on real deliveries with any one value replaced by anything', () => {
    const bases = [
      JSON.parse(
        personaDelivery({
          name: 'inquiry.completed',
          resource: inquiryResource({ id: 'inq_p', accountId: 'act_p' }),
        }),
      ),
      sampleAiPrisePayload('TAGS_UPDATED', 'up_p'),
      sampleAiPrisePayload('AML_HIT_RESOLVED', 'up_p'),
    ];
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.jsonValue(), (which, pick, replacement) => {
        const base = structuredClone(bases[which % bases.length]) as Record<string, unknown>;
        // Walk to a random object inside the body and overwrite one of its keys.
        let node: Record<string, unknown> = base;
        for (let step = 0; step < 6; step++) {
          const keys = Object.keys(node);
          const key = keys[(pick >> step) % keys.length]!;
          const next = node[key];
          if (
            next === null ||
            typeof next !== 'object' ||
            Array.isArray(next) ||
            step === 5 ||
            (pick >> (step + 8)) % 3 === 0
          ) {
            node[key] = replacement;
            break;
          }
          node = next as Record<string, unknown>;
        }
        const source = which % bases.length === 0 ? 'persona' : 'aiprise';
        wellFormed(
          parseDelivery(source, source === 'persona' ? JSON.stringify(base) : aiPriseDelivery(base)),
        );
      }),
      { numRuns: 1000 },
    );
  });
});
