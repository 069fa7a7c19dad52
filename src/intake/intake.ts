/**
 * The intake path every delivery takes, whatever brought it (HTTP, library call, replay):
 * size check -> signature on the raw bytes -> parse and validate -> append (the store dedupes by
 * event id in the same round trip) -> or quarantine with the reason. Nothing is written for a
 * rejected delivery, and a store failure throws StoreUnavailableError before anything is half-done.
 */
import { describeProblems, type Problem } from '../events/parse-result.js';
import type { NewEvent, Source } from '../events/types.js';
import type { EventStore } from '../store/event-store.js';
import { parseDelivery } from '../events/parse.js';
import type { ParseOptions, ParseResult } from '../events/parse-result.js';
import { storeRefusal } from './store-refusal.js';
import { inSpan, inSpanSync } from '../telemetry/spans.js';
import { GroupAppender, type GroupAppendOptions } from './group-append.js';
import type { IngestResult, ReplayResult } from './ingest-result.js';
import { chooseHeaders, type QuarantineStore } from './quarantine/quarantine.js';
import { AIPRISE_SIGNATURE_HEADER, verifyAiPriseSignature } from './signatures/aiprise.js';
import { headerValue, type HeaderBag } from './signatures/headers.js';
import {
  DEFAULT_TOLERANCE_SECONDS,
  PERSONA_SIGNATURE_HEADER,
  verifyPersonaSignature,
} from './signatures/persona.js';
import type { SignatureVerdict } from './signatures/verdict.js';

export const DEFAULT_MAX_BYTES = 1024 * 1024;

export type DeliveryParser = (
  source: Source,
  rawBody: string | Uint8Array,
  options?: ParseOptions,
) => ParseResult;

function toBytes(body: string | Uint8Array): Uint8Array {
  return typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
}

export interface IntakeSecrets {
  /** Several during Persona's secret rotation. */
  persona?: string[];
  aiprise?: string;
}

export interface IntakeOptions {
  store: EventStore;
  quarantine: QuarantineStore;
  secrets?: IntakeSecrets;
  /**
   * Library only: accept deliveries that carry no signature when the source has no secret or the
   * delivery has no signature header. A signature that is present is still checked.
   */
  allowUnsigned?: boolean;
  toleranceSeconds?: number;
  /** Largest body accepted, bytes. Default 1 MiB. */
  maxBytes?: number;
  clock?: () => Date;
  /**
   * Turns a body into a NewEvent. Default: the events module's parseDelivery. Injected only to
   * stand in for a later release of the parser (replay after a fix).
   */
  parse?: DeliveryParser;
  /** Group commit of concurrent deliveries (see group-append.ts). */
  groupAppend?: GroupAppendOptions;
}

export interface IngestOptions {
  /** HTTP sets this: a delivery must be signed whatever allowUnsigned says. */
  requireSignature?: boolean;
  receivedAt?: Date;
}

export interface Intake {
  ingest(
    source: Source,
    rawBody: string | Uint8Array,
    headers?: HeaderBag,
    options?: IngestOptions,
  ): Promise<IngestResult>;
  /** Re-runs quarantined bodies through parse and append; 'all' replays every pending entry, oldest first. */
  replayQuarantined(id: string | 'all'): Promise<ReplayResult[]>;
  /** Whether deliveries from `source` can be verified (a secret is configured). */
  canVerify(source: Source): boolean;
}

const SIGNATURE_HEADERS: Record<Source, string> = {
  persona: PERSONA_SIGNATURE_HEADER,
  aiprise: AIPRISE_SIGNATURE_HEADER,
};

