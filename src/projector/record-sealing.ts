/**
 * Puts the sealing decorator (src/record/sealing) in front of the opened store and, when a master
 * key is configured, wires vendor redactions to erasure. Without a master key events are stored as
 * they come (docs/record.md says what erasure can and cannot do then).
 */
import { aggregateOfStream } from '../events/streams.js';
import type { NewEvent } from '../events/types.js';
import type { EventStore } from '../store/event-store.js';
import { parseMasterKey } from '../record/sealing/cipher.js';
import { KeyStore } from '../record/sealing/key-store.js';
import { sealingStore } from '../record/sealing/sealing-event-store.js';
import { erase } from '../record/erasure/erase.js';
import { isRedactionSignal } from '../record/erasure/redaction-signal.js';
import { migrateRecord } from '../record/record.js';
import { preparePgliteForErasure } from '../record/erasure/scrub.js';
import type { OpenedStore } from './open-store.js';
import type { ProjectorOptions } from './types.js';

export interface SealedStore extends OpenedStore {
  /** The store as written (under the decorator when sealing): the chain covers this. */
  stored: EventStore;
  /** Null without a master key. */
  keys: KeyStore | null;
}

function masterKeyBytes(key: string | Uint8Array, name?: string): Buffer {
  return typeof key === 'string' ? parseMasterKey(key, name) : Buffer.from(key);
}

function subjectOfStream(event: NewEvent): { kind: string; id: string } {
  return (
    aggregateOfStream(event.streamId) ?? {
      kind: event.category,
      id: event.streamId.slice(event.category.length + 1),
    }
  );
}

export async function withRecordSealing(
  opened: OpenedStore,
  options: ProjectorOptions,
  /** Called after a vendor redaction was erased (committed), for the storage scrub. */
  erased: () => void = () => undefined,
): Promise<SealedStore> {
  try {
    await migrateRecord(opened.sql, opened.schema === 'public' ? undefined : opened.schema);
    await preparePgliteForErasure(opened.sql);
    const masterKey = options.record?.masterKey;
    const keys = masterKey
      ? new KeyStore(
          opened.sql,
          masterKeyBytes(masterKey),
          (options.record?.previousMasterKeys ?? []).map((k) =>
            masterKeyBytes(k, 'RECORD_MASTER_KEY_PREVIOUS'),
          ),
        )
      : null;
    const stored = opened.store;
    // Without keys the decorator only notes which streams name which subjects (erasure's reach).
    const store = sealingStore(stored, opened.sql, keys, {
      isRedaction: isRedactionSignal,
      async onRedaction(events) {
        if (!keys) return;
        const done = new Set<string>();
        for (const event of events) {
          if (done.has(event.streamId)) continue;
          done.add(event.streamId);
          const subject = subjectOfStream(event);
          await erase(
            { stored, sql: opened.sql, keys },
            {
              ...subject,
              reason: `redacted by ${event.source} (${event.type})`,
              actor: event.source,
              trigger: 'vendor',
              erasureId: `vendor:${event.eventId}`,
            },
          );
        }
        erased();
      },
    });
    return { ...opened, store, stored, keys };
  } catch (error) {
    await opened.close().catch(() => undefined);
    throw error;
  }
}
