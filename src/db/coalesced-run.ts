/**
 * Background database work asked for more often than it needs to run (a NOTIFY after each commit,
 * an ANALYZE as a table grows, a storage scrub after each erasure): one run at a time, and every
 * request that comes in while one runs is covered by exactly one more run after it.
 */
export class CoalescedRun {
  readonly #run: () => Promise<void>;
  #running: Promise<void> | null = null;
  #again = false;

  /** `run` must not throw: it reports or ignores its own failures. */
  constructor(run: () => Promise<void>) {
    this.#run = run;
  }

  get running(): boolean {
    return this.#running !== null;
  }

  /** Asks for a run; never waits. */
  request(): void {
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = this.#loop();
  }

  async #loop(): Promise<void> {
    do {
      this.#again = false;
      await this.#run();
    } while (this.#again);
    this.#running = null;
  }

  /** Resolves once no run is under way or owed, including runs asked for while waiting. */
  async settled(): Promise<void> {
    while (this.#running) await this.#running;
  }
}
