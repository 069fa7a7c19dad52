/**
 * Commands that open the database for one short read (a query, a listing) and exit. V8 compiles
 * PGlite's WebAssembly with its baseline compiler, then compiles the whole module again with its
 * optimising compiler in the background; a process that exits a second later never runs that
 * code, but pays its CPU and memory, and its exit waits for it. These commands keep the baseline
 * code only, and so does the demo: its few seconds of SQL end before the optimised code would pay
 * back the CPU its compile takes from the service on a small machine. Long-running and bulk
 * commands (serve, import, rebuild, verify) keep the default.
 */
import { setFlagsFromString } from 'node:v8';

/** Call before the database is opened: flags apply to modules compiled afterwards. */
export function baselineWasmOnly(): void {
  setFlagsFromString('--liftoff-only');
}
