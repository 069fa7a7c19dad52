/**
 * Backfill from Persona's Events API: pages newest first and stores each listed event through the
 * NDJSON import path (the webhook's parsing, dedupe by event id, quarantine for what does not
 * validate; a listed event is the object a webhook carries under `data`). After each page it keeps
 * the page's last event id in `record_backfill`, so a run that was killed continues after it and
 * stores nothing twice (dedupe covers the page it was in). The report is also the reconciliation:
 * the ids Persona listed that the store lacked before the run, per event name.
 */
import { Readable } from 'node:stream';
import type { SqlClient } from '../../db/sql-client.js';
import type { EventStore } from '../../store/event-store.js';
import type { QuarantineStore } from '../../intake/quarantine/quarantine.js';
import { importNdjson } from '../../intake/import.js';
import type { PersonaEventsClient } from './persona-events-client.js';

export interface BackfillOptions {
  /** Stop at events created before this time. */
  since?: Date;
  /** Start after this event id (older events only). */
  after?: string;
  /** `filter[name]`. */
  names?: string[];
  /** `filter[object-id]`. */
  objectId?: string;
  /** List and reconcile only: store nothing, move no cursor. */
  dryRun?: boolean;
  pageSize?: number;
  onProgress?: (progress: { pages: number; listed: number }) => void;
}

export interface BackfillReport {
  dryRun: boolean;
  /** The cursor an unfinished earlier run left, which this one continued from. */
  resumedFrom: string | null;
  pages: number;
  listed: number;
  appended: number;
  duplicates: number;
  quarantined: number;
  /** True when the listing reached its end (or `since`). */
  complete: boolean;
  /** Reconciliation: listed event ids the store did not have before this run, by event name. */
  missing: Record<string, string[]>;
}

export interface BackfillDeps {
  client: PersonaEventsClient;
  /** The store intake writes to (under the sealing decorator when configured). */
  store: EventStore;
  quarantine: QuarantineStore;
  sql: SqlClient;
}

function jobKey(options: BackfillOptions): string {
  return JSON.stringify({
    since: options.since?.toISOString() ?? null,
    after: options.after ?? null,
    names: options.names ?? null,
    objectId: options.objectId ?? null,
  });
}

export async function backfillPersona(
  deps: BackfillDeps,
  options: BackfillOptions = {},
): Promise<BackfillReport> {
  const dryRun = options.dryRun === true;
  const job = jobKey(options);
  const { rows } = await deps.sql.query<{ cursor: string | null }>(
    'select cursor from record_backfill where job = $1 and completed_at is null',
    [job],
  );
  const resumedFrom = rows[0]?.cursor ?? null;
  const report: BackfillReport = {
    dryRun,
    resumedFrom,
    pages: 0,
    listed: 0,
    appended: 0,
    duplicates: 0,
    quarantined: 0,
    complete: false,
    missing: Object.create(null) as Record<string, string[]>,
  };
  if (!dryRun)
    await deps.sql.query(
      `insert into record_backfill (job, cursor) values ($1, $2)
       on conflict (job) do update set completed_at = null, updated_at = now()
         where record_backfill.completed_at is not null`,
      [job, resumedFrom],
    );
  let after = resumedFrom ?? options.after;
  for (;;) {
    const page = await deps.client.page({
      ...(after ? { after } : {}),
      ...(options.pageSize ? { size: options.pageSize } : {}),
      ...(options.names ? { name: options.names } : {}),
      ...(options.objectId ? { objectId: options.objectId } : {}),
    });
    const events = options.since
      ? page.events.filter((e) => e.createdAt === null || new Date(e.createdAt) >= options.since!)
      : page.events;
    const reachedSince = events.length < page.events.length;
    report.pages += 1;
    report.listed += events.length;
    for (const event of events) {
      if (await deps.store.hasEvent(event.id)) continue;
      (report.missing[event.name] ??= []).push(event.id);
    }
    if (!dryRun && events.length > 0) {
      const lines = events.map((e) => JSON.stringify({ data: e.raw }));
      const stored = await importNdjson({
        store: deps.store,
        quarantine: deps.quarantine,
        source: 'persona',
        input: Readable.from([lines.join('\n')]),
      });
      report.appended += stored.appended;
      report.duplicates += stored.duplicates;
      report.quarantined += stored.quarantined;
    }
    const last = page.events[page.events.length - 1];
    if (!dryRun && last)
      await deps.sql.query(
        'update record_backfill set cursor = $2, pages = pages + 1, updated_at = now() where job = $1',
        [job, last.id],
      );
    options.onProgress?.({ pages: report.pages, listed: report.listed });
    if (!page.hasNext || !last || reachedSince) break;
    after = last.id;
  }
  report.complete = true;
  if (!dryRun) await deps.sql.query('update record_backfill set completed_at = now() where job = $1', [job]);
  return report;
}
