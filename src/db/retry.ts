/**
 * The one retry policy: how long to wait between attempts and which failures are worth another.
 * Bounded and conditional retries go through p-retry; the subscription loop, which never gives
 * up and must wake at once when stopped, sleeps `backoffMs(failures)` of the same policy.
 */
import pRetry from 'p-retry';
import { StoreUnavailableError } from './errors.js';

/** Waits after an unavailable database: 100 ms, 200 ms, 400 ms, … at most 5 s. */
const BACKOFF = { minTimeout: 100, factor: 2, maxTimeout: 5_000, randomize: false } as const;

/** Races that a fresh attempt resolves (another writer got there first): retried at once. */
const RACE_RETRIES = 7;

/** The wait before the next attempt after `failures` failures in a row (1, 2, …). */
export function backoffMs(failures: number): number {
  const attempt = Math.max(1, failures);
  return Math.min(BACKOFF.maxTimeout, BACKOFF.minTimeout * BACKOFF.factor ** (attempt - 1));
}

/** Runs `fn` again at once while it fails with a race (`isRace`), up to 7 more times. */
export function retryRaces<T>(fn: () => Promise<T>, isRace: (error: unknown) => boolean): Promise<T> {
  return pRetry(fn, {
    retries: RACE_RETRIES,
    minTimeout: 0,
    maxTimeout: 0,
    shouldRetry: ({ error }) => isRace(error),
  });
}

export interface UntilAvailableOptions {
  /** Called after every failed attempt, whatever happens next (e.g. to release what it held). */
  onFailure?: (error: unknown) => Promise<void> | void;
  /** Called before waiting for the next attempt. */
  onRetry?: (error: unknown) => void;
  /** Stops retrying (the last error is thrown). */
  stopped?: () => boolean;
}

/** Runs `fn` until it succeeds, waiting BACKOFF between attempts while it fails with StoreUnavailableError. */
export function retryWhileUnavailable<T>(
  fn: () => Promise<T>,
  options: UntilAvailableOptions = {},
): Promise<T> {
  return pRetry(fn, {
    retries: Infinity,
    ...BACKOFF,
    onFailedAttempt: async ({ error }) => {
      await options.onFailure?.(error);
    },
    shouldRetry: ({ error }) => {
      if (options.stopped?.() || !(error instanceof StoreUnavailableError)) return false;
      options.onRetry?.(error);
      return true;
    },
  });
}

export interface ForeverOptions {
  /** Called after every failed attempt, before the wait (e.g. to release what it held, to log). */
  onFailure?: (error: unknown, attempt: number) => Promise<void> | void;
  /** Stops retrying (the last error is thrown). */
  stopped: () => boolean;
  /** Aborts a wait between attempts at once (a stop must not sit out the backoff). */
  signal?: AbortSignal;
}

/**
 * Runs `fn` until it succeeds or `stopped()` says so, whatever it fails with, waiting BACKOFF
 * between attempts: for workers that must live as long as the process (the projection runner),
 * where an error nobody foresaw must mean "try again later", never "stop for good".
 */
export function retryForever<T>(fn: () => Promise<T>, options: ForeverOptions): Promise<T> {
  return pRetry(fn, {
    retries: Infinity,
    ...BACKOFF,
    onFailedAttempt: async ({ error, attemptNumber }) => {
      await options.onFailure?.(error, attemptNumber);
    },
    shouldRetry: () => !options.stopped(),
    ...(options.signal ? { signal: options.signal } : {}),
  });
}

/** Polls `attempt` every `intervalMs` until it returns a value, throwing `whenNone()` if it may not wait. */
export async function pollUntil<T>(
  attempt: () => Promise<T | null>,
  options: { wait: boolean; intervalMs: number; whenNone: () => Error; signal?: AbortSignal },
): Promise<T> {
  const none = Symbol('none');
  return pRetry(
    async () => {
      options.signal?.throwIfAborted();
      const value = await attempt();
      if (value === null) throw Object.assign(options.whenNone(), { [none]: true });
      return value;
    },
    {
      retries: options.wait ? Infinity : 0,
      minTimeout: options.intervalMs,
      factor: 1,
      randomize: false,
      shouldRetry: ({ error }) => (error as { [none]?: boolean })[none] === true,
      ...(options.signal ? { signal: options.signal } : {}),
    },
  );
}
