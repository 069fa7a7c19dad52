/**
 * The composition root: opens the store, the quarantine and the projections, wires intake to them,
 * and builds the Projector on top. The CLI's `serve` and `demo` also use the intake it exposes, so
 * webhooks over HTTP and library calls share one path and one read-your-writes bookkeeping.
 */
import { parseDelivery } from '../events/parse.js';
import { createIntake, type Intake } from '../intake/intake.js';
import { migrateQuarantine, SqlQuarantine } from '../intake/quarantine/sql-quarantine.js';
import type { QuarantineStore } from '../intake/quarantine/quarantine.js';
import { rebuild as rebuildProjections } from '../projections/rebuild.js';
import { queryTimeline } from '../timeline/timeline-query.js';
import { openRecord, type OpenedRecord } from '../record/record.js';
import { scrubAfterErasure } from '../record/erasure/scrub.js';
import { ChainBrokenError } from '../record/verify.js';
import { backfillPersona } from '../record/backfill/backfill.js';
import { BackfillConfigError, PersonaEventsClient } from '../record/backfill/persona-events-client.js';
import { SealingQuarantine } from '../record/sealing/sealing-quarantine.js';
import { openStore } from './open-store.js';
import { withRecordSealing, type SealedStore } from './record-sealing.js';
import { deferredProjections, startProjections, type Projections } from './projections.js';
import { ReadYourWrites } from './read-your-writes.js';
import { readByReference } from './reference-query.js';
import { foldStateAt, readCurrentState } from './state-query.js';
import { checkOptions } from './check-options.js';
import type { Projector, ProjectorOptions } from './types.js';

export interface Composition {
  projector: Projector;
  /** Intake wired to this projector (appends count for read-your-writes). */
  intake: Intake;
  opened: SealedStore;
  quarantine: QuarantineStore;
  projections: Projections;
  /** The compliance record (hash chain) beside the store; started on first use when projectNow is false. */
  record(): Promise<OpenedRecord>;
  /** Call after writing to the store directly (NDJSON import), so reads wait for those events too. */
  wrote(): void;
}

export interface ComposeOptions {
  /** Start following at once (default). False: start on the first read or catchUp (bulk loads, the demo). */
  projectNow?: boolean;
}

function receivedAtOption(receivedAt: Date | string | undefined): { receivedAt?: Date } {
  if (receivedAt === undefined) return {};
  const at = receivedAt instanceof Date ? receivedAt : new Date(receivedAt);
  if (Number.isNaN(at.getTime())) throw new RangeError('receivedAt is not a valid date');
  return { receivedAt: at };
}

