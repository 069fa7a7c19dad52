import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import pg from 'pg';
import { compilePatterns, globToLike, isGlob } from '../../src/timeline/patterns.js';
import { probePostgres } from '../support/postgres.js';

/** Reference semantics for a glob: `*` any run, `?` one character, everything else literal. */
function globMatches(glob: string, value: string): boolean {
  const source = [...glob]
    .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, 's').test(value);
}

describe('glob patterns', () => {
  it('escapes LIKE metacharacters and translates * and ?', () => {
    expect(globToLike('report/*')).toBe('report/%');
    expect(globToLike('TICKET_*')).toBe('TICKET\\_%');
    expect(globToLike('50%?')).toBe('50\\%_');
    expect(globToLike('a\\b')).toBe('a\\\\b');
  });

  it('splits exact names from globs and drops blanks and repeats', () => {
    expect(compilePatterns(['inquiry.completed', ' report/* ', '', 'inquiry.completed', 'TICKET_*'])).toEqual(
      {
        exact: ['inquiry.completed'],
        like: ['report/%', 'TICKET\\_%'],
      },
    );
    expect(isGlob('TICKET_STATUS_UPDATE')).toBe(false);
  });
});

const probe = await probePostgres();
describe.skipIf(!probe.available)('glob patterns in PostgreSQL', () => {
  let client: pg.Client;
  beforeAll(async () => {
    client = new pg.Client({ connectionString: probe.url });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
  });

  it('LIKE with the translated pattern matches exactly what the glob means', async () => {
    const alphabet = fc.constantFrom('a', 'b', '_', '%', '\\', '*', '?', '/', '.', "'");
    const text = fc.array(alphabet, { maxLength: 8 }).map((cs) => cs.join(''));
    await fc.assert(
      fc.asyncProperty(text, text, async (glob, value) => {
        const { rows } = await client.query<{ m: boolean }>('select $1::text like $2::text as m', [
          value,
          globToLike(glob),
        ]);
        expect(rows[0]?.m).toBe(globMatches(glob, value));
      }),
      { numRuns: 300 },
    );
  });

  it('TICKET_* does not match TICKETS (the underscore is literal)', async () => {
    const { rows } = await client.query<{ a: boolean; b: boolean }>(
      'select $1::text like any($3::text[]) as a, $2::text like any($3::text[]) as b',
      ['TICKET_STATUS_UPDATE', 'TICKETS', [globToLike('TICKET_*')]],
    );
    expect(rows[0]).toEqual({ a: true, b: false });
  });
});
