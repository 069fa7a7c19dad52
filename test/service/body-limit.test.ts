/**
 * BODY_LIMIT reaches both gates a delivery passes: fastify's body limit and intake's own size check.
 * Wired as `serve` wires it (environment -> projector options -> startService).
 */
import { describe, expect, it } from 'vitest';
import { projectorOptions, readEnvironment } from '../../src/cli/env.js';
import { startService } from '../../src/service/start-service.js';
import { openProjector } from '../../src/index.js';
import { aiPriseDelivery } from '../support/deliveries.js';
import { aiPriseHeaders, TEST_AIPRISE_API_KEY } from '../support/signing.js';

const MIB = 1024 * 1024;

/** A valid AiPrise delivery of about `bytes` bytes (JSON allows trailing whitespace). */
function bigDelivery(id: string, bytes: number): string {
  const body = aiPriseDelivery({
    user_profile_id: id,
    user_profile_event_type: 'USER_PROFILE_CREATE',
    author_id: 'api_key_big',
  });
  return body + ' '.repeat(bytes - body.length);
}

async function post(
  env: Record<string, string>,
  body: string,
): Promise<{ status: number; outcome: unknown }> {
  const environment = readEnvironment({ AIPRISE_API_KEY: TEST_AIPRISE_API_KEY, ...env });
  const service = await startService({
    projector: projectorOptions(environment, { store: 'memory' }),
    bodyLimit: environment.config.bodyLimit,
  });
  const { app } = service;
  try {
    const response = await app.inject({
      method: 'POST',
      url: '/webhooks/aiprise',
      headers: aiPriseHeaders(body),
      payload: body,
    });
    return { status: response.statusCode, outcome: response.json<{ outcome: unknown }>().outcome };
  } finally {
    await service.close();
  }
}

describe('BODY_LIMIT', () => {
  const body = bigDelivery('up_big', 1.5 * MIB);

  it('above 1 MiB lets a larger body through HTTP to the store', async () => {
    expect(await post({ BODY_LIMIT: String(2 * MIB) }, body)).toEqual({ status: 200, outcome: 'appended' });
  });

  it('by default refuses a body over 1 MiB with 413', async () => {
    expect((await post({}, body)).status).toBe(413);
  });

  it('is openProjector({ bodyLimit }) for library callers', async () => {
    const roomy = await openProjector({ store: 'memory', allowUnsigned: true, bodyLimit: 2 * MIB });
    const tight = await openProjector({ store: 'memory', allowUnsigned: true });
    try {
      expect((await roomy.ingest('aiprise', body)).outcome).toBe('appended');
      expect(await tight.ingest('aiprise', body)).toMatchObject({ outcome: 'rejected', code: 'too_large' });
    } finally {
      await roomy.close();
      await tight.close();
    }
    await expect(openProjector({ store: 'memory', bodyLimit: -1 })).rejects.toThrow(/bodyLimit/);
  });
});
