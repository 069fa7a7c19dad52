/** projections status | parked | replay: what the projections are doing, and their parked events. */
import { commandContext, withProjector } from '../context.js';
import { CliError, ExitCode } from '../exit-codes.js';
import { renderTable } from '../output/table.js';

export async function projectionsStatusCommand(flags: { json?: boolean }): Promise<number> {
  const ctx = commandContext(flags);
  // Live: the RUNNER column tells whether this process could take the runners or another one holds them.
  const statuses = await withProjector(ctx, (p) => p.projections.status(), {}, { projectNow: true });
  ctx.out.result(statuses, () =>
    renderTable(statuses, [
      { header: 'PROJECTION', value: (s) => s.name },
      { header: 'BUILD', value: (s) => (s.lag.buildVersion === undefined ? '-' : `v${s.lag.buildVersion}`) },
      { header: 'RUNNER', value: (s) => s.runner?.state ?? 'another process' },
      { header: 'LAG EVENTS', value: (s) => String(s.lag.events) },
      { header: 'LAG S', value: (s) => s.lag.seconds.toFixed(1) },
      { header: 'PARKED', value: (s) => String(s.parked) },
      { header: 'LAST ERROR', value: (s) => s.runner?.lastError?.message ?? '', max: 60 },
    ]),
  );
  return statuses.some((s) => s.parked > 0) ? ExitCode.partial : ExitCode.ok;
}

export async function projectionsParkedCommand(flags: {
  json?: boolean;
  projection?: string;
  stream?: string;
}): Promise<number> {
  const ctx = commandContext(flags);
  const parked = await withProjector(ctx, (p) =>
    p.projections.parked({
      ...(flags.projection ? { projection: flags.projection } : {}),
      ...(flags.stream ? { streamId: flags.stream } : {}),
    }),
  );
  ctx.out.result(parked, () =>
    parked.length === 0
      ? 'No parked events.'
      : renderTable(parked, [
          { header: 'PROJECTION', value: (p) => p.projection },
          { header: 'EVENT', value: (p) => p.eventId },
          { header: 'STREAM', value: (p) => p.streamId },
          { header: 'VERSION', value: (p) => String(p.streamVersion) },
          { header: 'POSITION', value: (p) => p.position },
          { header: 'ATTEMPTS', value: (p) => String(p.attempts) },
          { header: 'FIRST SEEN', value: (p) => p.firstSeen },
          { header: 'LAST SEEN', value: (p) => p.lastSeen },
          { header: 'ERROR', value: (p) => p.error, max: 80 },
        ]),
  );
  return ExitCode.ok;
}

export async function projectionsReplayCommand(flags: {
  json?: boolean;
  event?: string;
  all?: boolean;
}): Promise<number> {
  if ((flags.event === undefined) === (flags.all !== true))
    throw new CliError('give exactly one of --event <id> or --all', ExitCode.usage);
  const ctx = commandContext(flags);
  const report = await withProjector(ctx, async (p) => {
    if (flags.event !== undefined && (await p.projections.parked()).every((e) => e.eventId !== flags.event))
      return null;
    return p.projections.replay(flags.event !== undefined ? { eventId: flags.event } : { all: true });
  });
  if (report === null) {
    ctx.out.note(`No parked event ${flags.event}.`);
    return ExitCode.notFound;
  }
  ctx.out.result(report, () =>
    report.streams.length === 0
      ? 'No parked events to replay.'
      : renderTable(report.streams, [
          { header: 'PROJECTION', value: (s) => s.projection },
          { header: 'STREAM', value: (s) => s.streamId },
          { header: 'REPLAYED', value: (s) => String(s.replayed) },
          { header: 'STILL PARKED', value: (s) => String(s.stillParked) },
          { header: 'ERROR', value: (s) => s.error ?? '', max: 80 },
        ]),
  );
  return report.stillParked > 0 ? ExitCode.partial : ExitCode.ok;
}
