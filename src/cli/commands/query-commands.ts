/** state, timeline and by-reference: read-only queries. */
import { isAggregateKind } from '../../events/streams.js';
import type { TimelineOptions } from '../../timeline/options.js';
import { isTimelineKind, unknownKindMessage } from '../../timeline/kinds.js';
import type { TimelineEntry } from '../../timeline/entry.js';
import { commandContext, withProjector } from '../context.js';
import { CliError, ExitCode } from '../exit-codes.js';
import { formatReference, formatState } from '../output/format-state.js';
import { formatTimeline } from '../output/format-timeline.js';

function checkKind(kind: string): asserts kind is 'account' | 'case' | 'inquiry' | 'user-profile' {
  if (!isAggregateKind(kind)) throw new CliError(unknownKindMessage(kind), ExitCode.usage);
}

export interface StateFlags {
  asOf?: string;
  version?: string;
  json?: boolean;
}

export async function stateCommand(kind: string, id: string, flags: StateFlags): Promise<number> {
  checkKind(kind);
  const ctx = commandContext(flags);
  const options: { asOf?: string; version?: number } = {};
  if (flags.asOf !== undefined) options.asOf = flags.asOf;
  if (flags.version !== undefined) {
    if (!/^\d+$/.test(flags.version)) throw new CliError('--version must be a whole number', ExitCode.usage);
    options.version = Number(flags.version);
  }
  const state = await withProjector(ctx, (p) => p.state(kind, id, options));
  if (!state) {
    ctx.out.note(`No events for ${kind} ${id}${options.asOf ? ` at or before ${options.asOf}` : ''}.`);
    if (ctx.json) ctx.out.result(null, () => '');
    return ExitCode.notFound;
  }
  ctx.out.result(state, () => formatState(state));
  return ExitCode.ok;
}

export interface TimelineFlags {
  from?: string;
  to?: string;
  type?: string[];
  actor?: string[];
  related?: boolean;
  order?: string;
  limit?: string;
  cursor?: string;
  all?: boolean;
  json?: boolean;
}

export async function timelineCommand(kind: string, id: string, flags: TimelineFlags): Promise<number> {
  if (!isTimelineKind(kind)) throw new CliError(unknownKindMessage(kind), ExitCode.usage);
  const ctx = commandContext(flags);
  if (flags.order !== undefined && flags.order !== 'asc' && flags.order !== 'desc')
    throw new CliError('--order must be asc or desc', ExitCode.usage);
  if (flags.limit !== undefined && !/^\d+$/.test(flags.limit))
    throw new CliError('--limit must be a whole number', ExitCode.usage);
  const options: TimelineOptions = {};
  if (flags.from) options.from = flags.from;
  if (flags.to) options.to = flags.to;
  if (flags.type?.length) options.types = flags.type.flatMap((t) => t.split(','));
  if (flags.actor?.length) options.actor = flags.actor;
  if (flags.related) options.includeRelated = true;
  if (flags.order) options.order = flags.order as 'asc' | 'desc';
  if (flags.limit) options.limit = Number(flags.limit);
  if (flags.cursor) options.cursor = flags.cursor;

  const page = await withProjector(ctx, async (p) => {
    if (!flags.all) return p.timeline(kind, id, options);
    // --all follows the cursor to the end: one consistent snapshot, however long.
    const entries: TimelineEntry[] = [];
    let cursor = options.cursor;
    for (;;) {
      const next = await p.timeline(kind, id, {
        ...options,
        ...(cursor ? { cursor } : {}),
        limit: options.limit ?? 1000,
      });
      entries.push(...next.entries);
      if (!next.nextCursor) return { entries };
      cursor = next.nextCursor;
    }
  });
  ctx.out.result(page, () => formatTimeline(page, { kind, id }));
  return page.entries.length === 0 && !options.cursor ? ExitCode.notFound : ExitCode.ok;
}

export async function byReferenceCommand(reference: string, flags: { json?: boolean }): Promise<number> {
  const ctx = commandContext(flags);
  const result = await withProjector(ctx, (p) => p.byReference(reference));
  ctx.out.result(result, () => formatReference(result));
  return result.aggregates.length === 0 ? ExitCode.notFound : ExitCode.ok;
}
