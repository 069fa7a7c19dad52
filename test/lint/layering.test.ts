/** The layering rule (eslint.config.js, docs/development.md) refuses an import that goes back up the chain. */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function problems(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: file });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layering', () => {
  it.each([
    ['src/db/probe.ts', "import type { EventStore } from '../store/event-store.js';"],
    ['src/events/persona/probe.ts', "import type { SqlClient } from '../../db/sql-client.js';"],
    ['src/store/sql/probe.ts', "import type { Projection } from '../../projections/projection.js';"],
    ['src/intake/probe.ts', "import type { Build } from '../projections/builds.js';"],
    ['src/aggregates/probe.ts', "import type { EventStore } from '../store/event-store.js';"],
    ['src/projections/read-models/probe.ts', "import type { TimelinePage } from '../../timeline/entry.js';"],
    ['src/timeline/probe.ts', "import type { Service } from '../service/start-service.js';"],
    ['src/projections/probe.ts', "import { openProjector } from '../index.js';"],
  ])('refuses %s importing back up the chain', async (file, source) => {
    expect(await problems(file, `${source}\nexport {};\n`)).toHaveLength(1);
  });

  it.each([
    ['src/store/sql/probe.ts', "import type { SqlClient } from '../../db/sql-client.js';"],
    ['src/projections/read-models/probe.ts', "import type { EventStore } from '../../store/event-store.js';"],
    ['src/timeline/probe.ts', "import type { Build } from '../projections/builds.js';"],
    ['src/service/probe.ts', "import type { Projector } from '../projector/types.js';"],
    ['src/cli/probe.ts', "import { startService } from '../service/start-service.js';"],
  ])('lets %s import down the chain', async (file, source) => {
    expect(await problems(file, `${source}\nexport {};\n`)).toEqual([]);
  });
});
