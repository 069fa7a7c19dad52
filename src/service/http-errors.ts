/**
 * What an HTTP error answers: a stable code and a message of this product, never a framework code
 * (FST_ERR_*), a library's text or anything from the request. Routes keep their own body shapes
 * (webhooks answer `{ outcome, code, reason }`, the read API `{ error, message }`); both take the
 * code and message from here.
 */
import type { Socket } from 'node:net';
import { STATUS_CODES } from 'node:http';

export interface ProductError {
  status: number;
  code: string;
  message: string;
}

/** Fastify's own request errors by their code: what the sender did and what to do about it. */
const KNOWN: Record<string, (limit: number) => Omit<ProductError, 'status'>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: (limit) => ({
    code: 'too_large',
    message: `body is over the ${limit} byte limit`,
  }),
  FST_ERR_CTP_INVALID_MEDIA_TYPE: () => ({
    code: 'unsupported_media_type',
    message: 'this content type is not accepted: send application/json',
  }),
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: () => ({
    code: 'invalid_content_length',
    message: 'Content-Length does not match the body',
  }),
  FST_ERR_CTP_EMPTY_JSON_BODY: () => ({ code: 'invalid_body', message: 'the body is empty' }),
  FST_ERR_CTP_INVALID_JSON_BODY: () => ({ code: 'invalid_body', message: 'the body is not valid JSON' }),
};

/** The answer to an error that reached a fastify error handler. */
export function productError(error: unknown, bodyLimit: number): ProductError {
  const { statusCode, code } = (error ?? {}) as { statusCode?: unknown; code?: unknown };
  const status = typeof statusCode === 'number' && statusCode >= 400 && statusCode < 600 ? statusCode : 500;
  const known = typeof code === 'string' ? KNOWN[code] : undefined;
  if (known) return { status, ...known(bodyLimit) };
  if (status === 413) return { status, ...KNOWN.FST_ERR_CTP_BODY_TOO_LARGE!(bodyLimit) };
  if (status === 408)
    return { status, code: 'request_timeout', message: 'the request took too long to arrive' };
  if (status >= 500) return { status: 500, code: 'internal', message: 'internal error' };
  return { status, code: 'bad_request', message: 'the request could not be read' };
}

export const NOT_FOUND: ProductError = { status: 404, code: 'not_found', message: 'no such route' };

/**
 * Errors Node's HTTP parser reports before fastify sees a request (a request or its headers not
 * received in time, headers too large, a malformed request line): answered with the same product
 * bodies, then the socket is closed.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const answer: ProductError =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? { status: 408, code: 'request_timeout', message: 'the request took too long to arrive' }
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? { status: 431, code: 'headers_too_large', message: 'the request headers are too large' }
        : { status: 400, code: 'bad_request', message: 'the request could not be read' };
  if (socket.writable) {
    const body = JSON.stringify({ error: answer.code, message: answer.message });
    socket.write(
      `HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status]}\r\nConnection: close\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}
