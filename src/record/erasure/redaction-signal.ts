/**
 * Whether a delivery says its subject was redacted, by the same signals the aggregates fold
 * (account.ts, case.ts, inquiry.ts: a `*.redacted` event or a resource's non-null `redactedAt`;
 * user-profile.ts: a `*REDACT*` event name or a non-null `redactedAt`).
 */
import type { NewEvent } from '../../events/types.js';

function object(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

export function isRedactionSignal(event: NewEvent): boolean {
  if (event.source === 'aiprise') return /REDACT/i.test(event.type) || Boolean(event.data.redactedAt);
  if (event.type.endsWith('.redacted')) return true;
  return Boolean(object(object(event.data.resource)?.attributes)?.redactedAt);
}
