/**
 * The read API on the webhook service: GET /v1/state/:kind/:id, /v1/timeline/:kind/:id and
 * /v1/by-reference/:ref, all behind a bearer token. Closed by default: without a token the routes
 * are not registered at all, so they answer 404 like any unknown path.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { isAggregateKind } from '../events/streams.js';
import { InvalidQueryError } from '../timeline/errors.js';
import { isTimelineKind, unknownKindMessage } from '../timeline/kinds.js';
import { productError } from './http-errors.js';
import type { Projector } from '../projector/types.js';
import { sendUnavailable, unavailableCode } from './unavailable.js';
import { tokenRegistry } from '../access/tokens.js';
import { bearerAuthentication, installReadGuards, type ApiAccess } from './access-hooks.js';
import { stateOptionsFromQuery, timelineOptionsFromQuery, type QueryBag } from './query-params.js';

export type ReadQueries = Pick<Projector, 'state' | 'timeline' | 'byReference'>;

export interface ReadApiOptions {
  queries: ReadQueries;
  /** API_TOKEN (every scope). Undefined or empty, and no `access`: nothing is registered. */
  token: string | undefined;
  /** Named tokens with scopes and the access log (src/access); takes the place of `token`. */
  access?: ApiAccess;
}

interface SubjectParams {
  kind: string;
  id: string;
}

function unknownKind(reply: FastifyReply, kind: string): FastifyReply {
  return reply.code(404).send({ error: 'not_found', kind, message: unknownKindMessage(kind) });
}

function badRequest(reply: FastifyReply, error: InvalidQueryError): FastifyReply {
  return reply.code(400).send({ error: 'invalid_query', option: error.option, message: error.message });
}

/** Registers the read routes when a token is configured; returns whether it did. */
export async function registerReadApi(app: FastifyInstance, options: ReadApiOptions): Promise<boolean> {
  const access = options.access ?? (options.token ? { tokens: tokenRegistry([], options.token) } : undefined);
  if (!access || access.tokens.size === 0) return false;
  const { queries } = options;

  await app.register(
    async (api) => {
      // Bad options are the caller's 400; framework errors keep their 4xx with a product message;
      // anything else is a 500 that never echoes driver text.
      api.setErrorHandler((error, request, reply) => {
        if (error instanceof InvalidQueryError) return badRequest(reply, error);
        const answer = productError(error, 0);
        if (answer.status < 500)
          return reply.code(answer.status).send({ error: answer.code, message: answer.message });
        const { name, code } = error as { name?: unknown; code?: unknown };
        const unavailable = unavailableCode(error);
        if (unavailable) {
          request.log.warn({ err: { name, code }, reason: unavailable }, 'read API unavailable');
          return sendUnavailable(reply, unavailable);
        }
        request.log.error({ err: { name, code } }, 'read API failed');
        return reply.code(500).send({ error: 'internal', message: answer.message });
      });

      // Bearer token -> principal, scope per route (403 names it), PII masking, access log.
      await bearerAuthentication(api, access.tokens);
      installReadGuards(api, access);

      api.get<{ Params: SubjectParams; Querystring: QueryBag }>(
        '/state/:kind/:id',
        async (request, reply) => {
          const { kind, id } = request.params;
          if (!isAggregateKind(kind)) return unknownKind(reply, kind);
          const state = await queries.state(kind, id, stateOptionsFromQuery(request.query));
          if (!state) return reply.code(404).send({ error: 'not_found', kind, id });
          return state;
        },
      );

      api.get<{ Params: SubjectParams; Querystring: QueryBag }>(
        '/timeline/:kind/:id',
        async (request, reply) => {
          const { kind, id } = request.params;
          if (!isTimelineKind(kind)) return unknownKind(reply, kind);
          const options = timelineOptionsFromQuery(request.query);
          const page = await queries.timeline(kind, id, options);
          // An empty first page: filters that matched nothing (200), or a subject with no events (404).
          if (page.entries.length === 0 && !options.cursor && !(await hasTimeline(queries, kind, id)))
            return reply.code(404).send({ error: 'not_found', kind, id });
          return page;
        },
      );

      api.get<{ Params: { ref: string } }>('/by-reference/:ref', async (request, reply) => {
        const found = await queries.byReference(request.params.ref);
        if (found.aggregates.length === 0)
          return reply.code(404).send({ error: 'not_found', reference: request.params.ref });
        return found;
      });
    },
    { prefix: '/v1' },
  );
  return true;
}

/** Whether the subject has any timeline entry at all (no filters). */
async function hasTimeline(queries: ReadQueries, kind: string, id: string): Promise<boolean> {
  return (await queries.timeline(kind, id, { limit: 1 })).entries.length > 0;
}
