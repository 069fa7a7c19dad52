/** The runner's start decisions (runner-plan.ts), from catalog rows alone. */
import { describe, expect, it } from 'vitest';
import type { Build } from '../../src/projections/builds.js';
import { decideOnActive, planBuild } from '../../src/projections/runner-plan.js';

const build = (version: number, codeVersion: number, state: Build['state'], checkpoint = ''): Build => ({
  name: 'read-models',
  version,
  codeVersion,
  checkpoint,
  state,
  eventsApplied: 0,
  updatedAt: '2026-01-01 00:00:00+00',
});

describe('decideOnActive', () => {
  it('refuses a build made by newer code, follows one made by this code, else builds', () => {
    expect(decideOnActive(build(3, 3, 'active'), 2)).toEqual({ action: 'refuse', activeCodeVersion: 3 });
    expect(decideOnActive(build(4, 2, 'active'), 2)).toEqual({ action: 'follow', version: 4 });
    expect(decideOnActive(build(1, 1, 'active'), 2)).toEqual({ action: 'build' });
    expect(decideOnActive(undefined, 2)).toEqual({ action: 'build' });
  });
});

describe('planBuild', () => {
  it('makes the first build active at once, with its keys from the start', () => {
    expect(planBuild(undefined, [], 2)).toEqual({
      version: 2,
      create: true,
      bulkInit: false,
      finishBulkFirst: false,
      replacing: null,
    });
  });

  it('builds beside an older active build in bulk, past every existing version', () => {
    const active = build(3, 1, 'active');
    expect(planBuild(active, [build(2, 1, 'retired'), active], 2)).toEqual({
      version: 4,
      create: true,
      bulkInit: true,
      finishBulkFirst: false,
      replacing: 3,
    });
  });

  it('resumes the newest unfinished build of this code version', () => {
    const active = build(3, 1, 'active');
    const builds = [
      active,
      build(4, 2, 'building', 'x'),
      build(5, 2, 'building', '1/2'),
      build(6, 9, 'building'),
    ];
    expect(planBuild(active, builds, 2)).toMatchObject({ version: 5, create: false, replacing: 3 });
  });

  it('fills a first build in bulk before it becomes active when asked, unless it has applied events', () => {
    const bulkFirst = { version: 2, create: true, bulkInit: true, finishBulkFirst: true, replacing: null };
    expect(planBuild(undefined, [], 2, { firstInBulk: true })).toEqual(bulkFirst);
    // Created earlier but never filled: its (keyed) tables take the bulk load as they are.
    expect(planBuild(undefined, [build(2, 2, 'building')], 2, { firstInBulk: true })).toEqual({
      ...bulkFirst,
      create: false,
    });
    // Filled part of the way by the ordinary path: it goes on that way.
    expect(planBuild(undefined, [build(2, 2, 'building', '7/12')], 2, { firstInBulk: true })).toMatchObject({
      bulkInit: false,
      finishBulkFirst: false,
    });
    // Beside an active build nothing changes: that build is filled in bulk anyway.
    const active = build(1, 1, 'active');
    expect(planBuild(active, [active], 2, { firstInBulk: true })).toEqual(planBuild(active, [active], 2));
  });

  it('finishes an interrupted bulk load of a first build before it becomes active', () => {
    const interrupted = build(2, 2, 'building', 'bulk:{"head":"5/9","after":"account-act_1"}');
    expect(planBuild(undefined, [interrupted], 2)).toEqual({
      version: 2,
      create: false,
      bulkInit: true,
      finishBulkFirst: true,
      replacing: null,
    });
  });
});
