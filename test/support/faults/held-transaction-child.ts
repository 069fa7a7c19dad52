/**
 * Child process for database-faults.test.ts: opens a PgSqlClient on the URL in argv[2], starts a
 * transaction that waits (as the projection advisory lock does), signals READY on stdout, and waits
 * for the parent to take PostgreSQL down. A sibling connection prints SERVER GONE when the server
 * drops it, so the parent knows the held connection has been cut too. A process that survives
 * prints SURVIVED and exits 0; an uncaught error kills it with Node's non-zero exit code and the
 * stack on stderr.
 */
import pg from 'pg';
import { PgSqlClient } from '../../../src/db/pg-client.js';

const sibling = new pg.Client({ connectionString: process.argv[2]! });
sibling.on('error', () => undefined);
sibling.on('end', () => process.stdout.write('SERVER GONE\n'));
await sibling.connect();

const sql = new PgSqlClient({ connectionString: process.argv[2]!, max: 2 });
let release: () => void = () => undefined;
const held = sql.transaction(async (tx) => {
  await tx.query('select 1');
  await sibling.query('select 1');
  process.stdout.write('READY\n');
  await new Promise<void>((resolve) => (release = resolve));
});
const outcome = held.then(
  () => 'committed',
  (error: unknown) => `failed: ${error instanceof Error ? error.name : 'error'}`,
);
process.stdin.once('data', () => {
  release();
  void outcome.then(async (result) => {
    process.stdout.write(`SURVIVED ${result}\n`);
    await sql.close().catch(() => undefined);
    process.exit(0);
  });
});
