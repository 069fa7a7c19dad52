/** quarantine list | show | replay. */
import { commandContext, withProjector } from '../context.js';
import { CliError, ExitCode } from '../exit-codes.js';
import { renderPairs, renderTable } from '../output/table.js';

export interface ListFlags {
  status?: string;
  source?: string;
  limit?: string;
  json?: boolean;
}

export async function quarantineListCommand(flags: ListFlags): Promise<number> {
  const ctx = commandContext(flags);
  const status = flags.status ?? 'pending';
  if (status !== 'pending' && status !== 'replayed' && status !== 'all')
    throw new CliError('--status must be pending, replayed or all', ExitCode.usage);
  if (flags.source !== undefined && flags.source !== 'persona' && flags.source !== 'aiprise')
    throw new CliError('--source must be persona or aiprise', ExitCode.usage);
  if (flags.limit !== undefined && !/^\d+$/.test(flags.limit))
    throw new CliError('--limit must be a whole number', ExitCode.usage);
  const entries = await withProjector(ctx, (p) =>
    p.quarantine.list({
      status,
      ...(flags.source ? { source: flags.source as 'persona' | 'aiprise' } : {}),
      limit: flags.limit ? Number(flags.limit) : 100,
    }),
  );
  ctx.out.result(entries, () =>
    entries.length === 0
      ? `Quarantine is empty (${status}).`
      : renderTable(entries, [
          { header: 'ID', value: (e) => e.id },
          { header: 'SOURCE', value: (e) => e.source },
          { header: 'RECEIVED', value: (e) => e.receivedAt },
          { header: 'TIMES', value: (e) => String(e.deliveries) },
          { header: 'LINE', value: (e) => (e.line === null ? '-' : String(e.line)) },
          { header: 'REPLAYED', value: (e) => e.replayedAt ?? '-' },
          { header: 'REASON', value: (e) => e.reason, max: 80 },
        ]),
  );
  return ExitCode.ok;
}

export async function quarantineShowCommand(
  id: string,
  flags: { json?: boolean; body?: boolean },
): Promise<number> {
  const ctx = commandContext(flags);
  const entry = await withProjector(ctx, (p) => p.quarantine.show(id));
  if (!entry) {
    ctx.out.note(`No quarantine entry ${id}.`);
    return ExitCode.notFound;
  }
  // The body may hold PII: only shown when asked for.
  const { body, ...rest } = entry;
  const text = body.toString('utf8');
  ctx.out.result(flags.body ? { ...rest, body: text } : rest, () =>
    [
      renderPairs([
        ['id', entry.id],
        ['source', entry.source],
        ['received', entry.receivedAt],
        ['deliveries', String(entry.deliveries)],
        ['line', entry.line === null ? '-' : String(entry.line)],
        ['bytes', String(entry.bytes)],
        ['replayed', entry.replayedAt ? `${entry.replayedAt} as ${entry.replayedEventId ?? '?'}` : '-'],
        ['headers', Object.keys(entry.headers).join(', ') || '-'],
      ]),
      '',
      'Problems:',
      ...entry.problems.map(
        (p) => `  ${p.path.length ? p.path.join('.') : '(body)'}  ${p.code}  ${p.message}`,
      ),
      ...(flags.body ? ['', 'Body:', text] : ['', '(add --body to print the delivery body)']),
    ].join('\n'),
  );
  return ExitCode.ok;
}

export async function quarantineReplayCommand(id: string, flags: { json?: boolean }): Promise<number> {
  const ctx = commandContext(flags);
  const results = await withProjector(ctx, (p) => p.quarantine.replay(id));
  ctx.out.result(results, () =>
    results.length === 0
      ? 'Nothing pending to replay.'
      : renderTable(results, [
          { header: 'ID', value: (r) => r.quarantineId },
          { header: 'OUTCOME', value: (r) => r.outcome },
          { header: 'EVENT', value: (r) => r.eventId ?? '-' },
          { header: 'STREAM', value: (r) => r.streamId ?? '-' },
          { header: 'REASON', value: (r) => r.reason ?? '', max: 80 },
        ]),
  );
  if (results.some((r) => r.outcome === 'not_found')) return ExitCode.notFound;
  if (results.some((r) => r.outcome === 'quarantined')) return ExitCode.partial;
  return ExitCode.ok;
}
