/**
 * Quarantined bodies sealed like events. A quarantined body did not parse, so its subject is not
 * known for sure: each body gets its own data key (`record_keys` row `quarantine:<sha256>`), and the
 * vendor ids found in its text (`act_…`, `inq_…`, UUIDs) are noted in `record_relations` under kind
 * `*`, so erasing a subject by id also destroys the keys of the bodies that mention it. A body whose
 * key is gone reads back empty. Sealing is deterministic per body (cipher.ts), so the quarantine still
 * counts a repeated delivery as one entry.
 */
import { createHash } from 'node:crypto';
import type { SqlExecutor } from '../../db/sql-client.js';
import type {
  QuarantineEntry,
  QuarantineInput,
  QuarantineListOptions,
  QuarantineStore,
  QuarantineSummary,
} from '../../intake/quarantine/quarantine.js';
import type { Problem } from '../../events/parse-result.js';
import { isSealed, open, sealDeterministic } from './cipher.js';
import type { KeyStore } from './key-store.js';

/** Vendor ids a body may name: Persona's prefixed ids and UUIDs (AiPrise). */
const VENDOR_IDS =
  /(?<![\w-])(?:[a-z]{2,6}_[\w-]{4,}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?![\w-])/g;
const MAX_IDS = 64;

export function vendorIdsIn(body: Uint8Array): string[] {
  const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  return [...new Set(text.match(VENDOR_IDS) ?? [])].slice(0, MAX_IDS);
}

export class SealingQuarantine implements QuarantineStore {
  constructor(
    private readonly inner: QuarantineStore,
    private readonly db: SqlExecutor,
    private readonly keys: KeyStore,
  ) {}

  async add(input: QuarantineInput): Promise<{ id: string; created: boolean }> {
    const body = Buffer.from(input.body.buffer, input.body.byteOffset, input.body.byteLength);
    const keyId = `quarantine:${input.source}:${createHash('sha256').update(body).digest('hex')}`;
    const ids = vendorIdsIn(body);
    if (ids.length > 0)
      await this.db.query(
        `insert into record_relations (kind, id, stream_id)
         select '*', i, $2 from unnest($1::text[]) as i on conflict do nothing`,
        [ids, keyId],
      );
    const key = (await this.keys.forWrite([keyId])).get(keyId) ?? null;
    const sealed = key === null ? '' : sealDeterministic(key, body, keyId);
    return this.inner.add({ ...input, body: Buffer.from(`${keyId}\n${sealed}`, 'utf8') });
  }

  list(options?: QuarantineListOptions): Promise<QuarantineSummary[]> {
    return this.inner.list(options);
  }

  async get(id: string): Promise<QuarantineEntry | null> {
    const entry = await this.inner.get(id);
    if (!entry) return null;
    const text = entry.body.toString('utf8');
    const newline = text.indexOf('\n');
    const keyId = newline < 0 ? '' : text.slice(0, newline);
    const sealed = newline < 0 ? '' : text.slice(newline + 1);
    // Bodies quarantined before sealing was configured come back as stored.
    if (!keyId.startsWith('quarantine:') || !(isSealed(sealed) || sealed === '')) return entry;
    const key = (await this.keys.forRead([keyId])).get(keyId);
    const body = key && isSealed(sealed) ? open(key, sealed, keyId) : Buffer.alloc(0);
    return { ...entry, body, bytes: body.length };
  }

  markReplayed(id: string, eventId: string, at: Date): Promise<void> {
    return this.inner.markReplayed(id, eventId, at);
  }

  recordFailedReplay(id: string, problems: Problem[], reason: string): Promise<void> {
    return this.inner.recordFailedReplay(id, problems, reason);
  }
}
