/** erase: destroy a subject's data keys (and those of the streams that name it); fold it as redacted. */
import { SubjectNotFoundError } from '../../record/erasure/erase.js';
import { commandContext, withProjector } from '../context.js';
import { CliError, ExitCode } from '../exit-codes.js';
import { renderPairs } from '../output/table.js';
import { operator } from './retention-commands.js';

export interface EraseFlags {
  reason?: string;
  json?: boolean;
}

export async function eraseCommand(kind: string, id: string, flags: EraseFlags): Promise<number> {
  const ctx = commandContext(flags);
  const reason = flags.reason?.trim();
  if (!reason) throw new CliError('erase needs --reason TEXT (kept in the record)', ExitCode.usage);
  let report;
  try {
    report = await withProjector(ctx, (p) => p.record.erase(kind, id, { reason, actor: operator() }));
  } catch (error) {
    if (error instanceof SubjectNotFoundError) {
      ctx.out.note(error.message);
      return ExitCode.notFound;
    }
    throw error;
  }
  if (!report.keysDestroyed)
    ctx.out.note(
      'RECORD_MASTER_KEY is not set: events were stored unsealed, so their stored bodies still hold the PII; read models and timeline are masked.',
    );
  ctx.out.result(report, () =>
    renderPairs([
      ['erasure', report.erasureId],
      ['subject', `${report.subject.kind} ${report.subject.id}`],
      ['streams', report.streams.join(', ')],
      ['events', String(report.events)],
      ['keys destroyed', report.keysDestroyed ? 'yes' : 'no (no master key)'],
      ['unsealed events', String(report.unsealedEvents)],
      ['tables rewritten', String(report.storage?.vacuumed.length ?? 0)],
    ]),
  );
  return ExitCode.ok;
}
