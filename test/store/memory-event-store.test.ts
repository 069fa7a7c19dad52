import { describe, expect, it } from 'vitest';
import { MemoryEventStore } from '../../src/store/memory-event-store.js';
import { StoreUnavailableError } from '../../src/store/event-store.js';
import { eventStoreContract } from './contract.js';
import { collect, newEvent } from './support.js';

eventStoreContract('memory', async () => ({ store: new MemoryEventStore() }));

describe('MemoryEventStore specifics', () => {
  it('returns frozen copies: callers cannot change the log', async () => {
    const store = new MemoryEventStore();
    const event = newEvent('inquiry-inq_1');
    await store.append('inquiry-inq_1', [event]);
    (event.data as Record<string, unknown>).status = 'changed by caller';
    const [read] = await collect(store.readStream('inquiry-inq_1'));
    expect(read!.data.status).toBe('completed');
    expect(Object.isFrozen(read!.data)).toBe(true);
  });

  it('refuses work after close and says the store is unavailable; ping turns false', async () => {
    const store = new MemoryEventStore();
    await store.close();
    expect(await store.ping()).toBe(false);
    await expect(store.hasEvent('x')).rejects.toBeInstanceOf(StoreUnavailableError);
  });
});
