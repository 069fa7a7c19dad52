/**
 * Result of turning a delivery body into a NewEvent. Bad input is a value, never a bare throw:
 * intake quarantines it with every problem listed.
 */
import type { NewEvent } from './types.js';

export type ProblemCode =
  | 'too_large'
  | 'invalid_json'
  | 'not_an_object'
  | 'too_deep'
  | 'missing_field'
  | 'invalid_field'
  | 'unknown_shape';

export interface Problem {
  code: ProblemCode;
  /** JSON path of the offending value, e.g. ['data', 'attributes', 'name']; [] for the whole body. */
  path: (string | number)[];
  message: string;
}

export type ParseResult = { ok: true; event: NewEvent } | { ok: false; problems: Problem[] };

export interface ParseOptions {
  /** Receive time, used as occurredAt when the vendor body carries no time of its own. */
  receivedAt?: Date;
  /** Bytes; default 1 MiB. */
  maxBytes?: number;
  /** Nesting depth; default 64. */
  maxDepth?: number;
}

/** One line summary of problems, safe to log (paths and codes, never values). */
export function describeProblems(problems: Problem[]): string {
  return problems.map((p) => `${p.path.length ? p.path.join('.') : '(body)'}: ${p.message}`).join('; ');
}
