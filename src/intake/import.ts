/**
 * NDJSON import: one delivery body per line, from your own trusted export, so no signatures; but
 * every line goes through the same parser as a webhook. Appends are batched (one transaction per
 * batch) and dedupe by event id, so a re-run after a crash or on the same file is harmless; bad
 * lines are quarantined with their line number (once per body, so re-runs add nothing).
 */
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { parseDelivery } from '../events/parse.js';
import { describeProblems } from '../events/parse-result.js';
import type { NewEvent, Source } from '../events/types.js';
import type { AppendBatchItem, AppendResult, EventStore } from '../store/event-store.js';
import { DEFAULT_MAX_BYTES, type DeliveryParser } from './intake.js';
import type { QuarantineStore } from './quarantine/quarantine.js';
import { storeRefusal } from './store-refusal.js';
import type { Problem } from '../events/parse-result.js';

export interface ImportProgress {
  /** Lines read so far, blank ones included. */
  lines: number;
  /** Bytes read so far (line terminators counted as one byte). */
  bytes: number;
  appended: number;
  duplicates: number;
  quarantined: number;
  blank: number;
}

export interface ImportOptions {
  store: EventStore;
  quarantine: QuarantineStore;
  source: Source;
  /** The NDJSON stream (a file, or process.stdin for `-`). */
  input: Readable;
  /** Events per appendBatch transaction. Default 500. */
  batchSize?: number;
  /** Called after every batch and once at the end. */
  onProgress?: (progress: Readonly<ImportProgress>) => void;
  /** Per-line limit, as for webhooks. Default 1 MiB. */
  maxBytes?: number;
  clock?: () => Date;
  parse?: DeliveryParser;
}

export async function importNdjson(options: ImportOptions): Promise<ImportProgress> {
  const batchSize = Math.max(1, options.batchSize ?? 500);
  const parse = options.parse ?? parseDelivery;
  const clock = options.clock ?? (() => new Date());
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const progress: ImportProgress = {
    lines: 0,
    bytes: 0,
    appended: 0,
    duplicates: 0,
    quarantined: 0,
    blank: 0,
  };
  let batch: { event: NewEvent; line: number; text: string; receivedAt: Date }[] = [];

  const tally = (results: AppendResult[]): void => {
    for (const r of results) {
      progress.appended += r.appended.length;
      progress.duplicates += r.duplicates.length;
    }
  };

  const quarantineLine = async (
    line: number,
    text: string,
    problems: Problem[],
    receivedAt: Date,
  ): Promise<void> => {
    await options.quarantine.add({
      source: options.source,
      body: Buffer.from(text, 'utf8'),
      headers: {},
      problems,
      reason: describeProblems(problems),
      receivedAt,
      line,
    });
    progress.quarantined += 1;
  };

  const flush = async (): Promise<void> => {
    if (batch.length > 0) {
      try {
        tally(await options.store.appendBatch(groupByStream(batch.map((b) => b.event))));
      } catch (error) {
        if (!storeRefusal(error)) throw error;
        // The store refused something in this batch for its content: find it line by line.
        for (const entry of batch) {
          try {
            tally(
              await options.store.appendBatch([{ streamId: entry.event.streamId, events: [entry.event] }]),
            );
          } catch (lineError) {
            const refusal = storeRefusal(lineError);
            if (!refusal) throw lineError;
            await quarantineLine(entry.line, entry.text, [refusal], entry.receivedAt);
          }
        }
      }
      batch = [];
    }
    options.onProgress?.({ ...progress });
  };

  const lines = createInterface({ input: options.input, crlfDelay: Infinity });
  for await (const line of lines) {
    progress.lines += 1;
    progress.bytes += Buffer.byteLength(line, 'utf8') + 1;
    if (line.trim() === '') {
      progress.blank += 1;
      continue;
    }
    const receivedAt = clock();
    const parsed = parse(options.source, line, { receivedAt, maxBytes });
    if (parsed.ok) {
      batch.push({ event: parsed.event, line: progress.lines, text: line, receivedAt });
      if (batch.length >= batchSize) await flush();
      continue;
    }
    await quarantineLine(progress.lines, line, parsed.problems, receivedAt);
  }
  await flush();
  return progress;
}

/** One item per stream, events in file order: the store appends them in that order. */
function groupByStream(events: NewEvent[]): AppendBatchItem[] {
  const items = new Map<string, AppendBatchItem>();
  for (const event of events) {
    const item = items.get(event.streamId);
    if (item) item.events.push(event);
    else items.set(event.streamId, { streamId: event.streamId, events: [event] });
  }
  return [...items.values()];
}
