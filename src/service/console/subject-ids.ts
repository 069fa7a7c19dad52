/** Which subject an id opens, by the vendor's id prefix (`act_`, `inq_`, `case_`, `up_`). */
import type { AggregateKind } from '../../events/types.js';

const PREFIXES: [prefix: string, kind: AggregateKind][] = [
  ['act_', 'account'],
  ['inq_', 'inquiry'],
  ['case_', 'case'],
  ['up_', 'user-profile'],
];

export function kindOfId(id: string): AggregateKind | undefined {
  return PREFIXES.find(([prefix]) => id.startsWith(prefix) && id.length > prefix.length)?.[1];
}
