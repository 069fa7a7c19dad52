/**
 * BODY_LIMIT reaches both gates a delivery passes: fastify's body limit and intake's own size check.
 * Wired as `serve` wires it (environment -> projector options -> startService).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectorOptions, readEnvironment } from '../../src/cli/env.js';
import { startService, type Service } from '../../src/service/start-service.js';
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

/** The service as `serve` starts it from this environment (events in memory). */
function serviceFor(env: Record<string, string>): Promise<Service> {
  const environment = readEnvironment({ AIPRISE_API_KEY: TEST_AIPRISE_API_KEY, ...env });
  return startService({
    projector: projectorOptions(environment, { store: 'memory' }),
    bodyLimit: environment.config.bodyLimit,
  });
}

async function post(service: Service, body: string): Promise<{ status: number; outcome: unknown }> {
  const response = await service.app.inject({
    method: 'POST',
    url: '/webhooks/aiprise',
    headers: aiPriseHeaders(body),
    payload: body,
  });
  return { status: response.statusCode, outcome: response.json<{ outcome: unknown }>().outcome };
}

describe('BODY_LIMIT', () => {
  // One service per limit for the whole file: each holds an in-memory PGlite, which costs seconds to start.
  let roomy: Service;
  let tight: Service;
  beforeAll(async () => {
    roomy = await serviceFor({ BODY_LIMIT: String(2 * MIB) });
    tight = await serviceFor({});
  });
  afterAll(async () => {
    await roomy?.close();
    await tight?.close();
  });

  it('above 1 MiB lets a larger body through HTTP to the store', async () => {
    expect(await post(roomy, bigDelivery('up_big', 1.5 * MIB))).toEqual({ status: 200, outcome: 'appended' });
  });

  it('by default refuses a body over 1 MiB with 413', async () => {
    expect((await post(tight, bigDelivery('up_big', 1.5 * MIB))).status).toBe(413);
  });

  it('is the projector option bodyLimit for library callers', async () => {
    const body = bigDelivery('up_big_library', 1.5 * MIB);
    const headers = aiPriseHeaders(body);
    expect((await roomy.composition.projector.ingest('aiprise', body, headers)).outcome).toBe('appended');
    expect(await tight.composition.projector.ingest('aiprise', body, headers)).toMatchObject({
      outcome: 'rejected',
      code: 'too_large',
    });
    await expect(openProjector({ store: 'memory', bodyLimit: -1 })).rejects.toThrow(/bodyLimit/);
  });
});
