/**
 * Checks openProjector's options up front, so plain-JavaScript callers get a clear TypeError
 * naming the option instead of a failure deep inside a driver.
 */
import type { ProjectorOptions } from './types.js';

const STORE_SHAPES = "'memory' | { pglite: dir } | { postgres: url } | { kurrentdb: url, postgres: url }";

function text(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

export function checkOptions(options: ProjectorOptions): void {
  if (!options || typeof options !== 'object')
    throw new TypeError(`openProjector needs options: { store: ${STORE_SHAPES} }`);
  const store: unknown = options.store;
  const ok =
    store === 'memory' ||
    (typeof store === 'object' &&
      store !== null &&
      (('kurrentdb' in store && text(store.kurrentdb) && 'postgres' in store && text(store.postgres)) ||
        (!('kurrentdb' in store) && 'postgres' in store && text(store.postgres)) ||
        ('pglite' in store && text(store.pglite))));
  if (!ok) throw new TypeError(`options.store must be ${STORE_SHAPES}`);
  const { bodyLimit, readWaitMs } = options;
  if (readWaitMs !== undefined && (!Number.isInteger(readWaitMs) || readWaitMs < 1))
    throw new TypeError('options.readWaitMs must be a whole number of milliseconds, 1 or more');
  if (bodyLimit !== undefined && (!Number.isInteger(bodyLimit) || bodyLimit < 1))
    throw new TypeError('options.bodyLimit must be a whole number of bytes, 1 or more');
  const secrets = options.secrets;
  if (secrets !== undefined) {
    if (secrets.persona !== undefined && (!Array.isArray(secrets.persona) || !secrets.persona.every(text))) {
      throw new TypeError('options.secrets.persona must be an array of non-empty strings');
    }
    if (secrets.aiprise !== undefined && !text(secrets.aiprise))
      throw new TypeError('options.secrets.aiprise must be a non-empty string');
  }
}
