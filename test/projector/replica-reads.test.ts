/**
 * Reads from a real streaming replica: a private primary and a replica made with pg_basebackup
 * (own data directories and ports, test/support/own-postgres.ts). A write followed by a read
 * through the replica sees the write; with the replica's replay paused, the read falls back to
 * the primary after the wait and still sees it; reads with nothing pending go to the replica.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compose, type Composition } from '../../src/projector/composition.js';
import { aiPriseDelivery, tagsUpdated } from '../support/deliveries.js';
import { TEST_AIPRISE_API_KEY } from '../support/signing.js';
import { postgresBin, startReplicatedPostgres, type ReplicatedPostgres } from '../support/own-postgres.js';

const bin = postgresBin();
if (!bin) console.warn('replica tests skipped: no PostgreSQL server binaries under /usr/lib/postgresql');

const userProfileEvent = (id: string): string =>
  aiPriseDelivery(tagsUpdated({ userProfileId: id, previous: [], current: ['replica'] }));

describe.skipIf(!bin)('reads from a streaming replica (READ_DATABASE_URL)', () => {
  let servers: ReplicatedPostgres;
  let composition: Composition;

  beforeAll(async () => {
    servers = await startReplicatedPostgres();
    composition = await compose({
      store: { postgres: servers.primaryUrl, schema: 'replicated' },
      readDatabaseUrl: servers.replicaUrl,
      replicaWaitMs: 1_000,
      allowUnsigned: true,
      secrets: { aiprise: TEST_AIPRISE_API_KEY },
    });
  }, 120_000);

  afterAll(async () => {
    await composition?.projector.close();
    servers?.stop();
  });

  it('a write followed by a read from the replica sees the write', async () => {
    const { projector, replica } = composition;
    expect(replica).toBeDefined();
    const r = await projector.ingest('aiprise', userProfileEvent('up_replica_1'));
    expect(r.outcome).toBe('appended');
    const before = { ...replica!.stats };
    const state = await projector.state('user-profile', 'up_replica_1');
    expect(state).toMatchObject({ id: 'up_replica_1', tags: ['replica'] });
    expect(replica!.stats.replica).toBe(before.replica + 1);
    expect(replica!.stats.primary).toBe(before.primary);
    // The replica really is one, and really holds the row.
    const { rows } = await replica!.replica.query<{ recovery: boolean; n: string }>(
      `select pg_is_in_recovery() as recovery, (select count(*) from aggregate_state where id = 'up_replica_1')::text as n`,
    );
    expect(rows[0]).toEqual({ recovery: true, n: '1' });
  });

  it('a replica that has not replayed the write in time: the read goes to the primary and sees it', async () => {
    const { projector, replica } = composition;
    await servers.pauseReplay(true);
    try {
      expect((await projector.ingest('aiprise', userProfileEvent('up_replica_2'))).outcome).toBe('appended');
      const before = { ...replica!.stats };
      expect(await projector.state('user-profile', 'up_replica_2')).toMatchObject({ id: 'up_replica_2' });
      expect(replica!.stats.primary).toBe(before.primary + 1);
      const { rows } = await replica!.replica.query<{ n: string }>(
        `select count(*)::text as n from aggregate_state where id = 'up_replica_2'`,
      );
      expect(rows[0]!.n).toBe('0');
    } finally {
      await servers.pauseReplay(false);
    }
    // Replay resumed: the next read waits for the replica to pass the write, and reads it there.
    const resumed = { ...replica!.stats };
    expect(await projector.state('user-profile', 'up_replica_2')).toMatchObject({ id: 'up_replica_2' });
    expect(replica!.stats).toEqual({ replica: resumed.replica + 1, primary: resumed.primary });
    // Nothing pending now: a timeline read goes straight to the replica.
    const page = await projector.timeline('user-profile', 'up_replica_1');
    expect(page.entries.length).toBeGreaterThan(0);
    expect(replica!.stats.replica).toBe(resumed.replica + 2);
  });
});
