/**
 * Read-your-writes for one projector: a read waits for the projections to catch up only when
 * something was appended through this projector since they last did, so a write followed by a
 * read always sees the write, and reads with nothing pending cost no wait at all. The wait is
 * bounded: past `waitMs` (the database is away, the runner is retrying, a backlog) the read throws
 * ProjectionsBehindError, which the read API answers 503 with Retry-After, instead of hanging.
 */

/** The read models have not applied this projector's writes within the read's wait; retry later. */
export class ProjectionsBehindError extends Error {
  override readonly name = 'ProjectionsBehindError';
  /** Seconds a client should wait before asking again. */
  readonly retryAfterSeconds = 5;
  constructor(readonly waitedMs: number) {
    super(`the read models have not caught up with recent writes within ${waitedMs} ms; retry later`);
  }
}

/** The library's bound: generous, since a caller of the library usually wants the answer, late or not. */
export const DEFAULT_READ_WAIT_MS = 30_000;
/** The service's bound (startService): an HTTP client is better told 503 and when to retry. */
export const SERVICE_READ_WAIT_MS = 5_000;

export class ReadYourWrites {
  #written = 0;
  #seen = 0;

  constructor(
    private readonly catchUp: () => Promise<void>,
    private readonly waitMs: number = DEFAULT_READ_WAIT_MS,
  ) {}

  /** Call after every append that wrote something. */
  wrote(): void {
    this.#written++;
  }

  /** Resolves once every write recorded before the call is in the read models; throws ProjectionsBehindError past the wait. */
  async beforeRead(): Promise<void> {
    if (this.#seen === this.#written) return;
    const target = this.#written;
    await this.#bounded(this.catchUp());
    if (target > this.#seen) this.#seen = target;
  }

  /** An explicit catch-up covers every write made before it (and waits as long as it takes). */
  async caughtUp(): Promise<void> {
    const target = this.#written;
    await this.catchUp();
    if (target > this.#seen) this.#seen = target;
  }

  #bounded(waiting: Promise<void>): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new ProjectionsBehindError(this.waitMs)), this.waitMs);
      waiting.then(
        () => {
          clearTimeout(timer);
          resolve();
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    });
  }
}
