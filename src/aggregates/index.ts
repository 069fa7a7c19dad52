/** Public surface of the aggregates module. */
export type { AggregateDefinition, Anomaly, BaseState, Change } from './aggregate.js';
export { account, accountStream, type AccountState } from './account.js';
export { caseAggregate, caseStream, type CaseState, type CaseNote, type CaseMessage } from './case.js';
export {
  inquiry,
  inquiryStream,
  type InquiryState,
  type VerificationSummary,
  type ReportSummary,
  type DocumentSummary,
} from './inquiry.js';
export {
  userProfile,
  userProfileStream,
  USER_PROFILE_EVENT_TYPES,
  type UserProfileState,
  type AmlHit,
  type AmlMonitoring,
  type HistoryEntry,
  type ProfileDocument,
  type ProfileSession,
  type Ticket,
} from './user-profile.js';
export {
  fold,
  foldOnto,
  foldWithChanges,
  selectForFold,
  sortForFold,
  type EventChanges,
  type FoldOptions,
} from './fold.js';
export {
  aggregates,
  aggregateFor,
  aggregateForStream,
  type AggregateState,
  type StateByKind,
} from './registry.js';
export { clearPii, isPiiPath, maskPii, REDACTED_MASK } from './redaction.js';
export { statusKey } from './status.js';
