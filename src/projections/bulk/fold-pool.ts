/**
 * The bulk path's folding in a worker thread (bulk-load.ts): the main thread reads, writes and
 * commits while a worker parses the next chunk's events, folds its streams and encodes their rows.
 * On PGlite, whose SQL runs on the main thread, this is the only way a chunk's writes and the next
 * chunk's fold overlap.
 *
 * A bulk projection opts in with `foldsInWorker(prepare, module, name)`: the worker imports `module`
 * and folds with its export `name`, whose `prepare` must be this very function (so a projection that
 * wraps another's bulk path with its own `prepare` folds on the main thread, as before). Events go
 * to the worker as the store's text (readStreamsOrdered's text form), which costs little to copy
 * where the objects' structured clone cost about what the fold saved; rows (COPY or JSON text) and
 * parking cuts come back. Results are taken in the order chunks were sent, so the load is as
 * deterministic as on the main thread.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FoldedChunk } from '../parking/bulk-chunk.js';
import type { BulkProjection } from '../projection.js';

export interface WorkerModule {
  /** File URL of the module the worker imports. */
  module: string;
  /** The export holding the BulkProjection. */
  name: string;
}

const OPTED_IN = new WeakMap<BulkProjection['prepare'], WorkerModule>();

export function foldsInWorker(prepare: BulkProjection['prepare'], module: string, name: string): void {
  OPTED_IN.set(prepare, { module, name });
}

/** The worker module of a bulk path that opted in, when this process can start workers. */
export function workerModuleOf(bulk: BulkProjection): WorkerModule | undefined {
  const target = OPTED_IN.get(bulk.prepare);
  return target && canFoldInWorker() ? target : undefined;
}

/**
 * How to start a worker here: the compiled fold-worker.js beside this file as it is; its
 * TypeScript source (tests, benches) through tsx's loader, registered in the worker before the
 * entry is imported (a Worker does not take it from the parent's `--import`). Neither (this module
 * bundled into one file, or sources without tsx): no worker, the fold stays on the main thread.
 */
type Starter = (workerData: unknown) => Worker;

const LIMITS = { maxYoungGenerationSizeMb: Number(process.env.FOLD_YOUNG ?? 0) || undefined };

let starter: Starter | null | undefined;

function findStarter(): Starter | null {
  const js = new URL('./fold-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(js)))
    return (workerData) => new Worker(js, { workerData, resourceLimits: LIMITS });
  const ts = new URL('./fold-worker.ts', import.meta.url);
  if (!existsSync(fileURLToPath(ts))) return null;
  let api: string;
  try {
    // tsx's ESM entry (its CommonJS one cannot register ESM hooks from a worker).
    createRequire(import.meta.url).resolve('tsx/esm/api');
    api = typeof import.meta.resolve === 'function' ? import.meta.resolve('tsx/esm/api') : 'tsx/esm/api';
  } catch {
    return null;
  }
  const boot = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(ts.href)}); })`;
  return (workerData) =>
    new Worker(boot, {
      eval: true,
      workerData,
      execArgv: withoutTsx(process.execArgv),
      resourceLimits: LIMITS,
    });
}

/** The parent's flags less tsx's own (`--require …/tsx/…`, `--import …/tsx/…`). */
function withoutTsx(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if ((argv[i] === '--require' || argv[i] === '--import') && argv[i + 1]?.includes('tsx')) i++;
    else if (!argv[i]!.includes('tsx')) out.push(argv[i]!);
  }
  return out;
}

/** True when this process can start fold workers (see findStarter). */
export function canFoldInWorker(): boolean {
  starter ??= findStarter();
  return starter !== null;
}

interface Pending {
  resolve: (chunk: FoldedChunk) => void;
  reject: (error: unknown) => void;
}

type PoolOptions = { projection: string; copy: boolean; slice: number };

/** How long a released pool waits for the next load before its worker ends. */
const IDLE_MS = 30_000;

/** Released pools by what they fold: the next load takes one whose code V8 has already optimised. */
const idle = new Map<string, { pool: FoldPool; timer: NodeJS.Timeout }>();

export class FoldPool {
  /** A pool for `target`: an idle one released by an earlier load, or a new worker. */
  static open(target: WorkerModule, options: PoolOptions): FoldPool {
    const key = JSON.stringify([target.module, target.name, options.projection, options.copy, options.slice]);
    const kept = idle.get(key);
    if (kept) {
      idle.delete(key);
      clearTimeout(kept.timer);
      return kept.pool;
    }
    return new FoldPool(target, options, key);
  }

  readonly #key: string;
  readonly #worker: Worker;
  readonly #pending = new Map<number, Pending>();
  #next = 0;
  #failed: unknown;
  #closed = false;

  private constructor(target: WorkerModule, options: PoolOptions, key: string) {
    if (!canFoldInWorker()) throw new Error('bulk fold workers cannot start in this process');
    this.#key = key;
    this.#worker = starter!({ ...target, ...options });
    // A pool left open by a caller that failed must not keep the process alive.
    this.#worker.unref();
    this.#worker.on('message', (m: { id: number; chunk?: FoldedChunk; error?: unknown }) => {
      const p = this.#pending.get(m.id);
      if (!p) return;
      this.#pending.delete(m.id);
      if (m.chunk) p.resolve(m.chunk);
      else p.reject(m.error);
    });
    this.#worker.on('error', (error) => this.#fail(error));
    this.#worker.on('exit', (code) => {
      if (!this.#closed) this.#fail(new Error(`bulk fold worker exited with code ${code}`));
    });
  }

  #fail(error: unknown): void {
    this.#failed ??= error;
    for (const p of this.#pending.values()) p.reject(this.#failed);
    this.#pending.clear();
  }

  /** Folds one chunk's streams, each its events' texts, in the worker. */
  fold(streams: readonly (readonly string[])[]): Promise<FoldedChunk> {
    if (this.#failed !== undefined) return Promise.reject(this.#failed);
    if (this.#closed) return Promise.reject(new Error('bulk fold pool is closed'));
    const id = this.#next++;
    // One flat list and the streams' lengths: one array to copy, not one per stream.
    const lengths = new Int32Array(streams.length);
    for (let i = 0; i < streams.length; i++) lengths[i] = streams[i]!.length;
    const texts = streams.flat();
    return new Promise<FoldedChunk>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      try {
        this.#worker.postMessage({ id, texts, lengths }, [lengths.buffer]);
      } catch (error) {
        this.#pending.delete(id);
        reject(error);
      }
    });
  }

  /**
   * Hands a pool whose load succeeded back for the next load (its worker ends after IDLE_MS
   * unused); a pool that failed is closed.
   */
  async release(): Promise<void> {
    if (this.#closed) return;
    if (this.#failed !== undefined || this.#pending.size > 0 || idle.has(this.#key)) return this.close();
    const timer = setTimeout(() => {
      idle.delete(this.#key);
      void this.close();
    }, IDLE_MS);
    timer.unref();
    idle.set(this.#key, { pool: this, timer });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#fail(new Error('bulk fold pool is closed'));
    await this.#worker.terminate();
  }
}
