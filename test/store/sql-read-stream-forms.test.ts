/**
 * readStream reads a page either as packed events (one JSON array per row) or as columns
 * (read.ts, streamStatements). Both must give the same RecordedEvent as the column form always did:
 * proven here against a direct `select` of the event columns mapped by `toRecorded`, on generated
 * values (quotes, backslashes, unicode, nulls, numbers, nesting), forwards, backwards and in pages,
 * with and without the bodies, through `queryArrays` and through the `query` fallback; and the
 * packed form's times (the JSON encoder's, finished by `jsonTime`) equal to_char's for any
 * timestamp. Runs on PGlite, and on PostgreSQL when it is available.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlClient } from '../../src/db/sql-client.js';
import { PgSqlClient } from '../../src/db/pg-client.js';
import type { JsonObject, JsonValue, RecordedEvent } from '../../src/events/types.js';
import { EVENT_COLUMNS, jsonTime, toRecorded, type EventRow } from '../../src/store/sql/event-rows.js';
import { SqlEventStore } from '../../src/store/sql/sql-event-store.js';
import { sharedPglite } from '../support/pglite.js';
import { createTestSchema, probePostgres, type TestSchema } from '../support/postgres.js';
import { collect, newEvent, uniqueCategory, withoutArrays } from './support.js';

const pg = await probePostgres();

// jsonb holds no NUL character; everything else a vendor may send.
const text = fc.string({ unit: 'binary', maxLength: 12 }).map((s) => s.replace(/\0/g, ''));
const json: fc.Arbitrary<JsonValue> = fc.letrec<{ value: JsonValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    text,
    fc.constantFrom('a "quoted" \\ back\nslash é 😀', '', '\u2028'),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(text, tie('value'), { maxKeys: 3 }),
  ),
})).value;
const eventInput = fc.record({
  data: fc.dictionary(text, json, { maxKeys: 4 }) as fc.Arbitrary<JsonObject>,
  actor: fc.option(text, { nil: null }),
  raw: text,
  type: text.filter((s) => s.length > 0),
  subjectId: text,
  schemaVersion: fc.integer({ min: 1, max: 3 }),
  unknown: fc.boolean(),
  occurredAt: fc
    .date({
      min: new Date('1000-01-01T00:00:00Z'),
      max: new Date('9999-12-31T23:59:59Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString()),
});

/** The column form, straight from the table: what readStream returned before packed pages. */
async function columnRead(client: SqlClient, streamId: string, raw: boolean): Promise<RecordedEvent[]> {
  const { rows } = await client.query<EventRow>(
    `select ${EVENT_COLUMNS} from events where stream_id = $1 order by events.stream_version`,
    [streamId],
  );
  return rows.map((row) => toRecorded(raw ? row : { ...row, raw: '' }));
}

function formsSuite(name: string, open: () => Promise<{ client: SqlClient; cleanup(): Promise<void> }>) {
  describe(`readStream page forms: ${name}`, () => {
    let client: SqlClient;
    let store: SqlEventStore;
    let cleanup: () => Promise<void>;
    beforeAll(async () => {
      ({ client, cleanup } = await open());
      store = await SqlEventStore.open(client);
    });
    afterAll(async () => {
      await store?.close();
      await cleanup?.();
    });

    it('gives every event exactly as the column form does', async () => {
      const cat = uniqueCategory('rf');
      let n = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(eventInput, { minLength: 1, maxLength: 5 }), async (inputs) => {
          const streamId = `${cat}-${n++}`;
          await store.append(
            streamId,
            inputs.map((input) =>
              newEvent(streamId, {
                data: input.data,
                actor: input.actor,
                raw: input.raw,
                type: input.type,
                subject: { kind: 'inquiry', id: input.subjectId },
                schemaVersion: input.schemaVersion,
                unknown: input.unknown,
                occurredAt: input.occurredAt,
              }),
            ),
          );
          for (const raw of [true, false]) {
            const expected = await columnRead(client, streamId, raw);
            expect(await collect(store.readStream(streamId, { raw }))).toStrictEqual(expected);
            expect(await collect(store.readStream(streamId, { raw, direction: 'backwards' }))).toStrictEqual(
              [...expected].reverse(),
            );
            expect(await collect(store.readStream(streamId, { raw, from: 2, limit: 2 }))).toStrictEqual(
              expected.slice(1, 3),
            );
          }
        }),
        { numRuns: 25 },
      );
    });

    it("finishes the JSON encoder's times exactly as to_char writes them", async () => {
      const micros = fc.array(fc.constantFrom(...'0123456789'), { minLength: 6, maxLength: 6 });
      const times = fc.oneof(
        fc
          .tuple(
            fc.date({
              min: new Date('0001-01-01T00:00:00Z'),
              max: new Date('9999-12-31T23:59:59Z'),
              noInvalidDate: true,
            }),
            micros,
          )
          .map(([date, digits]) => `${date.toISOString().slice(0, 19)}.${digits.join('')}`),
        fc.constantFrom(
          'infinity',
          '-infinity',
          '0001-01-01 00:00:00.5 BC',
          '4713-01-01 BC',
          '294276-01-01',
          '10000-01-01 00:00:00.1',
          '2024-01-01 00:00:00',
          '2024-01-01 00:00:00.12',
        ),
      );
      await fc.assert(
        fc.asyncProperty(fc.array(times, { minLength: 1, maxLength: 20 }), async (texts) => {
          const { rows } = await client.query<{ json: [string]; text: string | null }>(
            `select json_build_array(t) as json, to_char(t, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as text
               from unnest($1::timestamp[]) as t`,
            [texts],
          );
          expect(rows.map((row) => jsonTime(row.json[0]))).toEqual(rows.map((row) => row.text));
        }),
        { numRuns: 40 },
      );
    });
  });
}

const pglite = sharedPglite();

formsSuite('PGlite', async () => ({ client: await pglite(), cleanup: async () => undefined }));

formsSuite('PGlite, rows as objects', async () => ({
  client: withoutArrays(await pglite()),
  cleanup: async () => undefined,
}));

describe.skipIf(!pg.available)('PostgreSQL', () => {
  for (const arrays of [true, false]) {
    let schema: TestSchema;
    formsSuite(arrays ? 'PostgreSQL' : 'PostgreSQL, rows as objects', async () => {
      schema = await createTestSchema(pg.url);
      const inner = new PgSqlClient({ connectionString: pg.url, schema: schema.schema, max: 2 });
      const client = arrays ? inner : withoutArrays(inner);
      return {
        client,
        cleanup: async () => {
          await client.close();
          await schema.drop();
        },
      };
    });
  }
});
