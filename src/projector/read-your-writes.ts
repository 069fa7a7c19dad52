/**
 * Read-your-writes for one projector: a read waits for the projections to catch up only when
 * something was appended through this projector since they last did, so a write followed by a
 * read always sees the write, and reads with nothing pending cost no wait at all.
 */
export class ReadYourWrites {
  #written = 0;
  #seen = 0;

  constructor(private readonly catchUp: () => Promise<void>) {}

  /** Call after every append that wrote something. */
  wrote(): void {
    this.#written++;
  }

  /** Resolves once every write recorded before the call is in the read models. */
  async beforeRead(): Promise<void> {
    if (this.#seen === this.#written) return;
    const target = this.#written;
    await this.catchUp();
    if (target > this.#seen) this.#seen = target;
  }

  /** An explicit catch-up covers every write made before it. */
  async caughtUp(): Promise<void> {
    const target = this.#written;
    await this.catchUp();
    if (target > this.#seen) this.#seen = target;
  }
}
