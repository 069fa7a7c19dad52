/**
 * What GET /ready answers, decided from facts alone (no I/O, tested without a server): ready only
 * while the database answers, no projection of this process is stopped or retrying, no event is
 * parked, and no projection is further behind than READY_MAX_LAG_S. Every reason it is not is
 * named in the body, so an operator (or a load balancer's log) sees why.
 */
import type { ProjectionStatus } from '../projector/types.js';

/** Default READY_MAX_LAG_S: the oldest event not yet in the read models may be this old. */
export const DEFAULT_READY_MAX_LAG_S = 60;

export interface ReadinessFacts {
  database: boolean;
  /** Undefined when they could not be read (the database is away). */
  projections: readonly ProjectionStatus[] | undefined;
  maxLagSeconds: number;
}

export interface Readiness {
  ready: boolean;
  reasons: string[];
}

const NOT_RUNNING = new Set(['retrying', 'stopped']);

export function judgeReadiness(facts: ReadinessFacts): Readiness {
  const reasons: string[] = [];
  if (!facts.database) reasons.push('database unavailable');
  for (const p of facts.projections ?? []) {
    const runner = p.runner;
    if (runner && NOT_RUNNING.has(runner.state))
      reasons.push(
        `projection ${p.name}: ${runner.state}${runner.lastError ? ` (${runner.lastError.message})` : ''}`,
      );
    if (p.parked > 0)
      reasons.push(`projection ${p.name}: ${p.parked} parked event${p.parked === 1 ? '' : 's'}`);
    if (p.lag.seconds > facts.maxLagSeconds)
      reasons.push(
        `projection ${p.name}: ${p.lag.events} events behind, oldest ${Math.round(p.lag.seconds)} s (READY_MAX_LAG_S ${facts.maxLagSeconds})`,
      );
  }
  if (facts.database && facts.projections === undefined) reasons.push('projection status unavailable');
  return { ready: reasons.length === 0, reasons };
}
