/**
 * Properties of folding, over generated realistic streams for an AiPrise user profile and a
 * Persona inquiry (deliveries parsed by the real parseDelivery).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold, foldOnto, foldWithChanges, selectForFold } from '../../src/aggregates/fold.js';
import type { NewEvent } from '../../src/events/types.js';
import { camelizeKeys, inflectKeys, type Inflection } from '../../src/events/inflection.js';
import { parseDelivery } from '../../src/events/parse.js';
import { recordAll } from '../support/given.js';
import { foldCases, HOSTILE_IDS, toEvents } from './arbitraries.js';

const cases = foldCases;

const RUNS = { numRuns: 60 };

/** A permutation of the indexes 0..n-1. */
const permutationOf = (n: number) =>
  fc.shuffledSubarray(
    Array.from({ length: n }, (_, i) => i),
    { minLength: n, maxLength: n },
  );

for (const { name, def, stream, redaction } of cases) {
  describe(`fold properties: ${name}`, () => {
    it('the same events in any arrival order give the same state (distinct occurredAt)', () => {
      fc.assert(
        fc.property(
          stream().chain((g) => fc.tuple(fc.constant(g), permutationOf(g.steps.length))),
          ([generated, order]) => {
            const events = toEvents(generated);
            const arrived = order.map((i) => events[i] as NewEvent);
            expect(fold(def, recordAll(arrived))).toEqual(fold(def, recordAll(events)));
          },
        ),
        RUNS,
      );
    });

    it('folding a prefix and then the rest equals folding everything', () => {
      fc.assert(
        fc.property(
          stream().chain((g) => fc.tuple(fc.constant(g), fc.integer({ min: 0, max: g.steps.length }))),
          ([generated, cut]) => {
            const ordered = selectForFold(recordAll(toEvents(generated)));
            const whole = fold(def, ordered);
            const prefix = fold(def, ordered.slice(0, cut));
            const continued =
              prefix === null ? fold(def, ordered.slice(cut)) : foldOnto(def, prefix, ordered.slice(cut));
            expect(continued).toEqual(whole);
          },
        ),
        RUNS,
      );
    });

    it('folding the rest onto a stored prefix (read back from JSON) equals folding everything', () => {
      const before = prototypeNames();
      fc.assert(
        fc.property(
          stream().chain((g) => fc.tuple(fc.constant(g), fc.integer({ min: 1, max: g.steps.length }))),
          ([generated, cut]) => {
            const ordered = selectForFold(recordAll(toEvents(generated)));
            const prefix = fold(def, ordered.slice(0, cut));
            if (prefix === null) return;
            // What the read models store and read back: a state whose objects all have a prototype,
            // hostile map keys (`__proto__`) among their own keys.
            const stored = JSON.parse(JSON.stringify(prefix)) as typeof prefix;
            const continued = foldOnto(def, stored, ordered.slice(cut));
            expect(JSON.stringify(continued)).toEqual(JSON.stringify(fold(def, ordered)));
            expect(prototypeNames()).toEqual(before);
          },
        ),
        RUNS,
      );
    });

    it('state as of T equals the fold of the events with occurredAt <= T', () => {
      fc.assert(
        fc.property(
          stream().chain((g) => fc.tuple(fc.constant(g), fc.integer({ min: -1, max: 10_000_001 }))),
          ([generated, offset]) => {
            const asOf = new Date(Date.UTC(2024, 0, 1) + offset * 1000);
            const events = recordAll(toEvents(generated));
            const upToT = events.filter((e) => Date.parse(e.occurredAt) <= asOf.getTime());
            expect(fold(def, events, { asOf })).toEqual(fold(def, upToT));
            expect(fold(def, events, { asOf: asOf.toISOString() })).toEqual(fold(def, upToT));
          },
        ),
        RUNS,
      );
    });

    it('state at version n equals the fold of the first n events in fold order', () => {
      fc.assert(
        fc.property(
          stream().chain((g) => fc.tuple(fc.constant(g), fc.integer({ min: 0, max: g.steps.length }))),
          ([generated, n]) => {
            const events = recordAll(toEvents(generated));
            const state = fold(def, events, { version: n });
            expect(state).toEqual(fold(def, selectForFold(events).slice(0, n)));
            expect(state?.version ?? 0).toBe(n);
          },
        ),
        RUNS,
      );
    });

    it('after a redaction no generated PII value appears anywhere in the state', () => {
      fc.assert(
        fc.property(
          stream().chain((g) => fc.tuple(fc.constant(g), fc.integer({ min: 0, max: g.steps.length }))),
          ([generated, at]) => {
            // The redaction lands at a random place in time: PII sent before it is cleared, PII sent after it never lands.
            const times = generated.times.map((t) => Date.parse(t)).sort((a, b) => a - b);
            const before = times[at] ?? (times[times.length - 1] as number) + 2000;
            const redactedAt = new Date(before - 500).toISOString();
            const events = recordAll([...toEvents(generated), redaction.make(redactedAt)]);
            const state = fold(def, events);
            expect(state?.redacted).toBe(true);
            expect(state?.tags).toEqual([]);
            const json = JSON.stringify(state);
            for (const pii of generated.steps.flatMap((s) => s.pii)) expect(json).not.toContain(pii);
          },
        ),
        RUNS,
      );
    });

    it('no past state (any version, any time) shows PII once the subject is redacted', () => {
      fc.assert(
        fc.property(
          stream().chain((g) => fc.tuple(fc.constant(g), fc.integer({ min: 0, max: g.steps.length }))),
          ([generated, at]) => {
            const times = generated.times.map((t) => Date.parse(t)).sort((a, b) => a - b);
            const when = times[at] ?? (times[times.length - 1] as number) + 2000;
            const events = recordAll([
              ...toEvents(generated),
              redaction.make(new Date(when - 500).toISOString()),
            ]);
            const pii = generated.steps.flatMap((s) => s.pii);
            for (let version = 1; version <= events.length; version++) {
              const json = JSON.stringify(fold(def, events, { version }));
              for (const value of pii) expect(json).not.toContain(value);
            }
            for (const t of generated.times) {
              const json = JSON.stringify(fold(def, events, { asOf: t }));
              for (const value of pii) expect(json).not.toContain(value);
            }
          },
        ),
        { numRuns: 30 },
      );
    });

    it('vendor ids such as __proto__ and constructor are plain keys: no fold touches a prototype', () => {
      const before = prototypeNames();
      fc.assert(
        fc.property(stream(), (generated) => {
          const events = recordAll(toEvents(generated));
          const state = fold(def, events);
          const changes = foldWithChanges(def, events);
          expect(prototypeNames()).toEqual(before);
          expect(({} as Record<string, unknown>).status).toBeUndefined();
          // Each hostile id a delivery sent is in the state as data (a map key or a value), and a
          // key of the state is a path segment of the changes too.
          const json = JSON.stringify(state);
          const changed = JSON.stringify(changes.flatMap((c) => c.changes.map((x) => x.path)));
          for (const id of HOSTILE_IDS) {
            if (!events.some((e) => e.raw.includes(`"${id}"`))) continue;
            expect(json).toContain(`"${id}"`);
            if (json.includes(`"${id}":`)) expect(changed).toContain(`.${id}`);
          }
        }),
        RUNS,
      );
    });

    it('every key inflection of the same deliveries folds to the same state', () => {
      fc.assert(
        fc.property(stream(), fc.constantFrom<Inflection>('kebab', 'camel', 'snake'), (generated, to) => {
          const events = toEvents(generated);
          expect(fold(def, recordAll(events.map((e) => reinflected(e, to))))).toEqual(
            fold(def, recordAll(events)),
          );
        }),
        RUNS,
      );
    });

    it('duplicates (the same eventId again) do not change the state', () => {
      fc.assert(
        fc.property(
          stream().chain((g) =>
            fc.tuple(
              fc.constant(g),
              fc.uniqueArray(fc.integer({ min: 0, max: g.steps.length - 1 }), { maxLength: g.steps.length }),
            ),
          ),
          ([generated, repeated]) => {
            const events = toEvents(generated);
            const withDuplicates = [...events, ...repeated.map((i) => events[i] as NewEvent)];
            expect(fold(def, recordAll(withDuplicates))).toEqual(fold(def, recordAll(events)));
          },
        ),
        RUNS,
      );
    });

    it('applying the per-event changes in order rebuilds the state of each step', () => {
      fc.assert(
        fc.property(stream(), (generated) => {
          const events = recordAll(toEvents(generated));
          const timeline = foldWithChanges(def, events);
          const ordered = selectForFold(events);
          expect(timeline.map((t) => t.event.eventId)).toEqual(ordered.map((e) => e.eventId));
          // Replaying `after` values on the previous step's JSON gives the next step's JSON (bookkeeping aside).
          let previous: Record<string, unknown> | null = null;
          timeline.forEach((entry, i) => {
            const state = fold(def, ordered.slice(0, i + 1)) as unknown as Record<string, unknown>;
            if (previous) {
              const replayed = structuredClone(previous);
              for (const change of entry.changes) setPath(replayed, change.path, change.after);
              for (const key of ['version', 'createdAt', 'updatedAt']) replayed[key] = state[key];
              // A change's `null` stands for a key that did not exist, so null and absent compare alike.
              expect(withoutNulls(replayed)).toEqual(withoutNulls(state));
            }
            previous = state;
          });
        }),
        { numRuns: 30 },
      );
    });
  });
}

