/**
 * export <kind> <id> --format json|csv|pdf --out FILE: the subject's case file (src/export). The
 * CLI reads the database directly, so PII is shown unless --mask-pii; a redacted subject never
 * shows any. Each file written is recorded in the access log as `cli:<os user>`.
 */
import { writeFile } from 'node:fs/promises';
import { isAggregateKind } from '../../events/streams.js';
import { buildCaseFile } from '../../export/case-file.js';
import { EXPORT_FORMATS, isExportFormat, renderCaseFile } from '../../export/render.js';
import { commandContext } from '../context.js';
import { CliError, ExitCode } from '../exit-codes.js';
import { cliReader, withAccessLog } from './access-commands.js';

export interface ExportFlags {
  format?: string;
  out?: string;
  related?: boolean;
  maskPii?: boolean;
}

export async function exportCommand(kind: string, id: string, flags: ExportFlags): Promise<number> {
  const ctx = commandContext({});
  if (!isAggregateKind(kind))
    throw new CliError('kind must be account, case, inquiry or user-profile', ExitCode.usage);
  const format = flags.format ?? 'json';
  if (!isExportFormat(format))
    throw new CliError(`--format must be one of ${EXPORT_FORMATS.join(', ')}`, ExitCode.usage);
  if (!flags.out) throw new CliError('--out FILE is required (- for stdout)', ExitCode.usage);
  const reader = cliReader();
  const written = await withAccessLog(ctx, async (log, composition) => {
    const file = await buildCaseFile(composition.projector, kind, id, {
      includeRelated: flags.related === true,
      pii: flags.maskPii !== true,
      generatedBy: reader,
    });
    if (!file) return null;
    const body = await renderCaseFile(file, format);
    await log.record({
      tokenName: reader,
      subjectKind: kind,
      subjectId: id,
      what: `export ${format}${flags.related ? ' with related' : ''}${file.piiShown ? ' with PII' : ''}`,
      channel: 'cli',
      remote: 'local',
    });
    if (flags.out === '-') process.stdout.write(body);
    else await writeFile(flags.out!, body);
    return file;
  });
  if (!written) {
    ctx.out.note(`No events for ${kind} ${id}.`);
    return ExitCode.notFound;
  }
  if (flags.out !== '-')
    ctx.out.note(
      `Wrote ${flags.out}: ${kind} ${id}, ${written.timeline.length} timeline entries (${format}).`,
    );
  return ExitCode.ok;
}
