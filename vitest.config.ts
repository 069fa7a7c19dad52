import { defineConfig } from 'vitest/config';

/**
 * Three tiers, each its own script (docs/development.md, "Tests"); `npm test` runs all three.
 * - unit: no database, no process, no socket: events, folds, planning, parsing, signatures.
 * - integration: real databases (PGlite, PostgreSQL, KurrentDB when present), HTTP on loopback,
 *   the CLI as child processes, the built package.
 * - reliability: crash, database faults, concurrency, fuzzed input, injection (test/reliability).
 */
const UNIT = [
  'test/events/**/*.test.ts',
  'test/aggregates/**/*.test.ts',
  'test/timeline/cursor.test.ts',
  'test/projections/{summarise,session,plan,runner-plan,bulk-changes,poison-guard,partition-plan,state-cache}.test.ts',
  'test/intake/{signatures,group-append}.test.ts',
  'test/service/{config,readiness}.test.ts',
  'test/store/{memory-event-store,event-uuid}.test.ts',
  'test/cli/demo-feed.test.ts',
  'test/lint/*.test.ts',
  'test/db/errors.test.ts',
  'test/access/{tokens,mask}.test.ts',
  'test/projector/deferred-projections.test.ts',
];
const RELIABILITY = ['test/reliability/**/*.test.ts'];

export default defineConfig({
  test: {
    // Each PostgreSQL test file gets its own schema (test/support/postgres.ts), so files run in
    // parallel. Many integration files wait on databases and child processes: one worker more
    // than the machine's two cores keeps both busy.
    maxWorkers: 3,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['test/global-setup.ts'],
    reporters: ['default'],
    projects: [
      // Unit and integration files share one module graph per worker (isolate: false): each file
      // then skips re-importing the sources and PGlite's WebAssembly. Their tests keep no module
      // state between files (spies are restored, databases are per file).
      { extends: true, test: { name: 'unit', include: UNIT, isolate: false } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          exclude: [...UNIT, ...RELIABILITY],
          isolate: false,
        },
      },
      { extends: true, test: { name: 'reliability', include: RELIABILITY } },
    ],
  },
});
