/**
 * Outcome of a signature check as a value: callers turn a failure into a 401 (HTTP) or a
 * `rejected` ingest result, and log the reason code (never the header value or body).
 */
export type SignatureFailure = 'missing_header' | 'malformed' | 'stale' | 'mismatch';

export type SignatureVerdict = { ok: true } | { ok: false; reason: SignatureFailure; message: string };

export const VALID: SignatureVerdict = Object.freeze({ ok: true });

export function invalid(reason: SignatureFailure, message: string): SignatureVerdict {
  return { ok: false, reason, message };
}
