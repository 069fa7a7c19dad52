/**
 * The service as `serve` starts it (startService: composition, routes, read API), in this process on
 * a loopback port, with every log line captured. For fuzzing and exposure tests that need the real
 * HTTP stack without a child process; the crash test uses the real CLI in a child process instead.
 */
import pino from 'pino';
import type { Composition } from '../../../src/projector/composition.js';
import { startService } from '../../../src/service/start-service.js';
import type { StoreOption } from '../../../src/projector/types.js';
import { TEST_AIPRISE_API_KEY, TEST_PERSONA_SECRET } from '../signing.js';

export const TEST_API_TOKEN = 'reliability-read-token-0123456789abcdef';

export interface InProcessService {
  baseUrl: string;
  composition: Composition;
  /** Every log line the service wrote (pino JSON), in order. */
  logs: string[];
  close(): Promise<void>;
}

export interface InProcessServiceOptions {
  store: StoreOption;
  bodyLimit?: number;
  apiToken?: string;
}

export async function startInProcessService(options: InProcessServiceOptions): Promise<InProcessService> {
  const logs: string[] = [];
  const logger = pino(
    { name: 'profile-projector', level: 'debug' },
    { write: (line: string) => void logs.push(line) },
  );
  const service = await startService({
    projector: {
      store: options.store,
      secrets: { persona: [TEST_PERSONA_SECRET], aiprise: TEST_AIPRISE_API_KEY },
    },
    logger,
    ...(options.bodyLimit ? { bodyLimit: options.bodyLimit } : {}),
    apiToken: options.apiToken ?? TEST_API_TOKEN,
    closeTimeoutMs: 2000,
  });
  return {
    baseUrl: service.baseUrl,
    composition: service.composition,
    logs,
    close: () => service.close(),
  };
}
