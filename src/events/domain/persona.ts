/**
 * Typed domain events for Persona: what a stored Persona event says, read once by the
 * interpretation layer (src/events/interpret/persona/) so the aggregates never read payload keys.
 *
 * A Persona event carries its resource as it was when the event happened. Every fact below follows
 * one rule: `undefined` means "not sent" (attribute blocklists strip PII, relationships can be
 * turned off), `null` means "sent empty", a value means "this is what it was then".
 */
import type { PersonaEventName } from '../catalog/persona-events.js';
import type { JsonValue } from '../types.js';
import type { Dict } from '../dict.js';
import type { EventMeta } from './meta.js';

/** The action part of the catalog's names in family `F`: `inquiry.approved` -> `approved`. */
type ActionOf<F extends string, N extends string = PersonaEventName> = N extends `${F}.${infer A}`
  ? A
  : never;
/** Report names carry their report type: `report/watchlist.matched` -> `matched`. */
type ReportActionOf<N extends string = PersonaEventName> = N extends `report/${string}.${infer A}`
  ? A
  : never;

export type AccountAction = ActionOf<'account'>;
export type TransactionAction = ActionOf<'transaction'>;
export type InquiryAction = ActionOf<'inquiry'>;
export type VerificationAction = ActionOf<'verification'>;
export type ReportAction = ReportActionOf;
export type DocumentAction = ActionOf<'document'>;
export type SelfieAction = ActionOf<'selfie'>;
export type InquirySessionAction = ActionOf<'inquiry-session'>;
export type SessionAction = ActionOf<'session'>;
export type CaseAction = ActionOf<'case'>;
export type CaseCommentAction = ActionOf<'case-comment'>;
export type CaseMessageAction = ActionOf<'case-message'>;

/** Text, time or list facts: undefined = not sent, null = sent empty. */
export type Sent<T> = T | null | undefined;

export interface NameFacts {
  first?: string | null;
  middle?: string | null;
  last?: string | null;
}

export interface AddressFacts {
  street1?: string | null;
  street2?: string | null;
  city?: string | null;
  subdivision?: string | null;
  postalCode?: string | null;
  countryCode?: string | null;
}

/** A government id number an account or inquiry carries. */
export interface IdentificationNumber {
  /** `visa`, `pp` (passport), `dl`, `cct`, … as sent. */
  identificationClass: string | null;
  identificationNumber: string | null;
  issuingCountry: string | null;
}

/**
 * The person's identity as the payload states it: from typed `fields` (current API versions) or
 * from the deprecated top-level attributes (older versions), whichever was sent. A part that was
 * not sent in either form is undefined.
 */
export interface IdentityFacts {
  name: NameFacts;
  birthdate?: string | null;
  address: AddressFacts;
  email?: string | null;
  phone?: string | null;
  identificationNumbers?: IdentificationNumber[] | null;
}

/** A relationship target. */
export interface Ref {
  type: string;
  id: string;
}

export interface ResourceFactsBase {
  /** Persona resource type as sent: `inquiry`, `verification/government-id`, `report/watchlist`. */
  type: string;
  id: string;
  createdAt?: string | null;
  updatedAt?: string | null;
  redactedAt?: string | null;
  tags?: string[] | null;
  /** Typed field values unwrapped (`{type, value}` -> value; no `value` key -> null), by field name. */
  fields?: Dict<JsonValue>;
  status?: string | null;
}

export interface AccountFacts extends ResourceFactsBase {
  kind: 'account';
  referenceId?: string | null;
  accountType?: string | null;
  /** The account type's id (relationship `account-type`), stable where the type's name is not. */
  accountTypeId?: string | null;
  identity: IdentityFacts;
  /** Other accounts this payload names (consolidation partners), most specific relationship first. */
  otherAccountIds: string[];
}

export interface InquiryFacts extends ResourceFactsBase {
  kind: 'inquiry';
  referenceId?: string | null;
  note?: string | null;
  identity: IdentityFacts;
  accountId?: string | null;
  templateId?: string | null;
  /** The flow step the inquiry is on (`next-step-name`; older payloads `current-step-name`) when sent. */
  step?: string | null;
  previousStep?: string | null;
  expiresAt?: string | null;
  startedAt?: string | null;
  completedAt?: string | null;
  failedAt?: string | null;
  markedForReviewAt?: string | null;
  decidedAt?: string | null;
  expiredAt?: string | null;
  /** What the inquiry's relationships list (types and ids only), when sent. */
  related: {
    verifications?: Ref[];
    reports?: Ref[];
    documents?: Ref[];
    selfies?: Ref[];
    sessions?: Ref[];
  };
}

