/**
 * The contract against KurrentDB: KURRENTDB_URL when set, else a testcontainers KurrentDB when
 * Docker is there; otherwise one printed line says why the suite is skipped.
 */
import { describe } from 'vitest';
import { KurrentDbEventStore } from '../../src/store/kurrentdb/kurrentdb-event-store.js';
import { eventStoreContract } from './contract.js';

const IMAGE = 'docker.kurrent.io/kurrent-latest/kurrentdb:latest';

interface Target {
  url?: string;
  stop?: () => Promise<void>;
  reason?: string;
}

async function findKurrent(): Promise<Target> {
  if (process.env.KURRENTDB_URL) return { url: process.env.KURRENTDB_URL };
  try {
    const { GenericContainer, Wait } = await import('testcontainers');
    const container = await new GenericContainer(IMAGE)
      .withEnvironment({
        KURRENTDB_CLUSTER_SIZE: '1',
        KURRENTDB_INSECURE: 'true',
        KURRENTDB_RUN_PROJECTIONS: 'None',
        KURRENTDB_MEM_DB: 'true',
      })
      .withExposedPorts(2113)
      .withWaitStrategy(Wait.forHttp('/health/live', 2113).forStatusCode(204))
      .start();
    return {
      url: `kurrentdb://${container.getHost()}:${container.getMappedPort(2113)}?tls=false`,
      stop: async () => void (await container.stop()),
    };
  } catch (error) {
    const first = String(error instanceof Error ? error.message : error).split('\n')[0];
    return {
      reason: `KurrentDB tests skipped: KURRENTDB_URL is not set and testcontainers could not start ${IMAGE} (${first})`,
    };
  }
}

const target = await findKurrent();
if (target.reason) console.warn(target.reason);

describe.skipIf(!target.url)('KurrentDB', () => {
  eventStoreContract(
    'KurrentDB',
    async () => ({ store: KurrentDbEventStore.connect(target.url!), cleanup: target.stop }),
    { workers: 4, appendsPerWorker: 5 },
  );
});
