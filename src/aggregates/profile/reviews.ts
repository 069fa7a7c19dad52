/** Reviewers' work on a profile: comments and tickets. */
import type {
  AiPriseDomainEvent,
  CommentFacts,
  TicketUpdate,
  UserProfileEvent,
} from '../../events/domain/aiprise.js';
import type { UserProfileState } from './state.js';

export function comment(state: UserProfileState, event: AiPriseDomainEvent, facts: CommentFacts): void {
  state.comments.push({
    at: facts.createdAt ?? event.meta.occurredAt,
    authorId: facts.authorId,
    text: facts.text,
    sessionId: event.session.id ?? null,
  });
}

export function ticket(state: UserProfileState, event: UserProfileEvent, update: TicketUpdate): void {
  if (!update.ticketId) return;
  const entry = (state.tickets[update.ticketId] ??= {
    status: null,
    reviewer: null,
    queue: null,
    createdAt: null,
    updatedAt: null,
  });
  const at = event.meta.occurredAt;
  if (event.name === 'CREATE_TICKET') entry.createdAt = at;
  entry.updatedAt = at;
  // A reviewer or queue change names the ticket's status too, but what it changed is the reviewer or queue.
  const changesStatus = event.name === 'CREATE_TICKET' || event.name === 'TICKET_STATUS_UPDATE';
  if (changesStatus && update.status !== undefined) entry.status = update.status;
  if (update.reviewer !== undefined) entry.reviewer = update.reviewer;
  if (update.queue !== undefined) entry.queue = update.queue;
}