export interface VerificationFacts extends ResourceFactsBase {
  kind: 'verification';
  /** `government-id`, `selfie`, `database`, … (the part after `verification/`). */
  subtype: string;
  inquiryId?: string | null;
  submittedAt?: string | null;
  completedAt?: string | null;
}

export interface ReportFacts extends ResourceFactsBase {
  kind: 'report';
  /** `watchlist`, `politically-exposed-person`, … (the part after `report/`). */
  subtype: string;
  hasMatch?: boolean | null;
  completedAt?: string | null;
}

export interface DocumentFacts extends ResourceFactsBase {
  kind: 'document';
  subtype: string;
}

export interface SelfieFacts extends ResourceFactsBase {
  kind: 'selfie';
}

export interface SessionFacts extends ResourceFactsBase {
  kind: 'session';
}

export interface TransactionFacts extends ResourceFactsBase {
  kind: 'transaction';
  referenceId?: string | null;
  transactionTypeId?: string | null;
}

export interface CaseFacts extends ResourceFactsBase {
  kind: 'case';
  /** The case's human-readable name (`KCAS-1`). */
  name?: string | null;
  assignedAt?: string | null;
  /** What assigned it: user, workflow-run or case-assignment-policy. */
  assignerType?: string | null;
  resolution?: string | null;
  assigneeId?: string | null;
  assignerId?: string | null;
  resolverId?: string | null;
  resolvedAt?: string | null;
  slaExpiresAt?: string | null;
  /** Case-queue id; null when the relationship is sent empty, undefined when not sent. */
  queueId?: string | null;
  templateId?: string | null;
  inquiryIds?: string[];
  accountIds?: string[];
  /** Comments the case lists (relationship `case-comments`). */
  commentIds?: string[];
  transactionIds?: string[];
  reportIds?: string[];
  verificationIds?: string[];
}

/** A case comment or message. */
export interface NoteFacts extends ResourceFactsBase {
  kind: 'note';
  authorId?: string | null;
  body?: string | null;
}

/** Any other resource (a workflow run, a tag, an importer, …): its type and id only. */
export interface OtherFacts extends ResourceFactsBase {
  kind: 'other';
  /** `name` attribute when sent (a tag resource names the tag). */
  name?: string | null;
}

export type ResourceFacts =
  | AccountFacts
  | InquiryFacts
  | VerificationFacts
  | ReportFacts
  | DocumentFacts
  | SelfieFacts
  | SessionFacts
  | TransactionFacts
  | CaseFacts
  | NoteFacts
  | OtherFacts;

/** What an event says about itself (`data.attributes.context`, sent by some events since 2026-01-12). */
export interface EventContext {
  /** A relation event's relation schema key. */
  relationKey?: string;
  /** The other side of a relation event: an account (`related-account-id`, `target-account-id`) or a transaction (`related-txn-id`). */
  related?: Ref;
}

interface PersonaEventOf<F extends string, A extends string> {
  vendor: 'persona';
  meta: EventMeta;
  family: F;
  action: A;
  /** The payload's resource, as it was when the event happened. */
  resource: ResourceFacts;
  /** Related resources the webhook included (empty unless its allowlist turns them on). */
  included: ResourceFacts[];
  context: EventContext;
}

export type AccountEvent = PersonaEventOf<'account', AccountAction>;
export type TransactionEvent = PersonaEventOf<'transaction', TransactionAction>;
export type InquiryEvent = PersonaEventOf<'inquiry', InquiryAction>;
export type VerificationEvent = PersonaEventOf<'verification', VerificationAction>;
export type ReportEvent = PersonaEventOf<'report', ReportAction>;
export type DocumentEvent = PersonaEventOf<'document', DocumentAction>;
export type SelfieEvent = PersonaEventOf<'selfie', SelfieAction>;
export type InquirySessionEvent = PersonaEventOf<'inquiry-session', InquirySessionAction>;
export type SessionEvent = PersonaEventOf<'session', SessionAction>;
export type CaseEvent = PersonaEventOf<'case', CaseAction>;
export type CaseCommentEvent = PersonaEventOf<'case-comment', CaseCommentAction>;
export type CaseMessageEvent = PersonaEventOf<'case-message', CaseMessageAction>;
/** A catalog name of a family no aggregate folds, or a name the catalog does not know. */
export type OtherPersonaEvent = PersonaEventOf<'other', string>;

export type PersonaDomainEvent =
  | AccountEvent
  | TransactionEvent
  | InquiryEvent
  | VerificationEvent
  | ReportEvent
  | DocumentEvent
  | SelfieEvent
  | InquirySessionEvent
  | SessionEvent
  | CaseEvent
  | CaseCommentEvent
  | CaseMessageEvent
  | OtherPersonaEvent;

export type PersonaFamily = Exclude<PersonaDomainEvent['family'], 'other'>;
