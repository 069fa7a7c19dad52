/** Legal holds: a subject on hold is never purged, nor are the streams that name it. */
import type { SqlExecutor } from '../../db/sql-client.js';

export interface Hold {
  kind: string;
  id: string;
  reason: string;
  heldBy: string;
  heldAt: string;
  releasedAt: string | null;
  releasedBy: string | null;
}

interface HoldRow {
  kind: string;
  id: string;
  reason: string;
  held_by: string;
  held_at: Date | string;
  released_at: Date | string | null;
  released_by: string | null;
}

const iso = (v: Date | string | null): string | null => (v === null ? null : new Date(v).toISOString());

function toHold(r: HoldRow): Hold {
  return {
    kind: r.kind,
    id: r.id,
    reason: r.reason,
    heldBy: r.held_by,
    heldAt: iso(r.held_at)!,
    releasedAt: iso(r.released_at),
    releasedBy: r.released_by,
  };
}

/** Places (or renews) a hold. */
export async function placeHold(
  db: SqlExecutor,
  subject: { kind: string; id: string },
  reason: string,
  actor: string,
): Promise<Hold> {
  const { rows } = await db.query<HoldRow>(
    `insert into record_holds (kind, id, reason, held_by) values ($1, $2, $3, $4)
     on conflict (kind, id) do update set reason = excluded.reason, held_by = excluded.held_by,
       held_at = now(), released_at = null, released_by = null
     returning *`,
    [subject.kind, subject.id, reason, actor],
  );
  return toHold(rows[0]!);
}

/** Releases a hold; null when the subject had none in force. */
export async function releaseHold(
  db: SqlExecutor,
  subject: { kind: string; id: string },
  actor: string,
): Promise<Hold | null> {
  const { rows } = await db.query<HoldRow>(
    `update record_holds set released_at = now(), released_by = $3
     where kind = $1 and id = $2 and released_at is null returning *`,
    [subject.kind, subject.id, actor],
  );
  return rows[0] ? toHold(rows[0]) : null;
}

export async function listHolds(db: SqlExecutor): Promise<Hold[]> {
  const { rows } = await db.query<HoldRow>(
    'select * from record_holds where released_at is null order by kind, id',
  );
  return rows.map(toHold);
}
