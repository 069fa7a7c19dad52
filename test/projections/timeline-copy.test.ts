/**
 * The bulk path's COPY text for timeline rows and states skips escaping where no value needs it;
 * these properties hold it to the cell-by-cell encoding (copyText on every value).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arrayLiteral, copyText } from '../../src/db/copy.js';
import type { RecordedEvent, Subject } from '../../src/events/types.js';
import { stateCopyLine, TIMELINE_COPY } from '../../src/projections/read-models/rows.js';
import { AGGREGATE_STATE, columnNames } from '../../src/projections/read-models/columns.js';

// Strings that often hold the characters COPY escapes.
const text = fc.string({ unit: fc.constantFrom('a', 'Z', '0', '\\', '\n', '\r', '\t', '"', 'é', ' ') });
const subject = fc.record({ kind: text, id: text });

function cellByCell(e: RecordedEvent, summary: string, about: Subject): string {
  return [
    e.eventId,
    e.occurredAt,
    e.recordedAt,
    e.position.toString(),
    e.streamId,
    e.type,
    e.source,
    e.actor,
    summary,
    about.kind,
    about.id,
  ]
    .map(copyText)
    .join('\t');
}

describe('timeline COPY text', () => {
  it('encodes every cell as copyText does, whatever the values hold', () => {
    fc.assert(
      fc.property(
        fc.record({
          eventId: text,
          occurredAt: text,
          recordedAt: text,
          streamId: text,
          type: text,
          source: text,
          actor: fc.option(text, { nil: null }),
          position: fc.bigInt({ min: 1n, max: 2n ** 62n }),
        }),
        text,
        subject,
        subject,
        fc.jsonValue(),
        fc.boolean(),
        (fields, summary, about, target, changes, own) => {
          const e = fields as unknown as RecordedEvent;
          const common = TIMELINE_COPY.common(e, summary, about);
          expect(common).toBe(cellByCell(e, summary, about));
          const json = JSON.stringify(changes);
          const cell = TIMELINE_COPY.changes(json);
          expect(cell).toBe(copyText(json));
          expect(TIMELINE_COPY.row(target, common, cell, own)).toBe(
            `${copyText(target.kind)}\t${copyText(target.id)}\t${common}\t${cell}\t${copyText(own)}\n`,
          );
        },
      ),
    );
  });

  it('encodes a state row as copyText does cell by cell', () => {
    fc.assert(
      fc.property(
        fc.record({ kind: text, id: text, status: fc.option(text, { nil: null }) }),
        fc.array(text),
        fc.dictionary(text, fc.jsonValue()),
        (row, tags, state) => {
          const full: Record<string, unknown> = {
            ...row,
            stream_id: `${row.kind}-${row.id}`,
            version: 3,
            stream_version: 4,
            tags,
            state,
            redacted: false,
            created_at: '2024-01-01T00:00:00.000Z',
            updated_at: null,
            last_occurred_at: '2024-01-02T00:00:00.000Z',
          };
          const expected = columnNames(AGGREGATE_STATE).map((c) =>
            c === 'tags'
              ? copyText(arrayLiteral(tags))
              : c === 'state'
                ? copyText(JSON.stringify(state))
                : copyText(full[c] as string | number | boolean | null),
          );
          expect(stateCopyLine(full)).toBe(`${expected.join('\t')}\n`);
        },
      ),
    );
  });
});
