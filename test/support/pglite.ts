/** One in-memory PGlite per test file: starting one costs seconds, emptying its schema milliseconds. */
import { afterAll } from 'vitest';
import { PgliteSqlClient } from '../../src/db/pglite-client.js';

/**
 * Call at a file's top level (or in a describe); the returned `fresh()` hands out the file's
 * PGlite with an empty public schema, for a test that would otherwise open its own. Tests that
 * use it run one after another, as a file's tests do.
 */
export function sharedPglite(): () => Promise<PgliteSqlClient> {
  let client: Promise<PgliteSqlClient> | undefined;
  afterAll(async () => {
    await (await client)?.close();
  });
  return async () => {
    const opened = await (client ??= PgliteSqlClient.open());
    await opened.exec('drop schema public cascade; create schema public;');
    return opened;
  };
}
