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
import { ensureCatalog } from '../projections/builds.js';
import { projectionLag } from '../projections/lag.js';
import {
  countParked,
  ensureParkedTable,
  isStreamParked,
  listParked,
  type NewParkedEvent,
} from '../projections/parking/parked-table.js';
import { readModelsProjection } from '../projections/read-models/read-models.js';
import { streamIdFor } from '../events/streams.js';
import { replayParked } from '../projections/parking/replay.js';
import { logParked } from '../projections/parking/log-parked.js';
import { defaultProjections } from '../projections/registry.js';
import { queryTimeline } from '../timeline/timeline-query.js';
import { openRecord, type OpenedRecord } from '../record/record.js';
import { scrubAfterErasure } from '../record/erasure/scrub.js';
import { rotateMasterKey } from '../record/sealing/rotate-master-key.js';
import { ChainBrokenError } from '../record/verify.js';
import { backfillPersona } from '../record/backfill/backfill.js';
import { BackfillConfigError, PersonaEventsClient } from '../record/backfill/persona-events-client.js';
import { SealingQuarantine } from '../record/sealing/sealing-quarantine.js';
import { openStore, type OpenedStore } from './open-store.js';
import { withRecordSealing, type SealedStore } from './record-sealing.js';
import { VendorErasureScrub } from './vendor-erasure-scrub.js';
import { deferredProjections, startProjections, type Projections } from './projections.js';
import { ReadYourWrites } from './read-your-writes.js';
import { ReplicaReads } from './replica-reads.js';
import { openSqlClient } from '../db/open.js';
import { accessLogRetention, hasAccessLog, migrateAccessLog } from '../access/access-log.js';
import { readByReference } from './reference-query.js';
import { foldStateAt, readCurrentState } from './state-query.js';
import { MemorySnapshots } from '../projections/snapshots/memory-snapshots.js';
import { SqlSnapshots } from '../projections/snapshots/sql-snapshots.js';
import { checkOptions } from './check-options.js';
import { readModelsBehind } from './read-models-behind.js';
import type { Projector, ProjectorOptions, ProjectionsApi } from './types.js';

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
  /** Reads from the streaming replica (options.readDatabaseUrl), when one is configured. */
  replica?: ReplicaReads;
}

/** The replica's client, with the read models' schema; PostgreSQL stores only. */
async function openReplica(
  options: ProjectorOptions,
  opened: OpenedStore,
): Promise<ReplicaReads | undefined> {
  const url = options.readDatabaseUrl;
  if (!url) return undefined;
  if (opened.sql.dialect !== 'pg') throw new TypeError('options.readDatabaseUrl needs a PostgreSQL store');
  const client = await openSqlClient({
    postgres: url,
    ...(opened.schema === 'public' ? {} : { schema: opened.schema }),
  });
  return new ReplicaReads(opened.sql, client, options.replicaWaitMs);
}

