/** The chain's SQL, one place: every statement parameterised, tables from record-migrations.ts. */
import type { SqlExecutor } from '../db/sql-client.js';
import type { Checkpoint } from '../store/event-store.js';
import { START } from '../store/event-store.js';
import { GENESIS } from './chain-hash.js';

export interface ChainHead {
  seq: number;
  hash: string;
  checkpoint: Checkpoint;
}

export interface ChainLink {
  seq: number;
  position: string;
  eventId: string;
  hash: string;
}

const EMPTY_HEAD: ChainHead = { seq: 0, hash: GENESIS, checkpoint: START };

export async function readHead(db: SqlExecutor, options: { lock?: boolean } = {}): Promise<ChainHead> {
  const { rows } = await db.query<{ seq: string; hash: string; checkpoint: string }>(
    `select seq::text as seq, hash, checkpoint from record_chain_head${options.lock ? ' for update' : ''}`,
  );
  const row = rows[0];
  return row ? { seq: Number(row.seq), hash: row.hash, checkpoint: row.checkpoint } : EMPTY_HEAD;
}

/** Appends links and moves the head, inside the caller's transaction. */
export async function writeLinks(
  db: SqlExecutor,
  links: readonly ChainLink[],
  head: ChainHead,
): Promise<void> {
  if (links.length > 0)
    await db.query(
      `insert into record_chain (seq, position, event_id, hash)
       select * from unnest($1::bigint[], $2::text[], $3::text[], $4::text[])`,
      [
        links.map((l) => l.seq),
        links.map((l) => l.position),
        links.map((l) => l.eventId),
        links.map((l) => l.hash),
      ],
    );
  await db.query(
    `insert into record_chain_head (one, seq, hash, checkpoint) values (true, $1, $2, $3)
     on conflict (one) do update set seq = excluded.seq, hash = excluded.hash,
       checkpoint = excluded.checkpoint, updated_at = now()`,
    [head.seq, head.hash, head.checkpoint],
  );
}

/** Links in seq order after `afterSeq`, a page at a time. */
export async function readLinks(db: SqlExecutor, afterSeq: number, limit: number): Promise<ChainLink[]> {
  const { rows } = await db.query<{ seq: string; position: string; event_id: string; hash: string }>(
    // Ordered by the column, not the text alias of the same name.
    `select seq::text as seq, position, event_id, hash from record_chain
     where seq > $1 order by record_chain.seq limit $2`,
    [afterSeq, limit],
  );
  return rows.map((r) => ({ seq: Number(r.seq), position: r.position, eventId: r.event_id, hash: r.hash }));
}

/** The seq at which an event id was chained, or null. */
export async function seqOfEvent(db: SqlExecutor, eventId: string): Promise<number | null> {
  const { rows } = await db.query<{ seq: string }>(
    'select seq::text as seq from record_chain where event_id = $1',
    [eventId],
  );
  return rows[0] ? Number(rows[0].seq) : null;
}
