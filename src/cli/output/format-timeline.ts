/** Human rendering of a timeline page. */
import type { TimelinePage } from '../../timeline/entry.js';
import { renderTable } from './table.js';

export function formatTimeline(page: TimelinePage, subject: { kind: string; id: string }): string {
  if (page.entries.length === 0) return `No timeline entries for ${subject.kind} ${subject.id}.`;
  const related = page.entries.some((e) => e.subject.kind !== subject.kind || e.subject.id !== subject.id);
  const table = renderTable(page.entries, [
    { header: 'OCCURRED', value: (e) => e.occurredAt },
    { header: 'TYPE', value: (e) => e.type, max: 40 },
    { header: 'ACTOR', value: (e) => e.actor ?? '-', max: 32 },
    ...(related
      ? [
          {
            header: 'SUBJECT',
            value: (e: TimelinePage['entries'][number]) => `${e.subject.kind} ${e.subject.id}`,
            max: 40,
          },
        ]
      : []),
    { header: 'SUMMARY', value: (e) => e.summary, max: 90 },
  ]);
  return page.nextCursor ? `${table}\n\nMore: --cursor ${page.nextCursor}` : table;
}
