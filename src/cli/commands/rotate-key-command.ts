/** rotate-master-key: rewraps the data keys still wrapped by a previous master key (docs/record.md). */
import { commandContext, withProjector } from '../context.js';
import { CliError, ExitCode } from '../exit-codes.js';
import { renderPairs } from '../output/table.js';

export async function rotateMasterKeyCommand(flags: { json?: boolean }): Promise<number> {
  const ctx = commandContext(flags);
  let report;
  try {
    report = await withProjector(ctx, (p) => p.record.rotateMasterKey());
  } catch (error) {
    if (error instanceof RangeError) throw new CliError(error.message, ExitCode.usage);
    throw error;
  }
  ctx.out.result(report, () =>
    renderPairs([
      ['rewrapped now', String(report.rewrapped)],
      ['already current', String(report.current)],
      ['destroyed (erased)', String(report.destroyed)],
      ['changed while running', String(report.changedMeanwhile)],
      ['opened by no configured key', String(report.unopenable.length)],
    ]),
  );
  if (report.unopenable.length > 0) {
    ctx.out.note(
      `${report.unopenable.length} data key(s) open with none of the configured master keys (first: ${report.unopenable[0]}): add the key they were wrapped with to RECORD_MASTER_KEY_PREVIOUS and run again.`,
    );
    return ExitCode.partial;
  }
  return ExitCode.ok;
}
