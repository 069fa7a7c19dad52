/**
 * Access control for the bearer-token routes (read API, export): who the token belongs to, whether
 * it has the route's scope (403 names the one missing), PII masking for tokens without `read:pii`,
 * and one access-log row per subject read. The log row is written before the answer is sent, so
 * a read the log could not record is not answered (500) rather than answered unrecorded.
 */
import bearerAuth from '@fastify/bearer-auth';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AccessChannel, AccessLog, AccessRecord } from '../access/access-log.js';
import { maskPage, maskState } from '../access/mask.js';
import { hasScope, seesPii, type Principal, type Scope } from '../access/scopes.js';
import type { TokenRegistry } from '../access/tokens.js';
import type { AggregateState } from '../aggregates/registry.js';
import type { TimelinePage } from '../timeline/entry.js';
import type { ReferenceResult } from '../projector/types.js';

export interface ApiAccess {
  tokens: TokenRegistry;
  /** Where reads are recorded; absent only in tests of the routes alone. */
  log?: AccessLog;
}

const principals = new WeakMap<FastifyRequest, Principal>();

export function principalOf(request: FastifyRequest): Principal | undefined {
  return principals.get(request);
}

/**
 * `Authorization: Bearer <token>` on every route of `api` (the plugin parses the header, scheme
 * case-insensitive per rfc6749); refusals are 401 with the challenge.
 */
export async function bearerAuthentication(api: FastifyInstance, tokens: TokenRegistry): Promise<void> {
  await api.register(bearerAuth, {
    keys: [],
    auth: (key: string, request: FastifyRequest) => {
      const principal = tokens.authenticate(key);
      if (principal) principals.set(request, principal);
      return principal !== null;
    },
    addHook: false,
    specCompliance: 'rfc6749',
    // null: no log line per refusal (the plugin accepts it; its types say string).
    verifyErrorLogLevel: null as unknown as string,
  });
  api.addHook('onRequest', (request, reply, done) => {
    api.verifyBearerAuth!(request, reply, (error) => {
      if (!error) return done();
      void reply
        .code(401)
        .header('www-authenticate', 'Bearer realm="profile-projector"')
        .send({ error: 'unauthorized' });
    });
  });
}

export function forbidden(reply: FastifyReply, scope: Scope): FastifyReply {
  return reply
    .code(403)
    .send({ error: 'forbidden', scope, message: `this token lacks the "${scope}" scope` });
}

/** The scope each route needs, by the start of its URL pattern. */
const ROUTE_SCOPES: [prefix: string, scope: Scope][] = [
  ['/v1/export/', 'export'],
  ['/v1/state/', 'read'],
  ['/v1/timeline/', 'read'],
  ['/v1/by-reference/', 'read'],
];

function routeOf(request: FastifyRequest): string {
  return request.routeOptions.url ?? '';
}

function scopeFor(route: string): Scope | undefined {
  return ROUTE_SCOPES.find(([prefix]) => route.startsWith(prefix))?.[1];
}

export function accessRecord(
  request: FastifyRequest,
  principal: Principal,
  subject: { kind: string; id: string },
  what: string,
  channel: AccessChannel,
): AccessRecord {
  return {
    tokenName: principal.name,
    subjectKind: subject.kind,
    subjectId: subject.id,
    what: seesPii(principal) ? `${what} with PII` : what,
    channel,
    remote: request.ip,
  };
}

function describeStateRead(query: Record<string, unknown>): string {
  if (typeof query.asOf === 'string') return `state as of ${query.asOf.slice(0, 40)}`;
  if (typeof query.version === 'string') return `state at version ${query.version.slice(0, 12)}`;
  return 'state';
}

/**
 * Scope checks (preHandler), masking and logging (preSerialization, 200 answers only) for the read
 * routes on `api`. The export route masks and logs itself (it renders files, not JSON).
 */
export function installReadGuards(api: FastifyInstance, access: ApiAccess): void {
  api.addHook('preHandler', (request, reply, done) => {
    const scope = scopeFor(routeOf(request));
    const principal = principalOf(request);
    if (scope && (!principal || !hasScope(principal, scope))) {
      void forbidden(reply, scope);
      return;
    }
    done();
  });

  api.addHook('preSerialization', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const principal = principalOf(request);
    if (!principal || reply.statusCode !== 200 || payload === null || typeof payload !== 'object')
      return payload;
    const route = routeOf(request);
    const params = request.params as { kind?: string; id?: string; ref?: string };
    const pii = seesPii(principal);
    const records: AccessRecord[] = [];
    let out = payload;
    if (route.startsWith('/v1/state/')) {
      const state = payload as AggregateState;
      records.push(
        accessRecord(
          request,
          principal,
          state,
          describeStateRead(request.query as Record<string, unknown>),
          'api',
        ),
      );
      if (!pii) out = maskState(state);
    } else if (route.startsWith('/v1/timeline/') && params.kind && params.id) {
      records.push(accessRecord(request, principal, { kind: params.kind, id: params.id }, 'timeline', 'api'));
      if (!pii) out = maskPage(payload as TimelinePage);
    } else if (route.startsWith('/v1/by-reference/')) {
      const result = payload as ReferenceResult;
      for (const match of result.aggregates)
        records.push(accessRecord(request, principal, match, 'state by reference', 'api'));
      if (!pii)
        out = { ...result, aggregates: result.aggregates.map((m) => ({ ...m, state: maskState(m.state) })) };
    }
    if (records.length > 0) await access.log?.record(records);
    return out;
  });
}
