/**
 * The service as `serve` wires it (composition root + intake server + read API), in this process on
 * a loopback port, with every log line captured. For fuzzing and exposure tests that need the real
 * HTTP stack without a child process; the crash test uses the real CLI in a child process instead.
 */
import pino from 'pino';
import { buildIntakeServer, closeGracefully } from '../../../src/intake/http/server.js';
import { registerReadApi } from '../../../src/http/read-routes.js';
import { compose, type Composition } from '../../../src/projector/composition.js';
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
  const composition = await compose({
    store: options.store,
    secrets: { persona: [TEST_PERSONA_SECRET], aiprise: TEST_AIPRISE_API_KEY },
    logger,
  });
  const { app } = buildIntakeServer({
    intake: composition.intake,
    ready: () => composition.projector.ready(),
    logger,
    ...(options.bodyLimit ? { bodyLimit: options.bodyLimit } : {}),
  });
  await registerReadApi(app, { queries: composition.projector, token: options.apiToken ?? TEST_API_TOKEN });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    composition,
    logs,
    async close() {
      await closeGracefully(app, 2000);
      await composition.projector.close();
    },
  };
}
