/** The read models' per-stream decision (plan.ts), without a database. */
import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../src/events/types.js';
import {
  groupByStream,
  planStreams,
  refoldStream,
  subjectKey,
  type StoredRow,
} from '../../src/projections/read-models/plan.js';
import { recordAll } from '../support/given.js';
import { generateFeed } from './feed.js';

const events = recordAll(generateFeed({ people: 2, seed: 11 }));
const byStream = groupByStream(events);
const [profileStream, profileEvents] = [...byStream].find(([id]) => id.startsWith('user-profile-'))!;
const profileId = profileStream.slice('user-profile-'.length);
const key = subjectKey('user-profile', profileId);

/** The stored row a first batch of `first` would have left. */
function storedAfter(first: RecordedEvent[]): StoredRow {
  const { outcomes } = planStreams(new Map([[profileStream, first]]), new Map());
  const o = outcomes[0]!;
  return { streamVersion: o.streamVersion, lastMs: o.lastMs, redacted: o.state!.redacted, state: o.state! };
}

describe('planStreams', () => {
  it('folds a stream with no stored row from its first event', () => {
    const { outcomes, refolds } = planStreams(byStream, new Map());
    expect(refolds).toEqual([]);
    expect(outcomes.map((o) => o.streamId).sort()).toEqual([...byStream.keys()].sort());
    const profile = outcomes.find((o) => o.streamId === profileStream)!;
    expect(profile.state?.version).toBe(profileEvents.length);
    expect(profile.steps).toHaveLength(profileEvents.length);
  });

  it('folds only the new events onto a stored row, and leaves out a stream with nothing new', () => {
    const stored = storedAfter(profileEvents.slice(0, 2));
    const next = planStreams(new Map([[profileStream, profileEvents]]), new Map([[key, stored]]));
    expect(next.refolds).toEqual([]);
    expect(next.outcomes[0]!.steps.map((s) => s.event.streamVersion)).toEqual(
      profileEvents.slice(2).map((e) => e.streamVersion),
    );
    const whole = planStreams(new Map([[profileStream, profileEvents]]), new Map());
    expect(next.outcomes[0]!.state).toEqual(whole.outcomes[0]!.state);
    const again = planStreams(
      new Map([[profileStream, profileEvents.slice(0, 2)]]),
      new Map([[key, stored]]),
    );
    expect(again).toEqual({ outcomes: [], refolds: [] });
  });

  it('folds in place onto a state the run owns, onto a copy of any other, to the same outcome', () => {
    const byNew = new Map([[profileStream, profileEvents]]);
    const read = storedAfter(profileEvents.slice(0, 2));
    const readBefore = JSON.stringify(read.state);
    const owned: StoredRow = { ...storedAfter(profileEvents.slice(0, 2)), owned: true };
    const onCopy = planStreams(byNew, new Map([[key, read]])).outcomes[0]!;
    const inPlace = planStreams(byNew, new Map([[key, owned]])).outcomes[0]!;
    expect(JSON.stringify(read.state)).toBe(readBefore);
    expect(onCopy.state).not.toBe(read.state);
    expect(inPlace.state).toBe(owned.state);
    expect(JSON.stringify(inPlace.state)).toBe(JSON.stringify(onCopy.state));
    expect(inPlace.steps.map((s) => s.changes)).toEqual(onCopy.steps.map((s) => s.changes));
  });

  it('refolds a stream whose new event occurred before what the row reflects', () => {
    const last = profileEvents.at(-1)!;
    const late = {
      ...last,
      eventId: 'late',
      streamVersion: last.streamVersion + 1,
      occurredAt: '2000-01-01T00:00:00.000Z',
    };
    const stored = storedAfter(profileEvents);
    const { outcomes, refolds } = planStreams(new Map([[profileStream, [late]]]), new Map([[key, stored]]));
    expect(outcomes).toEqual([]);
    expect(refolds).toMatchObject([{ streamId: profileStream, streamVersion: late.streamVersion }]);
    const refolded = refoldStream(refolds[0]!, [...profileEvents, late]);
    expect(refolded.steps[0]!.event.eventId).toBe('late');
  });

  it('gives a stream of no aggregate timeline steps without changes or state', () => {
    const other = { ...profileEvents[0]!, streamId: 'persona-report-rep_1', eventId: 'rep' };
    const { outcomes } = planStreams(new Map([[other.streamId, [other]]]), new Map());
    expect(outcomes).toMatchObject([{ state: null, steps: [{ event: other, changes: [] }] }]);
  });
});
