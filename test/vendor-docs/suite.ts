/** One describe per Persona key inflection: ingest every fixture once, then one test per fixture. */
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Inflection } from '../../src/events/inflection.js';
import type { StoreOption } from '../../src/index.js';
import { checkFixture, ingestAll, loadFixtures, type Run } from './harness.js';

const fixtures = await loadFixtures();
const INFLECTIONS: readonly Inflection[] = ['kebab', 'camel', 'snake'];

export function describeFixtures(store: (inflection: Inflection) => StoreOption): void {
  for (const inflection of INFLECTIONS) {
    describe(`${inflection}-case keys`, () => {
      let run: Run;
      beforeAll(async () => {
        run = await ingestAll(store(inflection), inflection, fixtures);
      }, 120_000);
      afterAll(() => run?.projector.close());
      for (const fixture of fixtures) {
        // AiPrise sends snake_case only: its fixtures run once.
        if (fixture.vendor === 'aiprise' && inflection !== 'kebab') continue;
        it(`${fixture.file}: ${fixture.name}`, () => checkFixture(run, fixture));
      }
    });
  }
}
