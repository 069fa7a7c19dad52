/**
 * GET /v1/export/:kind/:id?format=json|csv|pdf&related : the subject's case file (src/export),
 * behind a bearer token with the `export` scope. PII shows only with `read:pii` too; every file
 * served is one access-log row, written before the file is sent.
 */
import type { FastifyInstance } from 'fastify';
import { isAggregateKind } from '../events/streams.js';
import { buildCaseFile, type CaseFileSource } from '../export/case-file.js';
import { EXPORT_FORMATS, isExportFormat } from '../export/render.js';
import { seesPii } from '../access/scopes.js';
import { InvalidQueryError } from '../timeline/errors.js';
import {
  accessRecord,
  bearerAuthentication,
  forbidden,
  principalOf,
  type ApiAccess,
} from './access-hooks.js';
import { caseFileRead, sendCaseFile } from './case-file-reply.js';
import type { QueryBag } from './query-params.js';

export interface ExportRoutesOptions {
  source: CaseFileSource;
  access: ApiAccess;
}

function flag(value: QueryBag[string]): boolean {
  const v = Array.isArray(value) ? value[0] : value;
  return v === '' || v === 'true' || v === '1';
}

export async function registerExportRoutes(
  app: FastifyInstance,
  options: ExportRoutesOptions,
): Promise<boolean> {
  const { access, source } = options;
  if (access.tokens.size === 0) return false;
  await app.register(
    async (api) => {
      api.setErrorHandler((error, request, reply) => {
        if (error instanceof InvalidQueryError)
          return reply
            .code(400)
            .send({ error: 'invalid_query', option: error.option, message: error.message });
        const { name, code } = error as { name?: unknown; code?: unknown };
        request.log.error({ err: { name, code } }, 'export failed');
        return reply.code(500).send({ error: 'internal' });
      });
      await bearerAuthentication(api, access.tokens);
      api.get<{ Params: { kind: string; id: string }; Querystring: QueryBag }>(
        '/export/:kind/:id',
        async (request, reply) => {
          const principal = principalOf(request)!;
          if (!principal.scopes.has('export')) return forbidden(reply, 'export');
          const { kind, id } = request.params;
          if (!isAggregateKind(kind))
            throw new InvalidQueryError('kind', 'one of account, case, inquiry, user-profile');
          const format =
            (Array.isArray(request.query.format) ? request.query.format[0] : request.query.format) ?? 'json';
          if (!isExportFormat(format))
            throw new InvalidQueryError('format', `one of ${EXPORT_FORMATS.join(', ')}`);
          const includeRelated = request.query.related !== undefined && flag(request.query.related);
          const file = await buildCaseFile(source, kind, id, {
            includeRelated,
            pii: seesPii(principal),
            generatedBy: principal.name,
          });
          if (!file) return reply.code(404).send({ error: 'not_found', kind, id });
          return sendCaseFile(reply, file, format, async () =>
            access.log?.record(
              accessRecord(request, principal, file.subject, caseFileRead(format, includeRelated), 'export'),
            ),
          );
        },
      );
    },
    { prefix: '/v1' },
  );
  return true;
}
