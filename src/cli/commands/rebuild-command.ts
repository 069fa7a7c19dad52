/** rebuild: re-derive read models from the first event beside the serving ones, then switch over. */
import { commandContext, withProjector } from '../context.js';
import { ExitCode } from '../exit-codes.js';
import { progressBar, type ProgressBar } from '../output/progress.js';
import { renderTable } from '../output/table.js';
import type { RebuildPlan, RebuildResult } from '../../projector/types.js';

export interface RebuildFlags {
  projection?: string[];
  dryRun?: boolean;
  json?: boolean;
}

const applied = (r: RebuildPlan | RebuildResult): r is RebuildResult => 'eventsApplied' in r;

export async function rebuildCommand(flags: RebuildFlags): Promise<number> {
  const ctx = commandContext(flags);
  const bars = new Map<string, ProgressBar>();
  const report = await withProjector(ctx, (p) =>
    p.rebuild({
      ...(flags.projection?.length ? { projections: flags.projection.flatMap((s) => s.split(',')) } : {}),
      dryRun: flags.dryRun === true,
      onProgress: ({ projection, processed, total }) => {
        let bar = bars.get(projection);
        if (!bar) {
          bar = progressBar(projection, 'events');
          bars.set(projection, bar);
        }
        bar.update(processed, total ?? undefined);
      },
    }),
  );
  for (const bar of bars.values()) bar.stop();
  ctx.out.result(report, () => {
    const table = renderTable(report.projections, [
      { header: 'PROJECTION', value: (r) => r.projection },
      { header: 'SERVING', value: (r) => (r.activeVersion === null ? '-' : `v${r.activeVersion}`) },
      { header: 'BUILD', value: (r) => `v${r.buildVersion}${r.resumes ? ' (resumed)' : ''}` },
      { header: 'EVENTS', value: (r) => String(applied(r) ? r.eventsApplied : r.eventsToRead) },
      { header: 'EVENTS/S', value: (r) => (applied(r) ? String(Math.round(r.eventsPerSecond)) : '-') },
      { header: 'SECONDS', value: (r) => (applied(r) ? r.seconds.toFixed(1) : '-') },
      { header: 'PARKED', value: (r) => (applied(r) ? String(r.parked) : '-') },
    ]);
    return `${report.dryRun ? 'Dry run: nothing changed. Would rebuild:' : 'Rebuilt and switched over:'}\n\n${table}`;
  });
  // Switched over, with events set aside: say where they are and how to apply them once fixed.
  const parked = report.projections.reduce((n, r) => n + (applied(r) ? r.parked : 0), 0);
  if (parked > 0) {
    ctx.out.note(
      `${parked} event(s) parked: the projection threw on them (see \`projections parked\`); fix it, then \`projections replay --all\`.`,
    );
    return ExitCode.partial;
  }
  return ExitCode.ok;
}