/** The same delivery as its vendor would send it under another key inflection, parsed again. */
function reinflected(event: NewEvent, to: Inflection): NewEvent {
  if (event.source !== 'persona') return event;
  const body = JSON.stringify(inflectKeys(camelizeKeys(JSON.parse(event.raw)), to));
  const parsed = parseDelivery('persona', body);
  if (!parsed.ok) throw new Error('re-inflected delivery did not parse');
  return parsed.event;
}

/** Own property names of Object.prototype, to see that no fold adds or replaces one. */
function prototypeNames(): string[] {
  return Object.getOwnPropertyNames(Object.prototype).sort();
}

/** JSON with null-valued object keys left out. */
function withoutNulls(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value), (_key, v: unknown) => (v === null ? undefined : v));
}

function setPath(root: Record<string, unknown>, dotted: string, value: unknown): void {
  const keys = dotted.split('.');
  let node = root;
  for (const key of keys.slice(0, -1))
    node = Object.getOwnPropertyDescriptor(node, key)?.value as Record<string, unknown>;
  const last = keys[keys.length - 1] as string;
  if (value === null && !Object.prototype.hasOwnProperty.call(node, last)) return;
  // Vendor ids are keys too (`fields.__proto__`): define, never assign, so none reaches a prototype.
  Object.defineProperty(node, last, { value, enumerable: true, writable: true, configurable: true });
}
