/** Reference ids a state names: Persona `referenceId`, AiPrise `clientReferenceId`. */
import type { AggregateKind } from '../../events/types.js';

export interface ReferenceRow {
  reference_id: string;
  kind: string;
  id: string;
  source: string;
}

export function referencesOf(
  kind: AggregateKind,
  id: string,
  state: Record<string, unknown>,
): ReferenceRow[] {
  const source = kind === 'user-profile' ? 'aiprise' : 'persona';
  const out: ReferenceRow[] = [];
  for (const key of ['referenceId', 'clientReferenceId']) {
    const value = state[key];
    if (typeof value === 'string' && value !== '') out.push({ reference_id: value, kind, id, source });
  }
  return out;
}