export async function compose(
  options: ProjectorOptions,
  composeOptions: ComposeOptions = {},
): Promise<Composition> {
  checkOptions(options);
  const opened = await withRecordSealing(await openStore(options.store), options);
  let projections: Projections | undefined;
  let record: Promise<OpenedRecord> | undefined;
  try {
    const schema = opened.schema === 'public' ? {} : { schema: opened.schema };
    await migrateQuarantine(opened.sql, schema);
    const sqlQuarantine = new SqlQuarantine(opened.sql);
    const quarantine: QuarantineStore = opened.keys
      ? new SealingQuarantine(sqlQuarantine, opened.sql, opened.keys)
      : sqlQuarantine;
    const start = () => startProjections(opened.store, opened.sql, options.logger);
    projections = composeOptions.projectNow === false ? deferredProjections(start) : await start();
    const running = projections;
    const startRecord = () =>
      (record ??= openRecord({
        store: opened.stored,
        sql: opened.sql,
        keys: opened.keys,
        ...(opened.schema === 'public' ? {} : { schema: opened.schema }),
        ...(options.logger
          ? {
              onError: (error: unknown) =>
                options.logger!.warn(
                  { err: error instanceof Error ? error.message : String(error) },
                  'record: chain keeper error, retrying',
                ),
            }
          : {}),
      }));
    if (composeOptions.projectNow !== false) await startRecord();
    const rw = new ReadYourWrites(() => running.whenCaughtUp());

    const inner = createIntake({
      store: opened.store,
      quarantine,
      parse: parseDelivery,
      ...(options.secrets ? { secrets: options.secrets } : {}),
      ...(options.allowUnsigned ? { allowUnsigned: true } : {}),
      ...(options.signatureToleranceSeconds ? { toleranceSeconds: options.signatureToleranceSeconds } : {}),
      ...(options.bodyLimit !== undefined ? { maxBytes: options.bodyLimit } : {}),
    });
    // Only the calls that append need to tell read-your-writes; every other member passes through.
    const intake: Intake = {
      ...inner,
      async ingest(...args) {
        const result = await inner.ingest(...args);
        if (result.outcome === 'appended') rw.wrote();
        return result;
      },
      async replayQuarantined(id) {
        const results = await inner.replayQuarantined(id);
        if (results.some((r) => r.outcome === 'appended')) rw.wrote();
        return results;
      },
    };

    let closed: Promise<void> | undefined;
    const projector: Projector = {
      ingest: (source, rawBody, headers, ingestOptions) =>
        intake.ingest(source, rawBody, headers, receivedAtOption(ingestOptions?.receivedAt)),
      async state(kind, id, stateOptions = {}) {
        if (stateOptions.asOf !== undefined || stateOptions.version !== undefined)
          return foldStateAt(opened.store, kind, id, stateOptions);
        await rw.beforeRead();
        return readCurrentState(opened.sql, kind, id);
      },
      async byReference(referenceId) {
        await rw.beforeRead();
        return readByReference(opened.sql, referenceId);
      },
      async timeline(kind, id, timelineOptions) {
        await rw.beforeRead();
        return queryTimeline(opened.sql, kind, id, timelineOptions);
      },
      catchUp: () => rw.caughtUp(),
      async rebuild(rebuildOptions = {}) {
        const report = await rebuildProjections({
          store: opened.store,
          sql: opened.sql,
          ...(rebuildOptions.projections ? { projections: rebuildOptions.projections } : {}),
          ...(rebuildOptions.dryRun ? { dryRun: true } : {}),
          ...(rebuildOptions.onProgress ? { onProgress: rebuildOptions.onProgress } : {}),
        });
        // The runners move to the new build on their next batch; wait so reads see it.
        if (!report.dryRun) await rw.caughtUp();
        return report;
      },
      record: {
        verify: async () => (await startRecord()).verify(),
        async erase(kind, id, eraseOptions) {
          const report = await (
            await startRecord()
          ).erase({
            kind,
            id,
            reason: eraseOptions.reason,
            actor: eraseOptions.actor ?? 'operator',
            trigger: 'operator',
          });
          // The projections fold the record.erased events (masking the read models), then the old
          // row versions and WAL that held the PII are rewritten away.
          rw.wrote();
          await rw.caughtUp();
          return { ...report, storage: await scrubAfterErasure(opened.sql) };
        },
        hold: async (kind, id, holdOptions) =>
          (await startRecord()).hold({ kind, id }, holdOptions.reason, holdOptions.actor ?? 'operator'),
        release: async (kind, id, releaseOptions) =>
          (await startRecord()).release({ kind, id }, releaseOptions?.actor ?? 'operator'),
        holds: async () => (await startRecord()).holds(),
        async purge(purgeOptions = {}) {
          const now = purgeOptions.asOf === undefined ? new Date() : new Date(purgeOptions.asOf);
          if (Number.isNaN(now.getTime())) throw new RangeError('asOf is not a valid date');
          const record = await startRecord();
          // A purge passes over the links of what it removes: it must not remove tampered evidence.
          if (!purgeOptions.dryRun) {
            const verified = await record.verify();
            if (!verified.intact) throw new ChainBrokenError(verified);
          }
          return record.purge({
            now,
            actor: purgeOptions.actor ?? 'operator',
            ...(purgeOptions.dryRun ? { dryRun: true } : {}),
            ...(options.record?.retentionYears !== undefined
              ? { retentionYears: options.record.retentionYears }
              : {}),
          });
        },
      },
      async backfill(source, backfillOptions = {}) {
        if (source !== 'persona')
          throw new RangeError('backfill reads Persona only (AiPrise has no events API)');
        const api = options.record?.personaApi;
        if (!api?.apiKey) throw new BackfillConfigError();
        const since = backfillOptions.since === undefined ? undefined : new Date(backfillOptions.since);
        if (since && Number.isNaN(since.getTime())) throw new RangeError('since is not a valid date');
        await startRecord();
        const report = await backfillPersona(
          { client: new PersonaEventsClient(api), store: opened.store, quarantine, sql: opened.sql },
          {
            ...(since ? { since } : {}),
            ...(backfillOptions.after ? { after: backfillOptions.after } : {}),
            ...(backfillOptions.names ? { names: backfillOptions.names } : {}),
            ...(backfillOptions.objectId ? { objectId: backfillOptions.objectId } : {}),
            ...(backfillOptions.dryRun ? { dryRun: true } : {}),
            ...(backfillOptions.onProgress ? { onProgress: backfillOptions.onProgress } : {}),
          },
        );
        if (report.appended > 0) rw.wrote();
        return report;
      },
      quarantine: {
        list: (listOptions) => quarantine.list(listOptions),
        show: (id) => quarantine.get(id),
        replay: (id) => intake.replayQuarantined(id),
      },
      async ready() {
        const [store, sql] = await Promise.all([
          opened.store.ping().catch(() => false),
          opened.sql.query('select 1').then(
            () => true,
            () => false,
          ),
        ]);
        return store && sql;
      },
      close() {
        closed ??= (async () => {
          await running.stop();
          if (record) await (await record.catch(() => undefined))?.stop();
          await opened.close();
        })();
        return closed;
      },
    };
    return {
      projector,
      intake,
      opened,
      quarantine,
      projections: running,
      record: startRecord,
      wrote: () => rw.wrote(),
    };
  } catch (error) {
    await projections?.stop().catch(() => undefined);
    if (record) await (await record.catch(() => undefined))?.stop().catch(() => undefined);
    await opened.close().catch(() => undefined);
    throw error;
  }
}
