/**
 * UserProfile: an AiPrise user profile, folded from its events-callback stream: the
 * `user_profile_event_type` events, the session-channel events (`event_type`) of sessions linked to
 * the profile, and their decision callbacks. Stream `user-profile-<up_id>`. The parts of the state
 * live in src/aggregates/profile/ (sessions, personal information, documents, AML, reviews).
 */
import { dict } from '../events/dict.js';
import type { AiPriseDomainEvent, SessionChannelEvent, UserProfileEvent } from '../events/domain/aiprise.js';
import { streamIdFor } from '../events/streams.js';
import { aipriseAggregate } from './aggregate.js';
import { amlMonitoringUpdate, takeHit } from './profile/aml.js';
import { media } from './profile/documents.js';
import { infoUpdated, tagsUpdated } from './profile/personal-info.js';
import { comment, ticket } from './profile/reviews.js';
import { advance, caseStatusUpdate, LIFECYCLE_OF, sessionOf, workflowRun } from './profile/sessions.js';
import { anomaly, type UserProfileState } from './profile/state.js';

export type {
  AmlHit,
  AmlMonitoring,
  HistoryEntry,
  ProfileComment,
  ProfileDocument,
  ProfileSession,
  Ticket,
  UserProfileState,
} from './profile/state.js';

export const userProfileStream = (id: string): string => streamIdFor('user-profile', id);

// --- dispatch ------------------------------------------------------------------------------