export function createIntake(options: IntakeOptions): Intake {
  const clock = options.clock ?? (() => new Date());
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const personaSecrets = (options.secrets?.persona ?? []).filter(Boolean);
  const aipriseKey = options.secrets?.aiprise || undefined;
  const { store, quarantine } = options;
  const parse = options.parse ?? parseDelivery;

  const canVerify = (source: Source): boolean =>
    source === 'persona' ? personaSecrets.length > 0 : !!aipriseKey;

  function verify(
    source: Source,
    body: Uint8Array,
    headers: HeaderBag | undefined,
    now: Date,
  ): SignatureVerdict {
    return source === 'persona'
      ? verifyPersonaSignature(body, headers, { secrets: personaSecrets, toleranceSeconds: tolerance, now })
      : verifyAiPriseSignature(body, headers, aipriseKey!);
  }

  // Dedupe and append are one store call: the store reports ids it already holds.
  const appender = new GroupAppender(store, options.groupAppend);

  async function append(event: NewEvent): Promise<IngestResult> {
    const outcome = await appender.append(event);
    return { outcome, eventId: event.eventId, streamId: event.streamId, type: event.type };
  }

  /** Appends, or hands back the store's refusal of the event's content as problems to quarantine. */
  async function tryAppend(
    event: NewEvent,
  ): Promise<{ ok: true; result: IngestResult } | { ok: false; problems: Problem[] }> {
    try {
      return { ok: true, result: await append(event) };
    } catch (error) {
      const refusal = storeRefusal(error);
      if (!refusal) throw error;
      return { ok: false, problems: [refusal] };
    }
  }

  async function ingest(
    source: Source,
    rawBody: string | Uint8Array,
    headers?: HeaderBag,
    ingestOptions: IngestOptions = {},
  ): Promise<IngestResult> {
    if (source !== 'persona' && source !== 'aiprise') {
      return {
        outcome: 'rejected',
        code: 'unknown_source',
        reason: `unknown source ${JSON.stringify(source)}`,
      };
    }
    const body = toBytes(rawBody);
    if (body.byteLength > maxBytes) {
      return {
        outcome: 'rejected',
        code: 'too_large',
        reason: `body is ${body.byteLength} bytes, over the ${maxBytes} byte limit`,
      };
    }
    const receivedAt = ingestOptions.receivedAt ?? clock();
    const mayAcceptUnsigned = options.allowUnsigned && !ingestOptions.requireSignature;
    const signed = headerValue(headers, SIGNATURE_HEADERS[source]) !== undefined;
    if (canVerify(source) && (signed || !mayAcceptUnsigned)) {
      const verdict = inSpanSync('intake.verify', { 'delivery.source': source }, (span) => {
        const v = verify(source, body, headers, receivedAt);
        span.setAttribute('delivery.signature_ok', v.ok);
        return v;
      });
      if (!verdict.ok) return { outcome: 'rejected', code: verdict.reason, reason: verdict.message };
    } else if (!mayAcceptUnsigned) {
      const variable = source === 'persona' ? 'PERSONA_WEBHOOK_SECRETS' : 'AIPRISE_API_KEY';
      return {
        outcome: 'rejected',
        code: 'no_secret',
        reason: `no ${source} secret is configured (set ${variable}), so ${source} deliveries cannot be verified; pass allowUnsigned only for trusted input`,
      };
    }

    const parsed = inSpanSync('intake.parse', { 'delivery.source': source }, (span) => {
      const p = parse(source, body, { receivedAt, maxBytes });
      span.setAttribute('delivery.parsed', p.ok);
      if (p.ok) span.setAttributes({ 'event.type': p.event.type, 'event.stream_id': p.event.streamId });
      return p;
    });
    const written = parsed.ok
      ? await inSpan('intake.append', { 'event.id': parsed.event.eventId }, () => tryAppend(parsed.event))
      : parsed;
    if (written.ok) return written.result;
    const problems = written.problems;
    const reason = describeProblems(problems);
    const { id } = await quarantine.add({
      source,
      body,
      headers: chooseHeaders(headers),
      problems,
      reason,
      receivedAt,
    });
    return { outcome: 'quarantined', quarantineId: id, reason, problems };
  }

  async function replayOne(id: string): Promise<ReplayResult> {
    const entry = await quarantine.get(id);
    if (!entry) return { quarantineId: id, outcome: 'not_found' };
    // The signature was checked when it arrived; the original receive time keeps derived fields stable.
    const parsed = parse(entry.source, entry.body, {
      receivedAt: new Date(entry.receivedAt),
      maxBytes: Math.max(maxBytes, entry.bytes),
    });
    const written = parsed.ok ? await tryAppend(parsed.event) : parsed;
    if (!written.ok) {
      const reason = describeProblems(written.problems);
      await quarantine.recordFailedReplay(id, written.problems, reason);
      return { quarantineId: id, outcome: 'quarantined', reason };
    }
    const { result } = written;
    await quarantine.markReplayed(id, result.eventId!, clock());
    return {
      quarantineId: id,
      outcome: result.outcome as 'appended' | 'duplicate',
      eventId: result.eventId,
      streamId: result.streamId,
    };
  }

  async function replayQuarantined(id: string | 'all'): Promise<ReplayResult[]> {
    if (id !== 'all') return [await replayOne(id)];
    const results: ReplayResult[] = [];
    let afterId: string | undefined;
    for (;;) {
      const page = await quarantine.list({ status: 'pending', limit: 100, ...(afterId ? { afterId } : {}) });
      if (page.length === 0) return results;
      for (const entry of page) results.push(await replayOne(entry.id));
      afterId = page[page.length - 1]!.id;
    }
  }

  return { ingest, replayQuarantined, canVerify };
}
