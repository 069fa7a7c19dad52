/** hold | release | purge: legal holds and the retention purge (docs/record.md). */
import { userInfo } from 'node:os';
import { PurgeUnsupportedError } from '../../record/retention/purge.js';
import { ChainBrokenError } from '../../record/verify.js';
import { commandContext, withProjector } from '../context.js';
import { CliError, ExitCode } from '../exit-codes.js';
import { renderPairs, renderTable } from '../output/table.js';

export function operator(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
}

export async function holdCommand(
  kind: string,
  id: string,
  flags: { reason?: string; json?: boolean },
): Promise<number> {
  const ctx = commandContext(flags);
  const reason = flags.reason?.trim();
  if (!reason) throw new CliError('hold needs --reason TEXT (kept in the record)', ExitCode.usage);
  const hold = await withProjector(ctx, (p) => p.record.hold(kind, id, { reason, actor: operator() }));
  ctx.out.result(hold, () =>
    renderPairs([
      ['hold', `${hold.kind} ${hold.id}`],
      ['reason', hold.reason],
      ['by', hold.heldBy],
      ['since', hold.heldAt],
    ]),
  );
  return ExitCode.ok;
}

export async function releaseCommand(kind: string, id: string, flags: { json?: boolean }): Promise<number> {
  const ctx = commandContext(flags);
  const hold = await withProjector(ctx, (p) => p.record.release(kind, id, { actor: operator() }));
  if (!hold) {
    ctx.out.note(`No hold in force on ${kind} ${id}.`);
    return ExitCode.notFound;
  }
  ctx.out.result(hold, () => `Released the hold on ${hold.kind} ${hold.id} (held since ${hold.heldAt}).`);
  return ExitCode.ok;
}

export async function purgeCommand(flags: {
  dryRun?: boolean;
  asOf?: string;
  json?: boolean;
}): Promise<number> {
  const ctx = commandContext(flags);
  if (flags.asOf !== undefined && Number.isNaN(new Date(flags.asOf).getTime()))
    throw new CliError('--as-of must be an ISO time', ExitCode.usage);
  let report;
  try {
    report = await withProjector(ctx, (p) =>
      p.record.purge({
        dryRun: flags.dryRun === true,
        actor: operator(),
        ...(flags.asOf ? { asOf: flags.asOf } : {}),
      }),
    );
  } catch (error) {
    if (error instanceof PurgeUnsupportedError) throw new CliError(error.message, ExitCode.usage);
    if (error instanceof ChainBrokenError) throw new CliError(error.message, ExitCode.tampered);
    throw error;
  }
  ctx.out.result(report, () => {
    const head = renderPairs([
      ['purge', report.dryRun ? 'dry run: nothing changed' : (report.purgeId ?? 'nothing to purge')],
      ['cutoff', report.cutoff],
      ['streams', String(report.streams.length)],
      ['events', String(report.events)],
      ['quarantine entries', String(report.quarantined)],
      ['access-log entries', String(report.accessLogEntries)],
      ['kept by a hold', String(report.held.length)],
    ]);
    if (report.streams.length === 0) return head;
    const table = renderTable(report.streams, [
      { header: 'STREAM', value: (s) => s.streamId },
      { header: 'LAST EVENT', value: (s) => s.lastEventAt },
      { header: 'EVENTS', value: (s) => String(s.events) },
    ]);
    return `${head}\n\n${table}`;
  });
  return ExitCode.ok;
}
