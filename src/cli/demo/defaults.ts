/** The demo's defaults, in one place for the command and its --help. */
export const DEFAULT_SUBJECTS = 1000;
/** Deliveries in flight: enough that intake's group commit writes them in batches on PGlite. */
export const DEFAULT_CONCURRENCY = 64;
