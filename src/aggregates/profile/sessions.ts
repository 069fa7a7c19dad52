/** A profile's verification sessions: links, lifecycle, runs and decisions. */
import { dict } from '../../events/dict.js';
import type {
  AiPriseDomainEvent,
  CaseStatusUpdate,
  UserProfileEvent,
  WorkflowRun,
} from '../../events/domain/aiprise.js';
import { emptyDocument } from './documents.js';
import type { ProfileSession, UserProfileState } from './state.js';

export function emptySession(): ProfileSession {
  return {
    url: null,
    expiresAt: null,
    channel: null,
    email: null,
    status: null,
    runStatus: null,
    decision: null,
    caseStatus: null,
    caseStatusReason: null,
    decidedBy: null,
    templateId: null,
    runs: [],
    sectionInfo: dict(),
  };
}

/** The event's session entry, with what the event says about its run; undefined when it names none. */
export function sessionOf(state: UserProfileState, event: AiPriseDomainEvent): ProfileSession | undefined {
  const facts = event.session;
  if (!facts.id) return undefined;
  const session = (state.sessions[facts.id] ??= emptySession());
  if (facts.runStatus !== undefined) session.runStatus = facts.runStatus;
  if (facts.decision !== undefined) session.decision = facts.decision;
  if (facts.templateId !== undefined) session.templateId = facts.templateId;
  return session;
}

export const LIFECYCLE = ['STARTED', 'SUBMITTED', 'COMPLETED'] as const;

/** The lifecycle step each session event reports, on either channel. */
export const LIFECYCLE_OF = {
  VERIFICATION_SESSION_STARTED: 'STARTED',
  VERIFICATION_REQUEST_SUBMITTED: 'SUBMITTED',
  VERIFICATION_SESSION_COMPLETION: 'COMPLETED',
} as const satisfies Record<string, (typeof LIFECYCLE)[number]>;

/** Moves the session's lifecycle forward only: a late STARTED never undoes a COMPLETED. */
export function advance(session: ProfileSession | undefined, to: (typeof LIFECYCLE)[number]): void {
  if (!session) return;
  const now = LIFECYCLE.indexOf(session.status as (typeof LIFECYCLE)[number]);
  if (LIFECYCLE.indexOf(to) > now) session.status = to;
}

export function workflowRun(state: UserProfileState, event: UserProfileEvent, run: WorkflowRun): void {
  const session = sessionOf(state, event);
  if (session && !session.runs.includes(event.name)) session.runs.push(event.name);
  if (run.relatedCompanies) state.relatedCompanies = run.relatedCompanies;
  if (event.name === 'RUN_DOCUMENT_CHECK' && run.fileUuid) {
    const decision = event.session.decision ?? event.profileResult;
    if (decision !== undefined) (state.documents[run.fileUuid] ??= emptyDocument()).checkResult = decision;
  }
  if (event.name === 'RUN_RISK_SCORING' && run.riskScore !== undefined) state.riskScore = run.riskScore;
}

export function caseStatusUpdate(
  state: UserProfileState,
  event: AiPriseDomainEvent,
  update: CaseStatusUpdate,
): void {
  const session = sessionOf(state, event);
  if (!session) return;
  if (update.caseStatus !== undefined) session.caseStatus = update.caseStatus;
  if (update.reason !== undefined) session.caseStatusReason = update.reason;
  if (update.decidedBy !== undefined) session.decidedBy = update.decidedBy;
}
