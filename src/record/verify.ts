/**
 * Walks the store's global order beside the chain and reports the first link that breaks:
 * - `changed`: the event at this link no longer hashes to it (a column edited behind the product);
 * - `missing`: the event chained here is gone from the store (a row deleted), or the link is;
 * - `reordered`: another stored event stands where the chain has this one (rows swapped).
 * Events after the last link are not yet chained (the keeper follows behind appends): counted, not
 * a break. Links of events a purge removed are passed over (their hashes still carry the chain). The chain proves what was chained is unchanged; anchoring the head hash outside the
 * database (docs/record.md) guards against someone rewriting the chain table as well.
 */
import type { SqlExecutor } from '../db/sql-client.js';
import type { EventStore } from '../store/event-store.js';
import { chainHash, GENESIS } from './chain-hash.js';
import { readHead, readLinks, seqOfEvent, type ChainLink } from './chain-statements.js';

export type BreakKind = 'changed' | 'missing' | 'reordered';

export interface ChainBreak {
  /** The chain position (1-based seq) that breaks. */
  seq: number;
  kind: BreakKind;
  /** The event the chain holds at this link (null when the link itself is gone). */
  expectedEventId: string | null;
  /** The event the store holds at this place in its order (null when it has none). */
  foundEventId: string | null;
  /** One sentence saying why. Ids and positions only, never content. */
  reason: string;
}

export interface VerifyReport {
  intact: boolean;
  /** Links checked before the first break (all of them when intact). */
  checked: number;
  /** Stored events after the last link: not chained yet. */
  unchained: number;
  /** Links of events a purge removed (record_purged_events): passed over, not breaks. */
  purged: number;
  /** The chain's last link: publish it elsewhere to anchor the chain. */
  head: { seq: number; hash: string };
  firstBreak: ChainBreak | null;
}

/** An operation that needs an intact chain (purge) found it broken. */
export class ChainBrokenError extends Error {
  override readonly name = 'ChainBrokenError';
  constructor(readonly report: VerifyReport) {
    super(
      `the record's hash chain is broken at link ${report.firstBreak?.seq ?? '?'} (${report.firstBreak?.kind ?? '?'}); run verify`,
    );
  }
}

const PAGE = 1000;

/** Reads links page by page in seq order. */
class LinkCursor {
  #page: ChainLink[] = [];
  #at = 0;
  #after = 0;
  #done = false;
  constructor(private readonly db: SqlExecutor) {}

  async next(): Promise<ChainLink | undefined> {
    if (this.#at >= this.#page.length) {
      if (this.#done) return undefined;
      this.#page = await readLinks(this.db, this.#after, PAGE);
      this.#at = 0;
      if (this.#page.length < PAGE) this.#done = true;
      if (this.#page.length === 0) return undefined;
      this.#after = this.#page[this.#page.length - 1]!.seq;
    }
    return this.#page[this.#at++];
  }
}

export async function verifyChain(store: EventStore, db: SqlExecutor): Promise<VerifyReport> {
  const head = await readHead(db);
  const links = new LinkCursor(db);
  let previous = GENESIS;
  let checked = 0;
  let unchained = 0;
  let purged = 0;
  let firstBreak: ChainBreak | null = null;
  const purgedIds = await readPurged(db);
  /** The next link whose event was not purged; purged links extend the chain unchecked. */
  const nextLink = async (): Promise<ChainLink | undefined> => {
    for (;;) {
      const link = checked < head.seq ? await links.next() : undefined;
      if (!link || link.seq !== checked + 1 || !purgedIds.has(link.eventId)) return link;
      previous = link.hash;
      checked = link.seq;
      purged += 1;
    }
  };

  const report = (): VerifyReport => ({
    intact: firstBreak === null,
    checked,
    unchained,
    purged,
    head: { seq: head.seq, hash: head.hash },
    firstBreak,
  });

  for await (const { event } of store.readAll({ raw: true })) {
    const link = await nextLink();
    if (!link) {
      if (checked < head.seq) {
        firstBreak = linkGone(checked + 1, event.eventId);
        return report();
      }
      unchained += 1;
      continue;
    }
    const seq = checked + 1;
    if (link.seq !== seq) {
      firstBreak = linkGone(seq, event.eventId);
      return report();
    }
    if (link.eventId !== event.eventId) {
      firstBreak = await misplaced(store, db, link, event.eventId);
      return report();
    }
    if (chainHash(previous, event) !== link.hash) {
      firstBreak = {
        seq,
        kind: 'changed',
        expectedEventId: link.eventId,
        foundEventId: event.eventId,
        reason: `event ${event.eventId} (position ${event.position}) no longer matches its chain hash: its stored content was changed`,
      };
      return report();
    }
    previous = link.hash;
    checked = seq;
  }
  const tail = await nextLink();
  if (checked < head.seq) {
    // The store ran out before the chain did: the events chained last were deleted.
    const link = tail;
    firstBreak = {
      seq: checked + 1,
      kind: 'missing',
      expectedEventId: link?.eventId ?? null,
      foundEventId: null,
      reason: link
        ? `event ${link.eventId} (chained at ${link.seq}) is no longer in the store`
        : `chain link ${checked + 1} is gone from the chain table`,
    };
  } else if (previous !== head.hash) {
    firstBreak = {
      seq: head.seq,
      kind: 'changed',
      expectedEventId: null,
      foundEventId: null,
      reason: 'the chain head does not match its last link',
    };
  }
  return report();
}

async function readPurged(db: SqlExecutor): Promise<Set<string>> {
  const { rows } = await db.query<{ event_id: string }>('select event_id from record_purged_events');
  return new Set(rows.map((r) => r.event_id));
}

function linkGone(seq: number, foundEventId: string): ChainBreak {
  return {
    seq,
    kind: 'missing',
    expectedEventId: null,
    foundEventId,
    reason: `chain link ${seq} is gone from the chain table`,
  };
}

/** The store has another event where the chain has `link`: deleted, or moved elsewhere? */
async function misplaced(
  store: EventStore,
  db: SqlExecutor,
  link: ChainLink,
  foundEventId: string,
): Promise<ChainBreak> {
  const base = { seq: link.seq, expectedEventId: link.eventId, foundEventId };
  if (!(await store.hasEvent(link.eventId)))
    return {
      ...base,
      kind: 'missing',
      reason: `event ${link.eventId} (chained at ${link.seq}, position ${link.position}) is no longer in the store`,
    };
  const foundAt = await seqOfEvent(db, foundEventId);
  return {
    ...base,
    kind: 'reordered',
    reason: `the store has event ${foundEventId} where the chain has ${link.eventId}${
      foundAt === null ? '' : ` (chained at ${foundAt})`
    }: rows were moved or swapped`,
  };
}