function profileEvent(state: UserProfileState, event: UserProfileEvent): void {
  const meta = event.meta;
  switch (event.name) {
    case 'USER_PROFILE_CREATE':
      state.createdBy = event.payload.createdBy;
      return;
    case 'USER_PROFILE_INFO_UPDATE':
      return;
    case 'USER_PROFILE_CREATE_SESSION_URL':
    case 'USER_PROFILE_EMAIL_SESSION_URL': {
      const session = sessionOf(state, event);
      if (!session) return;
      const link = event.payload;
      if (link.url !== undefined) session.url = link.url;
      if (link.expiresAt !== undefined) session.expiresAt = link.expiresAt;
      if (link.channel !== undefined) session.channel = link.channel;
      if (link.email !== undefined) session.email = link.email;
      return;
    }
    case 'VERIFICATION_SESSION_STARTED':
    case 'VERIFICATION_REQUEST_SUBMITTED':
    case 'VERIFICATION_SESSION_COMPLETION':
      return advance(sessionOf(state, event), LIFECYCLE_OF[event.name]);
    case 'RUN_USER_VERIFICATION':
    case 'RUN_DOCUMENT_CHECK':
    case 'MAKE_DECISION':
    case 'RUN_RISK_SCORING':
      return workflowRun(state, event, event.payload);
    case 'RESULT_UPDATE': {
      const { result, previousResult } = event.payload;
      if (previousResult != null && state.result !== null && previousResult !== state.result) {
        anomaly(state, meta, 'previous result differs from the state; new result applied');
      }
      if (result !== undefined) state.result = result;
      return;
    }
    case 'SECTION_RESULT_UPDATE': {
      const { section, result } = event.payload;
      if (section && result !== undefined) state.sectionResults[section] = result;
      return;
    }
    case 'NAME_UPDATED':
      return infoUpdated(state, meta, event.payload, 'name');
    case 'DATE_OF_BIRTH_UPDATED':
      return infoUpdated(state, meta, event.payload, 'dateOfBirth');
    case 'ADDRESS_UPDATED':
      return infoUpdated(state, meta, event.payload, 'address');
    case 'PHONE_UPDATED':
      return infoUpdated(state, meta, event.payload, 'phone');
    case 'EMAIL_UPDATED':
      return infoUpdated(state, meta, event.payload, 'email');
    case 'TAGS_UPDATED':
      return tagsUpdated(state, meta, event.payload);
    case 'ADD_ADDITIONAL_MEDIA': {
      const doc = media(state, event, event.payload);
      if (!doc) return;
      doc.status = 'active';
      doc.deletedAt = null;
      doc.uploadedBy = event.payload.uploadedBy ?? meta.actor;
      doc.uploadedAt = event.payload.uploadedAt ?? meta.occurredAt;
      return;
    }
    case 'UPDATE_ADDITIONAL_MEDIA': {
      const doc = media(state, event, event.payload);
      if (doc) doc.updatedAt = event.payload.updatedAt ?? meta.occurredAt;
      return;
    }
    case 'DELETE_ADDITIONAL_MEDIA': {
      const doc = media(state, event, event.payload);
      if (!doc) return;
      doc.status = 'deleted';
      doc.deletedAt = event.payload.deletedAt ?? meta.occurredAt;
      return;
    }
    case 'AML_MONITORING_UPDATE':
      return amlMonitoringUpdate(state, event, event.payload);
    case 'AML_MONITORING_TOGGLE':
      if (event.payload.enabled !== undefined) {
        state.amlMonitoring.enabled = event.payload.enabled;
        state.amlMonitoring.updatedAt = meta.occurredAt;
      }
      return;
    case 'RELATED_CASE_STATUS_UPDATE':
      return caseStatusUpdate(state, event, event.payload);
    case 'COMMENT':
      return comment(state, event, event.payload);
    case 'CREATE_TICKET':
    case 'TICKET_STATUS_UPDATE':
    case 'TICKET_REVIEWER_UPDATE':
    case 'TICKET_REVIEW_QUEUE_UPDATE':
      return ticket(state, event, event.payload);
    case 'AML_HIT_RESOLVED': {
      const { hit, resolution } = event.payload;
      if (!hit) return;
      const entry = takeHit(state, hit, event.session.id);
      if (resolution) {
        entry.status = resolution.status;
        entry.resolution = {
          status: resolution.status,
          comment: resolution.comment,
          resolvedBy: resolution.resolvedBy ?? meta.actor,
          resolvedAt: resolution.resolvedAt ?? meta.occurredAt,
        };
      }
      return;
    }
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

function sessionEvent(state: UserProfileState, event: SessionChannelEvent): void {
  switch (event.name) {
    case 'DECISION_CALLBACK':
      sessionOf(state, event);
      return;
    case 'VERIFICATION_SESSION_STARTED':
    case 'VERIFICATION_REQUEST_SUBMITTED':
    case 'VERIFICATION_SESSION_COMPLETION':
      return advance(sessionOf(state, event), LIFECYCLE_OF[event.name]);
    case 'CASE_STATUS_UPDATE':
      return caseStatusUpdate(state, event, event.payload);
    case 'AML_MONITORING_UPDATE':
      return amlMonitoringUpdate(state, event, event.payload);
    case 'SECTION_INFO_UPDATE': {
      const session = sessionOf(state, event);
      const { section, current } = event.payload;
      if (session && section && current !== undefined) session.sectionInfo[section] = current;
      return;
    }
    case 'COMMENT':
      return comment(state, event, event.payload);
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

/** The channels this aggregate folds: `other` carries a redaction signal of events neither list knows. */
const CHANNELS = ['user-profile', 'session', 'other'] as const;

function evolve(state: UserProfileState, event: AiPriseDomainEvent): void {
  // AiPrise has no documented redaction callback: accept a *REDACT* event or a non-null redacted_at.
  if (/REDACT/i.test(event.name) || event.redactedAt) state.redacted = true;
  if (event.channel === 'other') return;
  if (event.clientReferenceId !== undefined) state.clientReferenceId = event.clientReferenceId;
  if (event.clientReferenceData !== undefined) state.clientReferenceData = event.clientReferenceData;
  if (event.profileResult !== undefined) state.result = event.profileResult;
  if (event.channel === 'user-profile') profileEvent(state, event);
  else sessionEvent(state, event);
}

export const userProfile = aipriseAggregate(CHANNELS, {
  kind: 'user-profile',
  // One literal, initialBase's fields written out: in V8 a literal that
  // spreads them and then adds its own fields takes a slow path, and Object.assign leaves a
  // dictionary-mode object; this runs once per stream folded.
  // test/aggregates/initial-state.test.ts keeps the written-out fields equal to initialBase's.
  initial: (id): UserProfileState => {
    return {
      id,
      kind: 'user-profile',
      version: 0,
      tags: [],
      createdAt: null,
      updatedAt: null,
      redacted: false,
      anomalies: [],
      result: null,
      clientReferenceId: null,
      clientReferenceData: null,
      createdBy: null,
      name: null,
      dateOfBirth: null,
      address: null,
      email: null,
      phone: null,
      nameHistory: [],
      dateOfBirthHistory: [],
      addressHistory: [],
      emailHistory: [],
      phoneHistory: [],
      sessions: dict(),
      sectionResults: dict(),
      riskScore: null,
      relatedCompanies: [],
      amlMonitoring: {
        enabled: null,
        status: null,
        previousStatus: null,
        monitoringRunId: null,
        matches: [],
        updatedAt: null,
      },
      amlHits: dict(),
      documents: dict(),
      tickets: dict(),
      comments: [],
    };
  },
  evolve,
  piiPaths: [
    'name',
    'dateOfBirth',
    'address',
    'email',
    'phone',
    'nameHistory',
    'dateOfBirthHistory',
    'addressHistory',
    'emailHistory',
    'phoneHistory',
    'clientReferenceId',
    'clientReferenceData',
    'sessions.*.url',
    'sessions.*.email',
    'sessions.*.sectionInfo',
    'sessions.*.caseStatusReason',
    'documents.*.url',
    'amlMonitoring.matches',
    'amlHits.*.name',
    'amlHits.*.dateOfBirth',
    'amlHits.*.alsoKnownAs',
    'amlHits.*.resolution.comment',
    'comments.*.text',
  ],
});
