/**
 * A synthetic stored inquiry event for the store benches: a Persona-like `inquiry.completed` with a
 * small normalised body and a raw delivery of about 1 KB. Ids are fresh on every call.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { NewEvent } from '../../src/events/types.js';

let seq = 0;
export function syntheticEvent(streamId: string): NewEvent {
  seq += 1;
  const eventId = `evt_${randomUUID()}`;
  const data = {
    id: `inq_${seq}`,
    status: 'completed',
    referenceId: `ref-${seq}`,
    fields: {
      nameFirst: { type: 'string', value: 'Jane' },
      birthdate: { type: 'date', value: '1990-01-01' },
    },
    tags: ['vip', 'manual-review'],
  };
  return {
    eventId,
    type: 'inquiry.completed',
    source: 'persona',
    subject: { kind: 'inquiry', id: `inq_${seq}` },
    streamId,
    category: 'inquiry',
    occurredAt: new Date(Date.UTC(2024, 0, 1) + seq).toISOString(),
    actor: 'usr_bench',
    schemaVersion: 1,
    data,
    // A delivery body around 1 KB, like a trimmed Persona webhook.
    raw: JSON.stringify({
      data: {
        id: eventId,
        attributes: { name: 'inquiry.completed', payload: data, pad: randomBytes(300).toString('hex') },
      },
    }),
    related: [{ kind: 'account', id: `act_${seq % 97}` }],
    unknown: false,
  };
}