export interface ComposeOptions {
  /**
   * Start following at once (default). False: start on catchUp, a read after a write, or a first
   * read that finds the read models behind the store (bulk loads, the demo, CLI commands); the
   * record's chain keeper starts on its first use.
   */
  projectNow?: boolean;
  /**
   * How this process keeps the read models (default: one runner per projection, or none when
   * another process holds them): `serve --role` passes partitioned runners, or none at all.
   */
  projections?: (opened: OpenedStore) => Promise<Projections>;
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
  // Bound once the projections exist: the scrub waits for them to mask the read models.
  let vendorErasures: VendorErasureScrub | undefined;
  const opened = await withRecordSealing(await openStore(options.store), options, () =>
    vendorErasures?.requested(),
  );
  let projections: Projections | undefined;
  let replica: ReplicaReads | undefined;
  let record: Promise<OpenedRecord> | undefined;
  try {
    const schema = opened.schema === 'public' ? {} : { schema: opened.schema };
    await migrateQuarantine(opened.sql, schema);
    const sqlQuarantine = new SqlQuarantine(opened.sql);
    const quarantine: QuarantineStore = opened.keys
      ? new SealingQuarantine(sqlQuarantine, opened.sql, opened.keys)
      : sqlQuarantine;
    // Reads report stale rows and readiness counts parked events even before a runner starts here.
    await ensureCatalog(opened.sql);
    await ensureParkedTable(opened.sql);
    const snapshots =
      options.store === 'memory' ? new MemorySnapshots() : await SqlSnapshots.open(opened.sql, schema);
    const deferred = composeOptions.projectNow === false;
    const start = composeOptions.projections
      ? () => composeOptions.projections!(opened)
      : () =>
          startProjections(opened.store, opened.sql, options.logger, {
            firstBuild: deferred ? 'bulk' : 'follow',
          });
    projections = deferred ? deferredProjections(start) : await start();
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
    const rw = new ReadYourWrites(() => running.whenCaughtUp(), options.readWaitMs);
    const scrub = new VendorErasureScrub(
      async () => {
        // The destroyed key's old row goes even when the projections are slow to mask.
        try {
          await rw.caughtUp();
        } finally {
          await scrubAfterErasure(opened.sql);
        }
      },
      (error) =>
        options.logger?.warn(
          { err: error instanceof Error ? error.message : String(error) },
          'record: storage scrub after a vendor erasure failed; it runs again after the next one',
        ),
    );
    vendorErasures = scrub;
    // Deferred projections: events stored while no runner followed count as a pending write, so
    // the first read catches up (bounded like any read-your-writes wait) and answers the truth.
    let behindChecked: Promise<void> | undefined;
    const beforeRead = async (): Promise<void> => {
      if (composeOptions.projectNow === false)
        await (behindChecked ??= readModelsBehind(opened.store, opened.sql, defaultProjections).then(
          (behind) => {
            if (behind) rw.wrote();
          },
          (error: unknown) => {
            behindChecked = undefined;
            throw error;
          },
        ));
      await rw.beforeRead();
    };
    const projectionsApi: ProjectionsApi = {
      async status() {
        const parked = await countParked(opened.sql);
        const runners = new Map(running.statuses().map((s) => [s.name, s]));
        return Promise.all(
          defaultProjections.map(async (p) => ({
            name: p.name,
            runner: runners.get(p.name) ?? null,
            lag: await projectionLag(opened.store, opened.sql, p),
            parked: parked.get(p.name) ?? 0,
          })),
        );
      },
      parked: (parkedOptions = {}) => listParked(opened.sql, parkedOptions),
      replay: (selector) => replayParked(opened.sql, opened.store, defaultProjections, selector),
    };
    replica = await openReplica(options, opened);
    const replicaReads = replica;
    const wrote = (): void => {
      rw.wrote();
      replicaReads?.wrote();
    };
    // After read-your-writes on the primary: the replica when it has replayed that far (replica-reads.ts).
    const readSql = async () => (replicaReads ? replicaReads.clientForRead() : opened.sql);

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
        if (result.outcome === 'appended') wrote();
        return result;
      },
      async replayQuarantined(id) {
        const results = await inner.replayQuarantined(id);
        if (results.some((r) => r.outcome === 'appended')) wrote();
        return results;
      },
    };

    let closed: Promise<void> | undefined;
    const projector: Projector = {
      ingest: (source, rawBody, headers, ingestOptions) =>
        intake.ingest(source, rawBody, headers, receivedAtOption(ingestOptions?.receivedAt)),
      async state(kind, id, stateOptions = {}) {
        if (stateOptions.asOf !== undefined || stateOptions.version !== undefined)
          return foldStateAt(opened.store, snapshots, kind, id, stateOptions);
        await beforeRead();
        return readCurrentState(await readSql(), kind, id);
      },
      async byReference(referenceId) {
        await beforeRead();
        return readByReference(await readSql(), referenceId);
      },
      async timeline(kind, id, timelineOptions) {
        await beforeRead();
        const page = await queryTimeline(await readSql(), kind, id, timelineOptions);
        const stale = await isStreamParked(opened.sql, readModelsProjection.name, streamIdFor(kind, id));
        return stale ? { ...page, stale: true as const } : page;
      },
      catchUp: () => rw.caughtUp(),
      async rebuild(rebuildOptions = {}) {
        const report = await rebuildProjections({
          store: opened.store,
          sql: opened.sql,
          ...(rebuildOptions.projections ? { projections: rebuildOptions.projections } : {}),
          ...(rebuildOptions.dryRun ? { dryRun: true } : {}),
          ...(rebuildOptions.onProgress ? { onProgress: rebuildOptions.onProgress } : {}),
          // What a rebuild parks is said as a runner says it (the report counts it too).
          ...(options.logger
            ? {
                onParked: (projection: string, parked: readonly NewParkedEvent[]) =>
                  logParked(options.logger!, { projection }, parked),
              }
            : {}),
        });
        // The runners move to the new build on their next batch; wait so reads see it.
        if (!report.dryRun) await rw.caughtUp();
        return report;
      },
      projections: projectionsApi,
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
          wrote();
          await rw.caughtUp();
          return { ...report, storage: await scrubAfterErasure(opened.sql) };
        },
        hold: async (kind, id, holdOptions) =>
          (await startRecord()).hold({ kind, id }, holdOptions.reason, holdOptions.actor ?? 'operator'),
        release: async (kind, id, releaseOptions) =>
          (await startRecord()).release({ kind, id }, releaseOptions?.actor ?? 'operator'),
        holds: async () => (await startRecord()).holds(),
        async rotateMasterKey(rotateOptions = {}) {
          if (!opened.keys) throw new RangeError('rotating needs the master key (RECORD_MASTER_KEY)');
          return rotateMasterKey(opened.sql, opened.keys.masters, rotateOptions.onProgress);
        },
        async purge(purgeOptions = {}) {
          const now = purgeOptions.asOf === undefined ? new Date() : new Date(purgeOptions.asOf);
          if (Number.isNaN(now.getTime())) throw new RangeError('asOf is not a valid date');
          const record = await startRecord();
          // A purge passes over the links of what it removes: it must not remove tampered evidence.
          if (!purgeOptions.dryRun) {
            const verified = await record.verify();
            if (!verified.intact) throw new ChainBrokenError(verified);
          }
          // The access log is kept under the same retention; its trigger lets the purge through
          // from its second migration on.
          const accessLog = await hasAccessLog(opened.sql);
          if (accessLog && !purgeOptions.dryRun)
            await migrateAccessLog(opened.sql, opened.schema === 'public' ? {} : { schema: opened.schema });
          return record.purge({
            now,
            actor: purgeOptions.actor ?? 'operator',
            ...(accessLog ? { accessLog: accessLogRetention } : {}),
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
        if (report.appended > 0) wrote();
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
          await scrub.close();
          await running.stop();
          await replicaReads?.close().catch(() => undefined);
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
      wrote,
      ...(replicaReads ? { replica: replicaReads } : {}),
      record: startRecord,
    };
  } catch (error) {
    await projections?.stop().catch(() => undefined);
    await replica?.close().catch(() => undefined);
    if (record) await (await record.catch(() => undefined))?.stop().catch(() => undefined);
    await opened.close().catch(() => undefined);
    throw error;
  }
}
