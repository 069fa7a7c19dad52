/**
 * The seeded demo feed: about `subjects` aggregates across both vendors, as the vendors would
 * deliver them: interleaved, some Persona deliveries out of order, some bodies delivered twice.
 * Pure and deterministic (same seed, same bytes), so benchmarks and reliability tests reuse it.
 */
import { aiPriseStory } from './aiprise-story.js';
import type { FeedDelivery } from './feed-event.js';
import { randomPerson } from './people.js';
import { personaStory } from './persona-story.js';
import { seededRandom } from './random.js';

export interface DemoFeedOptions {
  /** Same seed, same feed. Default 20260105. */
  seed?: number;
  /** Aggregates to create (accounts, inquiries, cases, user profiles). Default 1000. */
  subjects?: number;
  /** Epoch ms of the first event. Default 2026-01-05T09:00:00Z (ignored with `end`). */
  start?: number;
  /**
   * Epoch ms that the feed's last vendor time should fall on: the feed is laid out backwards from
   * it. The demo passes "now", because AiPrise events happen when they are received (AiPrise sends
   * no event time): with Persona's times just before, both vendors tell one timeline, and a
   * session's `expires_at` lies after the profile that received it exists.
   */
  end?: number;
  /** Time between two people's first events, drawn from 2 to 10 times this. Default one minute. */
  arrivalStepMs?: number;
  /** Share of deliveries sent twice. Default 0.04. */
  duplicateRate?: number;
  /** Share of Persona deliveries that arrive after later events. Default 0.08. */
  reorderRate?: number;
}

export interface DemoFeed {
  deliveries: FeedDelivery[];
  /** Aggregates in the feed, by kind. */
  subjects: Record<'account' | 'inquiry' | 'case' | 'user-profile', number>;
  /** The profile the demo prints: an AML hit and its resolution, a ticket, an address change, tag diffs. */
  featured: { userProfileId: string; referenceId: string; accountId: string; inquiryId: string };
  /** A Persona account and inquiry that were redacted. */
  redacted: { accountId: string; inquiryId: string };
  /** Distinct event bodies (deliveries minus duplicates). */
  uniqueEvents: number;
  duplicates: number;
  outOfOrder: number;
}

export const DEFAULT_SEED = 20260105;

export function generateDemoFeed(options: DemoFeedOptions = {}): DemoFeed {
  if (options.end === undefined) return generateFrom(options, options.start ?? Date.UTC(2026, 0, 5, 9, 0, 0));
  // The same seed draws the same offsets from any start: lay it out once to learn its span.
  const probe = generateFrom(options, 0);
  const span = Math.max(...probe.deliveries.map((d) => d.at));
  return generateFrom(options, options.end - span);
}

function generateFrom(options: DemoFeedOptions, start: number): DemoFeed {
  const random = seededRandom(options.seed ?? DEFAULT_SEED);
  const target = options.subjects ?? 1000;
  const step = options.arrivalStepMs ?? 60_000;
  const counts = { account: 0, inquiry: 0, case: 0, 'user-profile': 0 };
  const stories: FeedDelivery[][] = [];
  let featured: DemoFeed['featured'] | undefined;
  let redacted: DemoFeed['redacted'] | undefined;

  for (
    let index = 0;
    counts.account + counts.inquiry + counts.case + counts['user-profile'] < target;
    index++
  ) {
    const person = randomPerson(random, index);
    // People arrive over a few days, so timelines interleave like a real feed.
    const personStart = start + index * random.int(2, 10) * step;
    // Person 0 is featured and on both vendors; person 1 is redacted; the rest are drawn.
    const roll = random.next();
    const onPersona = index <= 1 || roll < 0.65;
    const onAiPrise = index === 0 || (index > 1 && roll >= 0.5);
    if (onPersona) {
      const story = personaStory({
        person,
        random,
        start: personStart,
        withCase: index === 0 || random.chance(0.1),
        redact: index === 1,
      });
      counts.account++;
      counts.inquiry++;
      if (story.caseId) counts.case++;
      stories.push(story.deliveries);
      if (index === 1) redacted = { accountId: story.accountId, inquiryId: story.inquiryId };
      if (index === 0)
        featured = {
          userProfileId: '',
          referenceId: person.referenceId,
          accountId: story.accountId,
          inquiryId: story.inquiryId,
        };
    }
    if (onAiPrise) {
      const story = aiPriseStory({ person, random, start: personStart + 3_600_000, featured: index === 0 });
      counts['user-profile']++;
      stories.push(story.deliveries);
      if (index === 0 && featured) featured.userProfileId = story.userProfileId;
    }
  }
  if (!featured || !redacted) throw new Error('demo feed needs at least two people');

  // Interleave everything by vendor time; the sort is stable so same-time events keep story order.
  const ordered = stories.flat().sort((a, b) => a.at - b.at);

  // Out of order: a Persona delivery slips behind a few later ones (Persona orders by created-at, so
  // the fold must too). AiPrise callbacks carry no event time, so they keep their order.
  const reorderRate = options.reorderRate ?? 0.08;
  let outOfOrder = 0;
  for (let i = ordered.length - 2; i >= 0; i--) {
    const d = ordered[i]!;
    if (d.source !== 'persona' || !random.chance(reorderRate)) continue;
    const to = Math.min(ordered.length - 1, i + random.int(1, 6));
    ordered.splice(i, 1);
    ordered.splice(to, 0, d);
    outOfOrder++;
  }

  // Duplicates: the same bytes again a little later, as a vendor retry would.
  const duplicateRate = options.duplicateRate ?? 0.04;
  const deliveries: FeedDelivery[] = [];
  const pending: { at: number; delivery: FeedDelivery }[] = [];
  for (let i = 0; i < ordered.length; i++) {
    const d = ordered[i]!;
    deliveries.push(d);
    if (random.chance(duplicateRate))
      pending.push({ at: i + random.int(1, 20), delivery: { ...d, duplicate: true } });
    for (let p = pending.length - 1; p >= 0; p--) {
      if (pending[p]!.at <= i) {
        deliveries.push(pending[p]!.delivery);
        pending.splice(p, 1);
      }
    }
  }
  for (const p of pending) deliveries.push(p.delivery);

  const duplicates = deliveries.filter((d) => d.duplicate).length;
  return {
    deliveries,
    subjects: counts,
    featured,
    redacted,
    uniqueEvents: deliveries.length - duplicates,
    duplicates,
    outOfOrder,
  };
}
