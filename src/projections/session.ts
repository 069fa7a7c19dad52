/**
 * What a projection may keep in memory between batches of one run (a catch-up or a follow),
 * while that run holds the build's advisory lock: nobody else writes the build's tables then, so
 * values remembered from committed batches stay true. Values staged by a batch become visible
 * only after its transaction commits; a failed batch drops them and clears the memo (the next
 * batch falls back to the tables).
 */
export class ProjectionSession {
  /** Projection-owned values, keyed by the projection. */
  readonly memo = new Map<string, unknown>();
  #pending: (() => void)[] = [];
  #startedEmpty: boolean;

  /**
   * @param startedEmpty the build had applied nothing when the run began (checkpoint START).
   */
  constructor(startedEmpty: boolean) {
    this.#startedEmpty = startedEmpty;
  }

  /**
   * True while the memo has seen every batch this build ever committed: the run began on an empty
   * build and no failed batch has cleared the memo since. Then whatever the projection tracks from
   * its first batch is everything the tables hold.
   */
  get startedEmpty(): boolean {
    return this.#startedEmpty;
  }

  /** Runs `fn` once the current batch has committed. */
  afterCommit(fn: () => void): void {
    this.#pending.push(fn);
  }

  /** @internal Called by applyBatch. */
  committed(): void {
    const pending = this.#pending;
    this.#pending = [];
    for (const fn of pending) fn();
  }

  /** @internal Called by applyBatch when the batch did not commit. */
  failed(): void {
    this.#pending = [];
    this.memo.clear();
    // Earlier batches did commit: from now on the tables hold rows the memo does not.
    this.#startedEmpty = false;
  }
}
