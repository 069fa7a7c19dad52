import { describe, expect, it } from 'vitest';
import type { ProjectionStatus } from '../../src/projector/types.js';
import { judgeReadiness } from '../../src/service/readiness.js';

const projection = (over: Partial<ProjectionStatus> = {}): ProjectionStatus => ({
  name: 'read-models',
  runner: {
    name: 'read-models',
    state: 'following',
    buildVersion: 2,
    since: '2026-01-01T00:00:00.000Z',
    failures: 0,
  },
  lag: { projection: 'read-models', buildVersion: 2, events: 0, seconds: 0 },
  parked: 0,
  ...over,
});

describe('judgeReadiness', () => {
  it('is ready when the database answers and projections are current', () => {
    expect(judgeReadiness({ database: true, projections: [projection()], maxLagSeconds: 60 })).toEqual({
      ready: true,
      reasons: [],
    });
    // Another process projects: no local runner, the lag still counts.
    expect(
      judgeReadiness({ database: true, projections: [projection({ runner: null })], maxLagSeconds: 60 })
        .ready,
    ).toBe(true);
  });

  it('names every reason it is not', () => {
    const stopped = projection({
      runner: {
        name: 'read-models',
        state: 'retrying',
        buildVersion: 2,
        since: '2026-01-01T00:00:00.000Z',
        failures: 4,
        lastError: {
          message: 'StoreUnavailableError: connect: database unavailable',
          at: '2026-01-01T00:00:01.000Z',
        },
      },
      parked: 2,
      lag: { projection: 'read-models', buildVersion: 2, events: 120, seconds: 75.4 },
    });
    expect(judgeReadiness({ database: true, projections: [stopped], maxLagSeconds: 60 })).toEqual({
      ready: false,
      reasons: [
        'projection read-models: retrying (StoreUnavailableError: connect: database unavailable)',
        'projection read-models: 2 parked events',
        'projection read-models: 120 events behind, oldest 75 s (READY_MAX_LAG_S 60)',
      ],
    });
    expect(judgeReadiness({ database: false, projections: undefined, maxLagSeconds: 60 })).toEqual({
      ready: false,
      reasons: ['database unavailable'],
    });
    expect(
      judgeReadiness({
        database: true,
        projections: [projection({ runner: { ...projection().runner!, state: 'building' } })],
        maxLagSeconds: 60,
      }).ready,
    ).toBe(true);
  });
});
