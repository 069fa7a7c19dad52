/** Human renderings of states and reference lookups. */
import type { AggregateState, ReferenceResult } from '../../projector/types.js';
import { renderPairs, renderTable } from './table.js';

function show(value: unknown): string {
  if (value === null || value === undefined) return '-';
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string'))
    return value.length ? value.join(', ') : '-';
  if (typeof value === 'object' && Object.keys(value).length === 0) return '-';
  return JSON.stringify(value);
}

/** Every top-level field, nested values as compact JSON; anomalies last because they are rare. */
export function formatState(state: AggregateState): string {
  const record = state as unknown as Record<string, unknown>;
  const first = ['kind', 'id', 'version', 'status', 'redacted', 'tags', 'createdAt', 'updatedAt'];
  const keys = [
    ...first.filter((k) => k in record),
    ...Object.keys(record).filter((k) => !first.includes(k) && k !== 'anomalies'),
    'anomalies',
  ];
  return renderPairs(keys.filter((k) => k in record).map((k) => [k, show(record[k])]));
}

export function formatReference(result: ReferenceResult): string {
  if (result.aggregates.length === 0) return `No aggregate names reference ${result.referenceId}.`;
  const table = renderTable(result.aggregates, [
    { header: 'KIND', value: (a) => a.kind },
    { header: 'ID', value: (a) => a.id },
    { header: 'SOURCE', value: (a) => a.source },
    {
      header: 'STATUS',
      value: (a) =>
        show(
          (a.state as unknown as Record<string, unknown>).status ??
            (a.state as unknown as Record<string, unknown>).result,
        ),
    },
    { header: 'VERSION', value: (a) => String(a.state.version) },
    { header: 'UPDATED', value: (a) => a.state.updatedAt ?? '-' },
    { header: 'TAGS', value: (a) => show(a.state.tags) },
  ]);
  return `Reference ${result.referenceId}: ${result.aggregates.length} aggregate(s)\n\n${table}`;
}
