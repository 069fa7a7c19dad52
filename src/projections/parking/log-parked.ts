/** What a runner says when it parks events: each poison event on its own, the ones behind them counted. */
import type { ProjectionLogger } from '../logger.js';
import type { NewParkedEvent } from './parked-table.js';

export function logParked(
  log: ProjectionLogger,
  fields: Record<string, unknown>,
  parked: readonly NewParkedEvent[],
): void {
  for (const p of parked) {
    if (p.blockedBy !== undefined) continue;
    log.error(
      {
        ...fields,
        eventId: p.event.eventId,
        type: p.event.type,
        streamId: p.event.streamId,
        position: p.event.position.toString(),
        attempts: p.attempts,
        err: p.error,
      },
      'projection: event parked; its stream is stale until it is replayed',
    );
  }
  const behind = parked.filter((p) => p.blockedBy !== undefined).length;
  if (behind > 0) log.warn({ ...fields, events: behind }, 'projection: events parked behind a parked event');
}
