/** verify: walk the record's hash chain against the stored events; exit 7 at the first break. */
import { commandContext, withProjector } from '../context.js';
import { ExitCode } from '../exit-codes.js';
import { renderPairs } from '../output/table.js';

export async function verifyCommand(flags: { json?: boolean }): Promise<number> {
  const ctx = commandContext(flags);
  const report = await withProjector(ctx, (p) => p.record.verify());
  ctx.out.result(report, () => {
    const pairs: [string, string][] = [
      ['chain', report.intact ? 'intact' : 'BROKEN'],
      ['links checked', String(report.checked)],
      ['not yet chained', String(report.unchained)],
      ['head', `${report.head.seq} ${report.head.hash}`],
    ];
    const b = report.firstBreak;
    if (b) pairs.push(['first break', `link ${b.seq}: ${b.kind}`], ['why', b.reason]);
    return renderPairs(pairs);
  });
  return report.intact ? ExitCode.ok : ExitCode.tampered;
}
