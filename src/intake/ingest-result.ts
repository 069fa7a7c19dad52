/** What intake answers for one delivery (design brief, public API contract) and why. */
import type { Problem } from '../events/parse-result.js';
import type { SignatureFailure } from './signatures/verdict.js';

export type IngestOutcome = 'appended' | 'duplicate' | 'quarantined' | 'rejected';

/** Why a delivery was rejected: a signature failure, no secret for the source, an oversize body, or a source that is neither vendor. */
export type RejectionCode = SignatureFailure | 'no_secret' | 'too_large' | 'unknown_source';

export interface IngestResult {
  outcome: IngestOutcome;
  eventId?: string;
  streamId?: string;
  /** Event name, for logs and metrics. */
  type?: string;
  /** Human-readable, safe to log and to return to the sender (paths and codes, never values). */
  reason?: string;
  /** Set when outcome is 'rejected'. */
  code?: RejectionCode;
  /** Set when outcome is 'quarantined'. */
  quarantineId?: string;
  problems?: Problem[];
}

export interface ReplayResult {
  quarantineId: string;
  /** 'quarantined': still failing (the reason is updated); 'not_found': no such entry. */
  outcome: 'appended' | 'duplicate' | 'quarantined' | 'not_found';
  eventId?: string;
  streamId?: string;
  reason?: string;
}
