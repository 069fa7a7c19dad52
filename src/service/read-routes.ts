/**
 * The read API on the webhook service: GET /v1/state/:kind/:id, /v1/timeline/:kind/:id and
 * /v1/by-reference/:ref, all behind a bearer token. Closed by default: without a token the routes
 * are not registered at all, so they answer 404 like any unknown path.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { isAggregateKind } from '../events/streams.js';
import { InvalidQueryError } from '../timeline/errors.js';
import type { Projector } from '../projector/types.js';
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
      // Bad options are the caller's 400; anything else is a 500 that never echoes driver text.
      api.setErrorHandler((error, request, reply) => {
        if (error instanceof InvalidQueryError) return badRequest(reply, error);
        const { name, code } = error as { name?: unknown; code?: unknown };
        request.log.error({ err: { name, code } }, 'read API failed');
        return reply.code(500).send({ error: 'internal' });
      });

      // Bearer token -> principal, scope per route (403 names it), PII masking, access log.
      await bearerAuthentication(api, access.tokens);
      installReadGuards(api, access);

      api.get<{ Params: SubjectParams; Querystring: QueryBag }>(
        '/state/:kind/:id',
        async (request, reply) => {
          const { kind, id } = request.params;
          if (!isAggregateKind(kind))
            return reply.code(400).send({
              error: 'invalid_query',
              option: 'kind',
              message: `kind: one of account, case, inquiry, user-profile`,
            });
          const state = await queries.state(kind, id, stateOptionsFromQuery(request.query));
          if (!state) return reply.code(404).send({ error: 'not_found', kind, id });
          return state;
        },
      );

      api.get<{ Params: SubjectParams; Querystring: QueryBag }>('/timeline/:kind/:id', async (request) =>
        queries.timeline(request.params.kind, request.params.id, timelineOptionsFromQuery(request.query)),
      );

      api.get<{ Params: { ref: string } }>('/by-reference/:ref', async (request) =>
        queries.byReference(request.params.ref),
      );
    },
    { prefix: '/v1' },
  );
  return true;
}
