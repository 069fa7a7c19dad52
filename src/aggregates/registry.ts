/** The aggregates by kind, for code that only knows a kind or a stream id. */
import { aggregateOfStream } from '../events/streams.js';
import type { AggregateKind } from '../events/types.js';
import type { AggregateDefinition } from './aggregate.js';
import { account, type AccountState } from './account.js';
import { caseAggregate, type CaseState } from './case.js';
import { inquiry, type InquiryState } from './inquiry.js';
import { userProfile, type UserProfileState } from './user-profile.js';

export interface StateByKind {
  account: AccountState;
  case: CaseState;
  inquiry: InquiryState;
  'user-profile': UserProfileState;
}

export type AggregateState = StateByKind[AggregateKind];

export const aggregates: { readonly [K in AggregateKind]: AggregateDefinition<StateByKind[K]> } = {
  account,
  case: caseAggregate,
  inquiry,
  'user-profile': userProfile,
};

export function aggregateFor<K extends AggregateKind>(kind: K): AggregateDefinition<StateByKind[K]> {
  const def = aggregates[kind];
  if (!def) throw new RangeError(`unknown aggregate kind: ${String(kind)}`);
  return def;
}

/** The aggregate whose stream this is (`user-profile-up_1` -> user-profile), else undefined. */
export function aggregateForStream(streamId: string): AggregateDefinition<AggregateState> | undefined {
  const kind = aggregateOfStream(streamId)?.kind;
  return kind ? (aggregates[kind] as unknown as AggregateDefinition<AggregateState>) : undefined;
}
