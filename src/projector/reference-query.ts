/** byReference(): the reference index joined to the states it names, in one query. */
import type { AggregateState } from '../aggregates/registry.js';
import type { AggregateKind, Source } from '../events/types.js';
import type { SqlExecutor } from '../db/sql-client.js';
import { checkQueryText } from '../timeline/errors.js';
import type { ReferenceResult } from './types.js';

interface Row {
  kind: AggregateKind;
  id: string;
  source: Source;
  state: AggregateState | string;
}

export async function readByReference(sql: SqlExecutor, referenceId: string): Promise<ReferenceResult> {
  const { rows } = await sql.query<Row>(
    `select r.kind, r.id, r.source, s.state
       from reference_index r
       join aggregate_state s on s.kind = r.kind and s.id = r.id
      where r.reference_id = $1
      order by r.source, r.kind, r.id`,
    [checkQueryText('referenceId', referenceId)],
  );
  return {
    referenceId,
    aggregates: rows.map((r) => ({
      kind: r.kind,
      id: r.id,
      source: r.source,
      state: typeof r.state === 'string' ? (JSON.parse(r.state) as AggregateState) : r.state,
    })),
  };
}
