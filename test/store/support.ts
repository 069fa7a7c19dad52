/** Builds NewEvents for store tests: unique ids, valid times, every field filled. */
import { randomUUID } from 'node:crypto';
import type { NewEvent } from '../../src/events/types.js';
import type { SqlClient } from '../../src/db/sql-client.js';

let counter = 0;

/** A category no other test uses, so tests sharing one store never see each other's streams. */
export function uniqueCategory(label = 'c'): string {
  counter += 1;
  return `t${label}${counter}x${randomUUID().slice(0, 8)}`;
}

export function newEvent(streamId: string, overrides: Partial<NewEvent> = {}): NewEvent {
  counter += 1;
  const eventId = overrides.eventId ?? `evt_${randomUUID()}`;
  const occurredAt = new Date(Date.UTC(2024, 0, 1, 0, 0, 0, counter)).toISOString();
  const data = { seq: counter, status: 'completed', nested: { tags: ['a', 'b'], flag: true, none: null } };
  return {
    eventId,
    type: 'inquiry.completed',
    source: 'persona',
    subject: { kind: 'inquiry', id: `inq_${counter}` },
    streamId,
    category: 'inquiry',
    occurredAt,
    actor: 'usr_1',
    schemaVersion: 1,
    data,
    raw: JSON.stringify({ data: { id: eventId, attributes: { name: 'inquiry.completed' } } }),
    related: [{ kind: 'account', id: 'act_1' }],
    unknown: false,
    ...overrides,
  };
}

export function newEvents(streamId: string, count: number, overrides: Partial<NewEvent> = {}): NewEvent[] {
  return Array.from({ length: count }, () => newEvent(streamId, overrides));
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

/** The same client without `queryArrays`: the store's `query` fallback. */
export function withoutArrays(inner: SqlClient): SqlClient {
  return {
    dialect: inner.dialect,
    query: (sql, params, options) => inner.query(sql, params, options),
    transaction: (fn) => inner.transaction(fn),
    exec: (sql) => inner.exec(sql),
    listen: (channel, onNotify) => inner.listen(channel, onNotify),
    close: () => inner.close(),
  };
}
