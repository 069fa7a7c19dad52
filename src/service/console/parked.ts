/**
 * Parked events (issue 15: events a projection failed on, set aside so the rest keep moving), as
 * the console's operator page shows and replays them. The shape is the slice of the projector's
 * `projections` API (`parked()`, `replay()`) the page needs; `parkedEventsOf` finds it on a
 * projector that has it, so the page shows parked events wherever that API exists and says so
 * where it does not.
 */
export interface ParkedEventRow {
  projection: string;
  eventId: string;
  streamId: string;
  streamVersion: number;
  error: string;
  blockedBy?: string;
  attempts: number;
  lastSeen: string;
}

export interface ParkedReplayReport {
  replayed: number;
  stillParked: number;
}

export interface ParkedEvents {
  parked(): Promise<ParkedEventRow[]>;
  replay(selector: { eventId: string } | { all: true }): Promise<ParkedReplayReport>;
}

function isParkedEvents(value: unknown): value is ParkedEvents {
  const v = value as Partial<ParkedEvents> | null | undefined;
  return typeof v?.parked === 'function' && typeof v?.replay === 'function';
}

/** The projector's parked-events API, or undefined when this projector has none. */
export function parkedEventsOf(projector: object): ParkedEvents | undefined {
  const projections = (projector as { projections?: unknown }).projections;
  return isParkedEvents(projections) ? projections : undefined;
}
