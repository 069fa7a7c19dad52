/**
 * A bulk fold worker (fold-pool.ts): parses each chunk's events from the store's text
 * (readStreamsOrdered's text form), folds them with the projection's bulk path
 * through BulkChunk, so a stream the fold throws on is cut and its event reported for parking
 * exactly as on the main thread, and sends back the prepared rows and the cuts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { RecordedEvent } from '../../events/types.js';
import { parsePackedEvent } from '../../store/sql/event-rows.js';
import { BulkChunk } from '../parking/bulk-chunk.js';
import type { BulkProjection } from '../projection.js';

interface Setup {
  module: string;
  name: string;
  projection: string;
  copy: boolean;
  slice: number;
}

/** An error as it can cross to the main thread (Error: its name, message and stack only). */
function portable(error: unknown): unknown {
  if (error instanceof Error) {
    const copy = new Error(error.message);
    copy.name = error.name;
    copy.stack = error.stack;
    return copy;
  }
  if (typeof error === 'function' || typeof error === 'symbol') return String(error);
  try {
    return structuredClone(error);
  } catch {
    return {};
  }
}

const setup = workerData as Setup;
const bulk = ((await import(setup.module)) as Record<string, BulkProjection>)[setup.name]!;

function parse(texts: readonly string[], lengths: Int32Array): RecordedEvent[][] {
  const streams = new Array<RecordedEvent[]>(lengths.length);
  let at = 0;
  for (let i = 0; i < lengths.length; i++) {
    const stream = new Array<RecordedEvent>(lengths[i]!);
    for (let j = 0; j < stream.length; j++) stream[j] = parsePackedEvent(texts[at++]!);
    streams[i] = stream;
  }
  return streams;
}

parentPort!.on('message', (m: { id: number; texts: string[]; lengths: Int32Array }) => {
  void (async () => {
    try {
      const streams = parse(m.texts, m.lengths);
      const chunk = new BulkChunk(setup.projection, bulk, setup.copy);
      for (let i = 0; i < streams.length; i += setup.slice)
        await chunk.prepareSlice(streams.slice(i, i + setup.slice));
      const cuts = chunk.cutsOf(streams).map((c) => ({ ...c, error: portable(c.error) }));
      parentPort!.postMessage({ id: m.id, chunk: { prepared: chunk.prepared, cuts } });
    } catch (error) {
      parentPort!.postMessage({ id: m.id, error: portable(error) });
    }
  })();
});
