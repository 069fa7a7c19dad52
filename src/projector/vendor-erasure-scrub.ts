/**
 * A vendor's redaction erases its subject during intake (record-sealing.ts). The storage scrub an
 * operator's erasure runs at once (old row versions, and WAL on PGlite: record/erasure/scrub.ts)
 * runs here in the background instead, so a webhook answer never waits for a VACUUM: once the
 * projections have masked the read models, coalesced (one scrub at a time, then one more for every
 * erasure that came in meanwhile). A failed scrub is reported and runs again with the next
 * erasure; closing waits for the scrub owed.
 */
import { CoalescedRun } from '../db/coalesced-run.js';

export class VendorErasureScrub {
  readonly #scrub: CoalescedRun;
  #closing = false;

  constructor(scrub: () => Promise<void>, onError: (error: unknown) => void) {
    this.#scrub = new CoalescedRun(() => scrub().catch(onError));
  }

  /** An erasure was committed: scrub after it. */
  requested(): void {
    if (this.#closing && !this.#scrub.running) return;
    this.#scrub.request();
  }

  /** Waits for the scrub under way and the one owed, if any. */
  async close(): Promise<void> {
    this.#closing = true;
    await this.#scrub.settled();
  }
}
