/**
 * A vendor's redaction erases its subject during intake (record-sealing.ts). The storage scrub an
 * operator's erasure runs at once (old row versions, and WAL on PGlite: record/erasure/scrub.ts)
 * runs here in the background instead, so a webhook answer never waits for a VACUUM: once the
 * projections have masked the read models, coalesced (one scrub at a time, then one more for every
 * erasure that came in meanwhile). A failed scrub is reported and runs again with the next
 * erasure; closing waits for the scrub owed.
 */
export class VendorErasureScrub {
  #running: Promise<void> | null = null;
  #again = false;
  #closing = false;

  constructor(
    private readonly scrub: () => Promise<void>,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** An erasure was committed: scrub after it. */
  requested(): void {
    if (this.#closing && !this.#running) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = this.#loop();
  }

  async #loop(): Promise<void> {
    do {
      this.#again = false;
      try {
        await this.scrub();
      } catch (error) {
        this.onError(error);
      }
    } while (this.#again);
    this.#running = null;
  }

  /** Waits for the scrub under way and the one owed, if any. */
  async close(): Promise<void> {
    this.#closing = true;
    await this.#running;
  }
}
