/** backfill persona: page Persona's Events API, store what is missing, report the reconciliation. */
import { BackfillConfigError, PersonaApiError } from '../../record/backfill/persona-events-client.js';
import { commandContext, withProjector } from '../context.js';
import { CliError, ExitCode } from '../exit-codes.js';
import { progressBar } from '../output/progress.js';
import { renderPairs, renderTable } from '../output/table.js';

export interface BackfillFlags {
  since?: string;
  after?: string;
  name?: string[];
  objectId?: string;
  dryRun?: boolean;
  json?: boolean;
}

export async function backfillCommand(source: string, flags: BackfillFlags): Promise<number> {
  const ctx = commandContext(flags);
  if (source !== 'persona')
    throw new CliError('backfill reads persona only (AiPrise has no events API)', ExitCode.usage);
  if (flags.since !== undefined && flags.after !== undefined)
    throw new CliError('give --since or --after, not both', ExitCode.usage);
  if (flags.since !== undefined && Number.isNaN(new Date(flags.since).getTime()))
    throw new CliError('--since must be an ISO time', ExitCode.usage);
  const bar = progressBar('listing', 'events');
  let report;
  try {
    report = await withProjector(
      ctx,
      (p) =>
        p.backfill('persona', {
          ...(flags.since ? { since: flags.since } : {}),
          ...(flags.after ? { after: flags.after } : {}),
          ...(flags.name?.length ? { names: flags.name.flatMap((n) => n.split(',')) } : {}),
          ...(flags.objectId ? { objectId: flags.objectId } : {}),
          dryRun: flags.dryRun === true,
          onProgress: ({ listed }) => bar.update(listed),
        }),
      {},
      // The read models follow the backfill as it appends.
      { projectNow: true },
    );
  } catch (error) {
    bar.stop();
    if (error instanceof BackfillConfigError) throw new CliError(error.message, ExitCode.usage);
    if (error instanceof PersonaApiError)
      throw new CliError(
        `Persona's Events API failed (${error.status}); run again to continue where it stopped`,
        error.status === 401 || error.status === 403 ? ExitCode.usage : ExitCode.unavailable,
      );
    throw error;
  }
  bar.stop();
  const missing = Object.entries(report.missing).map(([name, ids]) => ({ name, ids }));
  ctx.out.result(report, () => {
    const head = renderPairs([
      ['backfill', report.dryRun ? 'dry run: nothing stored' : 'done'],
      ['resumed after', report.resumedFrom ?? '-'],
      ['pages', String(report.pages)],
      ['listed', String(report.listed)],
      ['appended', String(report.appended)],
      ['duplicates', String(report.duplicates)],
      ['quarantined', String(report.quarantined)],
    ]);
    if (missing.length === 0) return `${head}\n\nThe store had every listed event.`;
    const table = renderTable(missing, [
      { header: 'EVENT NAME', value: (m) => m.name },
      { header: 'MISSING', value: (m) => String(m.ids.length) },
      { header: 'FIRST IDS', value: (m) => m.ids.slice(0, 3).join(', '), max: 80 },
    ]);
    return `${head}\n\nMissing from the store before this run:\n${table}`;
  });
  return report.quarantined > 0 ? ExitCode.partial : ExitCode.ok;
}
