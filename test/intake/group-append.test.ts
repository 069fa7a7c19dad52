/** Group commit: concurrent appends share transactions, yet each caller gets its own outcome. */
import { describe, expect, it } from 'vitest';
import { GroupAppender } from '../../src/intake/group-append.js';
import { MemoryEventStore } from '../../src/store/memory-event-store.js';
import { StoreUnavailableError, type AppendBatchItem, type EventStore } from '../../src/store/event-store.js';
import { newEvent } from '../store/support.js';

/** Counts appendBatch calls on a real store (delegation, not a fake: every call reaches the store). */
function counting(store: EventStore): {
  store: Pick<EventStore, 'appendBatch'>;
  batches: AppendBatchItem[][];
} {
  const batches: AppendBatchItem[][] = [];
  const wrapped: Pick<EventStore, 'appendBatch'> = {
    appendBatch: (items) => {
      batches.push(items);
      return store.appendBatch(items);
    },
  };
  return { store: wrapped, batches };
}

describe('GroupAppender', () => {
  it('writes concurrent appends in fewer transactions, one outcome per caller', async () => {
    const memory = new MemoryEventStore();
    const { store, batches } = counting(memory);
    const appender = new GroupAppender(store, { maxInFlight: 1, maxBatch: 50 });
    const events = Array.from({ length: 120 }, (_, i) => newEvent(`inquiry-inq_g${i % 7}`));
    const outcomes = await Promise.all([...events, events[3]!, events[3]!].map((e) => appender.append(e)));
    expect(outcomes.filter((o) => o === 'appended')).toHaveLength(120);
    expect(outcomes.slice(120)).toEqual(['duplicate', 'duplicate']);
    expect(batches.length).toBeLessThan(10);
    expect(batches.every((b) => b.reduce((n, i) => n + i.events.length, 0) <= 50)).toBe(true);
    // Events keep their arrival order inside each stream.
    for (let s = 0; s < 7; s++) {
      const ids: string[] = [];
      for await (const e of memory.readStream(`inquiry-inq_g${s}`)) ids.push(e.eventId);
      expect(ids).toEqual(events.filter((_, i) => i % 7 === s).map((e) => e.eventId));
    }
    expect(await appender.append(events[0]!)).toBe('duplicate');
  });

  it('groups deliveries that arrive together even when a transaction never yields to I/O (PGlite)', async () => {
    const memory = new MemoryEventStore();
    const { store, batches } = counting(memory);
    const appender = new GroupAppender(store, { maxInFlight: 1 });
    const events = Array.from({ length: 40 }, (_, i) => newEvent(`inquiry-inq_y${i}`));
    // Each append comes from its own I/O-like callback (all due in the same loop turn), as HTTP
    // requests do; the memory store, like PGlite, settles without giving the loop a turn.
    const outcomes = await Promise.all(
      events.map((e) => new Promise<string>((resolve) => setTimeout(() => resolve(appender.append(e)), 0))),
    );
    expect(outcomes.every((o) => o === 'appended')).toBe(true);
    expect(batches.length).toBeLessThanOrEqual(2);
  });

  it('runs one transaction at a time by default; what arrives meanwhile goes out in the next', async () => {
    const memory = new MemoryEventStore();
    let running = 0;
    let most = 0;
    const sizes: number[] = [];
    let started!: () => void;
    const firstStarted = new Promise<void>((resolve) => (started = resolve));
    const store: Pick<EventStore, 'appendBatch'> = {
      appendBatch: async (items) => {
        running += 1;
        most = Math.max(most, running);
        sizes.push(items.reduce((n, i) => n + i.events.length, 0));
        started();
        // Yield to I/O, as a database round trip does, so later appends arrive meanwhile.
        await new Promise((resolve) => setTimeout(resolve, 5));
        try {
          return await memory.appendBatch(items);
        } finally {
          running -= 1;
        }
      },
    };
    const appender = new GroupAppender(store);
    const first = appender.append(newEvent('inquiry-inq_d0'));
    await firstStarted;
    const rest = Array.from({ length: 30 }, (_, i) => appender.append(newEvent(`inquiry-inq_d${i + 1}`)));
    const outcomes = await Promise.all([first, ...rest]);
    expect(outcomes.every((o) => o === 'appended')).toBe(true);
    expect(most).toBe(1);
    expect(sizes).toEqual([1, 30]);
  });

  it('never runs two transactions on the same stream or event id at once', async () => {
    const memory = new MemoryEventStore();
    const busy = new Map<string, number>();
    let overlaps = 0;
    let batches = 0;
    const store: Pick<EventStore, 'appendBatch'> = {
      async appendBatch(items) {
        batches += 1;
        const keys = items.flatMap((i) => [i.streamId, ...i.events.map((e) => e.eventId)]);
        for (const k of keys) {
          if (busy.get(k)) overlaps += 1;
          busy.set(k, (busy.get(k) ?? 0) + 1);
        }
        // Yield to the event loop so other batches could start meanwhile if the appender let them.
        await new Promise((r) => setTimeout(r, 2));
        try {
          return await memory.appendBatch(items);
        } finally {
          for (const k of keys) busy.set(k, busy.get(k)! - 1);
        }
      },
    };
    const appender = new GroupAppender(store, { maxInFlight: 4, maxBatch: 5 });
    const events = Array.from({ length: 200 }, (_, i) => newEvent(`inquiry-inq_o${i % 9}`));
    // Every event sent twice, the repeat arriving while the first is queued or in flight.
    const calls: Promise<string>[] = [];
    for (const e of events) calls.push(appender.append(e), appender.append(e));
    const outcomes = await Promise.all(calls);
    expect(overlaps).toBe(0);
    expect(batches).toBeGreaterThan(1);
    expect(outcomes.filter((o) => o === 'appended')).toHaveLength(200);
    expect(outcomes.filter((o) => o === 'duplicate')).toHaveLength(200);
    for (let s = 0; s < 9; s++) {
      const ids: string[] = [];
      for await (const e of memory.readStream(`inquiry-inq_o${s}`)) ids.push(e.eventId);
      expect(ids).toEqual(events.filter((_, i) => i % 9 === s).map((e) => e.eventId));
    }
  });

  it('isolates an event the store refuses, so its neighbours are still written', async () => {
    const store = new MemoryEventStore();
    const appender = new GroupAppender(store, { maxInFlight: 1 });
    const good = [newEvent('inquiry-inq_a'), newEvent('inquiry-inq_b'), newEvent('inquiry-inq_c')];
    const bad = newEvent('inquiry-inq_d', { occurredAt: 'not a date' });
    const settled = await Promise.allSettled(
      [good[0]!, bad, good[1]!, good[2]!].map((e) => appender.append(e)),
    );
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    for (const e of good) expect(await store.hasEvent(e.eventId)).toBe(true);
  });

  it('rejects every caller of a batch when the store is unreachable, and appends again once it is back', async () => {
    const memory = new MemoryEventStore();
    let down = false;
    const appender = new GroupAppender({
      appendBatch: (items) =>
        down ? Promise.reject(new StoreUnavailableError('store down')) : memory.appendBatch(items),
    });
    expect(await appender.append(newEvent('inquiry-inq_live'))).toBe('appended');
    down = true;
    const failed = [1, 2, 3].map(() => newEvent('inquiry-inq_down'));
    const settled = await Promise.allSettled(failed.map((e) => appender.append(e)));
    for (const s of settled) {
      expect(s.status).toBe('rejected');
      expect((s as PromiseRejectedResult).reason).toBeInstanceOf(StoreUnavailableError);
    }
    down = false;
    // Nothing of the failed batch was written, and nothing of it is still pending: the same events go in now.
    expect(await Promise.all(failed.map((e) => appender.append(e)))).toEqual([
      'appended',
      'appended',
      'appended',
    ]);
    expect(await memory.streamVersion('inquiry-inq_down')).toBe(3);
  });
});
