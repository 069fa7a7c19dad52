/**
 * What an unauthenticated sender can make the service do: a real server on loopback, raw sockets
 * for slow senders (headers or body trickling in), and the bodies of framework errors.
 */
import { connect, type Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIntake } from '../../src/intake/intake.js';
import { MemoryQuarantine } from '../../src/intake/quarantine/memory-quarantine.js';
import { MemoryEventStore } from '../../src/store/memory-event-store.js';
import { buildIntakeServer } from '../../src/service/server.js';
import { productError } from '../../src/service/http-errors.js';
import { TEST_AIPRISE_API_KEY, TEST_PERSONA_SECRET } from '../support/signing.js';

/** Short enough for a test; the default (10 s) is the same mechanism. */
const REQUEST_TIMEOUT_MS = 1_500;

let app: FastifyInstance;
let port = 0;

beforeAll(async () => {
  const store = new MemoryEventStore();
  const intake = createIntake({
    store,
    quarantine: new MemoryQuarantine(),
    secrets: { persona: [TEST_PERSONA_SECRET], aiprise: TEST_AIPRISE_API_KEY },
  });
  ({ app } = buildIntakeServer({ intake, ready: async () => true, requestTimeoutMs: REQUEST_TIMEOUT_MS }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  port = (app.server.address() as { port: number }).port;
});

afterAll(async () => {
  app.server.closeAllConnections();
  await app?.close();
});

/** Opens a socket, writes `head`, and resolves with everything the server sends until it closes. */
function slowSender(head: string): { socket: Socket; answer: Promise<string> } {
  const socket = connect(port, '127.0.0.1');
  socket.write(head);
  const answer = new Promise<string>((resolve, reject) => {
    let text = '';
    socket.on('data', (d: Buffer) => (text += d.toString()));
    socket.on('close', () => resolve(text));
    socket.on('error', reject);
  });
  return { socket, answer };
}

describe('slow senders', { timeout: 20_000 }, () => {
  it('a body that never finishes is answered 408 and its socket closed', async () => {
    const { answer } = slowSender(
      'POST /webhooks/persona HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
        'Content-Length: 1000\r\n\r\n{"data":',
    );
    const text = await answer;
    expect(text).toMatch(/^HTTP\/1\.1 408 /);
    expect(text).toContain('"error":"request_timeout"');
  });

  it('headers that never finish are answered 408 and the socket closed', async () => {
    const { answer } = slowSender('POST /webhooks/persona HTTP/1.1\r\nHost: x\r\nX-Slow: a');
    const text = await answer;
    expect(text).toMatch(/^HTTP\/1\.1 408 /);
    expect(text).not.toMatch(/FST_ERR|Client Timeout/);
  });

  it('a connection that sends nothing is let go too', async () => {
    const { answer } = slowSender('');
    const text = await answer;
    expect(text).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('many slow senders at once are all let go, and the server still answers', async () => {
    const senders = Array.from({ length: 50 }, () =>
      slowSender('POST /webhooks/aiprise HTTP/1.1\r\nHost: x\r\nContent-Length: 500\r\n\r\n{'),
    );
    const answers = await Promise.all(senders.map((s) => s.answer));
    expect(answers.filter((a) => /^HTTP\/1\.1 408 /.test(a))).toHaveLength(50);
    expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
  });
});

describe('error bodies', () => {
  const base = () => `http://127.0.0.1:${port}`;

  it('maps framework errors to stable codes and never echoes an error message', () => {
    const media = Object.assign(new Error('Unsupported Media Type: application/x-weird'), {
      code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE',
      statusCode: 415,
    });
    expect(productError(media, 1024)).toEqual({
      status: 415,
      code: 'unsupported_media_type',
      message: 'this content type is not accepted: send application/json',
    });
    const internal = new Error('Added label "x" is not included in initial labelset');
    expect(productError(internal, 1024)).toEqual({
      status: 500,
      code: 'internal',
      message: 'internal error',
    });
    const odd = Object.assign(new Error('FST_ERR_SOMETHING: library text'), {
      code: 'FST_ERR_SOMETHING',
      statusCode: 400,
    });
    expect(JSON.stringify(productError(odd, 1024))).not.toMatch(/FST_ERR|library text/);
  });

  it('a Content-Type that is not type/subtype answers 415 with a stable code, no framework code', async () => {
    const res = await fetch(`${base()}/webhooks/persona`, {
      method: 'POST',
      headers: { 'content-type': 'text' },
      body: '{}',
    });
    expect(res.status).toBe(415);
    const text = await res.text();
    expect(text).not.toMatch(/FST_ERR|Unsupported Media Type/);
    expect(JSON.parse(text)).toEqual({
      outcome: 'rejected',
      code: 'unsupported_media_type',
      reason: 'this content type is not accepted: send application/json',
    });
  });

  it('an unknown route answers a product 404', async () => {
    const res = await fetch(`${base()}/nope`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'not_found', message: 'no such route' });
  });

  it('a malformed Content-Length on a webhook answers a stable code', async () => {
    const { answer } = slowSender(
      'POST /webhooks/persona HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\nConnection: close\r\n\r\n',
    );
    const text = await answer;
    expect(text).toMatch(/^HTTP\/1\.1 400 /);
    expect(text).toContain('"error":"bad_request"');
    expect(text).not.toMatch(/Client Error|HPE_/);
  });

  it('an oversize webhook body answers too_large with the limit, no framework code', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/webhooks/persona',
      headers: { 'content-type': 'application/json' },
      payload: 'x'.repeat(2 * 1024 * 1024),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toEqual({
      outcome: 'rejected',
      code: 'too_large',
      reason: 'body is over the 1048576 byte limit',
    });
  });
});
