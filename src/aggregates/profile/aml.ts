/** AML monitoring of a profile and the hits it found, by entity hit id. */
import type { AiPriseDomainEvent, AmlHitFacts, AmlMonitoringUpdate } from '../../events/domain/aiprise.js';
import { sessionOf } from './sessions.js';
import { anomaly, type AmlHit, type UserProfileState } from './state.js';

export function emptyHit(): AmlHit {
  return {
    entityId: null,
    name: null,
    dateOfBirth: null,
    alsoKnownAs: [],
    entityType: null,
    hitTypes: [],
    nameMatchScore: null,
    sessionId: null,
    monitoringChange: null,
    status: null,
    resolution: null,
  };
}

export function takeHit(state: UserProfileState, facts: AmlHitFacts, sessionId: string | undefined): AmlHit {
  const hit = (state.amlHits[facts.id] ??= emptyHit());
  if (facts.entityId !== undefined) hit.entityId = facts.entityId;
  if (facts.name !== undefined) hit.name = facts.name;
  if (facts.dateOfBirth !== undefined) hit.dateOfBirth = facts.dateOfBirth;
  if (facts.entityType !== undefined) hit.entityType = facts.entityType;
  if (facts.alsoKnownAs !== undefined) hit.alsoKnownAs = facts.alsoKnownAs;
  if (facts.hitTypes !== undefined) hit.hitTypes = facts.hitTypes;
  if (facts.nameMatchScore !== undefined) hit.nameMatchScore = facts.nameMatchScore;
  if (sessionId !== undefined) hit.sessionId = sessionId;
  return hit;
}

export function amlMonitoringUpdate(
  state: UserProfileState,
  event: AiPriseDomainEvent,
  update: AmlMonitoringUpdate,
): void {
  const monitoring = state.amlMonitoring;
  const previous = update.previousStatus;
  if (previous != null && monitoring.status !== null && previous !== monitoring.status) {
    anomaly(state, event.meta, 'previous AML monitoring status differs from the state; update applied');
  }
  if (update.status !== undefined) monitoring.status = update.status;
  if (previous !== undefined) monitoring.previousStatus = previous;
  if (update.monitoringRunId !== undefined) monitoring.monitoringRunId = update.monitoringRunId;
  if (update.matches) monitoring.matches = update.matches;
  monitoring.updatedAt = event.meta.occurredAt;
  sessionOf(state, event);
  for (const { change, hit } of update.hits ?? []) {
    takeHit(state, hit, event.session.id).monitoringChange = change;
  }
}
