/**
 * The reviewer's console at /console/: server-rendered HTML (eta templates, one stylesheet, no
 * script), signed in with an API token. Pages: search by id or reference, a subject's state
 * (PII masked without read:pii, "as of" a time) and timeline (filters, paging), the queues,
 * case-file downloads (export), and for operators the quarantine with replay and the access log.
 * Every page that shows a subject's data writes its access-log rows before it is sent.
 */
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import { Eta } from 'eta';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AccessRecord } from '../../access/access-log.js';
import { maskEntry, maskState } from '../../access/mask.js';
import { hasScope, seesPii, type Scope } from '../../access/scopes.js';
import type { AggregateState } from '../../aggregates/registry.js';
import { isAggregateKind } from '../../events/streams.js';
import { buildCaseFile } from '../../export/case-file.js';
import { isExportFormat } from '../../export/render.js';
import { caseFileRead, sendCaseFile } from '../case-file-reply.js';
import type { Composition } from '../../projector/composition.js';
import { StoreUnavailableError } from '../../store/event-store.js';
import type { TimelinePage } from '../../timeline/entry.js';
import { InvalidQueryError } from '../../timeline/errors.js';
import { accessRecord, type ApiAccess } from '../access-hooks.js';
import { timelineOptionsFromQuery } from '../query-params.js';
import type { ParkedEvents } from './parked.js';
import { readQueues, type QueueRow } from './queues.js';
import { SESSION_COOKIE, sessionStore, type ConsoleSession, type SessionStore } from './sessions.js';
import { CONSOLE_CSS } from './styles.js';
import { kindOfId } from './subject-ids.js';
import { TEMPLATES } from './templates.js';
import { entryView, href, stateRows, subjectHref } from './view-model.js';

export interface ConsoleOptions {
  composition: Composition;
  access: ApiAccess;
  sessions?: SessionStore;
  /** Parked events to show operators; default: the projector's own. */
  parked?: ParkedEvents;
}

type Query = Record<string, string | string[] | undefined>;

const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

function text(query: Query, name: string): string {
  const v = query[name];
  const one = Array.isArray(v) ? v[0] : v;
  return (one ?? '').trim().slice(0, 500);
}

/** Registers the console when any token is configured; returns whether it did. */
export async function registerConsole(app: FastifyInstance, options: ConsoleOptions): Promise<boolean> {
  const { composition, access } = options;
  if (access.tokens.size === 0) return false;
  const sessions = options.sessions ?? sessionStore();
  const projector = composition.projector;
  const parked: ParkedEvents = options.parked ?? projector.projections;
  const eta = new Eta({ autoEscape: true, cache: true });
  for (const [name, template] of Object.entries(TEMPLATES)) eta.loadTemplate(name, template);

  function sessionView(session: ConsoleSession | undefined) {
    if (!session) return null;
    return {
      name: session.principal.name,
      scopes: [...session.principal.scopes].join(', '),
      csrf: session.csrf,
      operate: hasScope(session.principal, 'operate'),
    };
  }

  function page(
    reply: FastifyReply,
    session: ConsoleSession | undefined,
    view: { template: string; title: string; nav?: string; status?: number },
    data: object,
  ): FastifyReply {
    const body = eta.render(view.template, data);
    const html = eta.render('@layout', {
      title: view.title,
      nav: view.nav ?? '',
      body,
      session: sessionView(session),
    });
    return reply
      .code(view.status ?? 200)
      .type('text/html; charset=utf-8')
      .send(html);
  }

  function problem(
    reply: FastifyReply,
    session: ConsoleSession | undefined,
    status: number,
    heading: string,
    message: string,
  ): FastifyReply {
    return page(
      reply,
      session,
      { template: '@problem', title: heading, status },
      { heading, message, kind: status >= 500 ? 'error' : 'warn' },
    );
  }

  function sessionOf(request: FastifyRequest): ConsoleSession | undefined {
    return sessions.get(request.cookies[SESSION_COOKIE]);
  }

  /** The session when it has `scope`; otherwise answers (sign-in redirect or 403) and returns undefined. */
  function guard(request: FastifyRequest, reply: FastifyReply, scope: Scope): ConsoleSession | undefined {
    const session = sessionOf(request);
    if (!session) {
      void reply.redirect('/console/', 303);
      return undefined;
    }
    if (!hasScope(session.principal, scope)) {
      void problem(
        reply,
        session,
        403,
        'Not allowed',
        `Your token lacks the "${scope}" scope for this page.`,
      );
      return undefined;
    }
    return session;
  }

  function checkCsrf(request: FastifyRequest, session: ConsoleSession): boolean {
    const body = (request.body ?? {}) as Record<string, unknown>;
    return typeof body.csrf === 'string' && body.csrf === session.csrf;
  }

  /**
   * An operator's POST form (replay): the session, CSRF token and the `id` field checked; otherwise
   * what was answered (sign-in, 403). `what` names the id in the message of an empty one.
   */
  function operatorForm(
    request: FastifyRequest,
    reply: FastifyReply,
    what: string,
  ): { session: ConsoleSession; id: string } | { answer: FastifyReply } {
    const session = guard(request, reply, 'operate');
    if (!session) return { answer: reply };
    if (!checkCsrf(request, session))
      return {
        answer: problem(reply, session, 403, 'Not allowed', 'The form has expired; open the page again.'),
      };
    const body = (request.body ?? {}) as Record<string, unknown>;
    const id = typeof body.id === 'string' ? body.id.trim() : '';
    if (!id) throw new InvalidQueryError('id', `give ${what} or "all"`);
    return { session, id };
  }

  const record = (records: AccessRecord[]) => (records.length ? access.log?.record(records) : undefined);

  await app.register(
    async (c) => {
      await c.register(cookie);
      await c.register(formbody, { bodyLimit: 16 * 1024 });

      c.addHook('onSend', (_request, reply, payload, done) => {
        reply.headers(SECURITY_HEADERS);
        if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
        done(null, payload);
      });

      c.setErrorHandler((error, request, reply) => {
        const session = sessionOf(request);
        if (error instanceof InvalidQueryError)
          return problem(reply, session, 400, 'Cannot show that', error.message);
        if (error instanceof StoreUnavailableError)
          return problem(
            reply,
            session,
            503,
            'Database unavailable',
            'The database cannot be reached. Try again shortly.',
          );
        const { name, code } = error as { name?: unknown; code?: unknown };
        request.log.error({ err: { name, code } }, 'console failed');
        return problem(
          reply,
          session,
          500,
          'Something went wrong',
          'The page could not be shown. The error is logged.',
        );
      });

      c.get('/assets/console.css', async (_request, reply) =>
        reply
          .type('text/css; charset=utf-8')
          .header('cache-control', 'public, max-age=3600')
          .send(CONSOLE_CSS),
      );

      c.get('/', async (request, reply) => {
        const session = sessionOf(request);
        if (!session)
          return page(reply, undefined, { template: '@sign-in', title: 'Sign in' }, { error: '' });
        return page(
          reply,
          session,
          { template: '@home', title: 'Search', nav: 'search' },
          { q: '', matches: null, message: '' },
        );
      });

      c.post('/sign-in', async (request, reply) => {
        const body = (request.body ?? {}) as Record<string, unknown>;
        const principal =
          typeof body.token === 'string' ? access.tokens.authenticate(body.token.trim()) : null;
        if (!principal)
          return page(
            reply,
            undefined,
            { template: '@sign-in', title: 'Sign in', status: 401 },
            { error: 'That token is not valid.' },
          );
        const { id } = sessions.create(principal);
        return reply
          .setCookie(SESSION_COOKIE, id, {
            path: '/console',
            httpOnly: true,
            sameSite: 'strict',
            secure: request.protocol === 'https',
          })
          .redirect('/console/', 303);
      });

      c.post('/sign-out', async (request, reply) => {
        const session = sessionOf(request);
        if (session && checkCsrf(request, session)) sessions.end(request.cookies[SESSION_COOKIE]);
        return reply.clearCookie(SESSION_COOKIE, { path: '/console' }).redirect('/console/', 303);
      });

      c.get<{ Querystring: Query }>('/search', async (request, reply) => {
        const session = guard(request, reply, 'read');
        if (!session) return reply;
        const q = text(request.query, 'q');
        if (!q) return reply.redirect('/console/', 303);
        const kind = kindOfId(q);
        if (kind) return reply.redirect(subjectHref(kind, q), 303);
        const result = await projector.byReference(q);
        await record(
          result.aggregates.map((m) =>
            accessRecord(request, session.principal, m, 'console search by reference', 'console'),
          ),
        );
        const matches = result.aggregates.map((m) => {
          const state = m.state as unknown as Record<string, unknown>;
          return {
            kind: m.kind,
            id: m.id,
            source: m.source,
            status: String(state.status ?? state.result ?? ''),
            updatedAt: String(state.updatedAt ?? ''),
            href: subjectHref(m.kind, m.id),
          };
        });
        const message = matches.length
          ? ''
          : `Nothing found for "${q}". Ids start with act_, inq_, case_ or up_; anything else is looked up as a reference id.`;
        return page(
          reply,
          session,
          { template: '@home', title: `Search ${q}`, nav: 'search' },
          { q, matches: matches.length ? matches : null, message },
        );
      });

      c.get<{ Params: { kind: string; id: string }; Querystring: Query }>(
        '/subject/:kind/:id',
        async (request, reply) => {
          const session = guard(request, reply, 'read');
          if (!session) return reply;
          const { kind, id } = request.params;
          const q = request.query;
          const filters = {
            types: text(q, 'types'),
            actor: text(q, 'actor'),
            from: text(q, 'from'),
            to: text(q, 'to'),
            limit: ['10', '25', '50', '100'].includes(text(q, 'limit')) ? text(q, 'limit') : '25',
            related: text(q, 'related') === '1',
            order: text(q, 'order') === 'desc' ? 'desc' : 'asc',
          };
          const asOf = text(q, 'asOf');
          const cursor = text(q, 'cursor');
          const base = {
            types: filters.types,
            actor: filters.actor,
            from: filters.from,
            to: filters.to,
            limit: filters.limit,
            related: filters.related ? '1' : '',
            order: filters.order === 'desc' ? 'desc' : '',
          };
          const self = subjectHref(kind, id);
          let error = '';
          let state: AggregateState | null = null;
          let timeline: TimelinePage = { entries: [] };
          try {
            if (isAggregateKind(kind)) state = await projector.state(kind, id, asOf ? { asOf } : {});
            timeline = await projector.timeline(
              kind,
              id,
              timelineOptionsFromQuery({
                ...(base.types ? { types: base.types } : {}),
                ...(base.actor ? { actor: base.actor } : {}),
                ...(base.from ? { from: base.from } : {}),
                ...(base.to ? { to: base.to } : {}),
                ...(filters.related ? { includeRelated: '1' } : {}),
                ...(base.order ? { order: base.order } : {}),
                limit: base.limit,
                ...(cursor ? { cursor } : {}),
              }),
            );
          } catch (e) {
            if (!(e instanceof InvalidQueryError)) throw e;
            error = e.message;
          }
          const filtered = Object.values(base).some((v) => v && v !== '25') || asOf || cursor;
          if (!error && !state && timeline.entries.length === 0 && !filtered)
            return problem(reply, session, 404, 'Not found', `No events for ${kind} ${id}.`);
          const pii = seesPii(session.principal);
          const subject = { kind, id };
          await record([
            ...(state
              ? [
                  accessRecord(
                    request,
                    session.principal,
                    subject,
                    asOf ? `console state as of ${asOf}` : 'console state',
                    'console',
                  ),
                ]
              : []),
            ...(timeline.entries.length
              ? [accessRecord(request, session.principal, subject, 'console timeline', 'console')]
              : []),
          ]);
          const shownState = state && !pii ? maskState(state) : state;
          const entries = (pii ? timeline.entries : timeline.entries.map(maskEntry)).map((e) => {
            const v = entryView(e, subject);
            return {
              ...v,
              subject: v.subject ? { ...v.subject, href: subjectHref(v.subject.kind, v.subject.id) } : null,
            };
          });
          const exportable = hasScope(session.principal, 'export') && isAggregateKind(kind);
          const exportHref = (format: string) =>
            href(`/console/export/${encodeURIComponent(kind)}/${encodeURIComponent(id)}`, {
              format,
              related: base.related,
            });
          return page(
            reply,
            session,
            { template: '@subject', title: `${kind} ${id}` },
            {
              kind,
              id,
              self,
              pii,
              redacted: state?.redacted === true,
              asOf,
              nowHref: href(self, base),
              keep: Object.entries(base).filter(([, v]) => v),
              state: shownState ? stateRows(shownState) : null,
              filters,
              error,
              entries,
              pageNote: cursor ? ', a later page' : '',
              firstHref: cursor ? href(self, { ...base, asOf }) : '',
              nextHref: timeline.nextCursor ? href(self, { ...base, asOf, cursor: timeline.nextCursor }) : '',
              exports: exportable
                ? { json: exportHref('json'), csv: exportHref('csv'), pdf: exportHref('pdf') }
                : null,
            },
          );
        },
      );

      c.get<{ Params: { kind: string; id: string }; Querystring: Query }>(
        '/export/:kind/:id',
        async (request, reply) => {
          const session = guard(request, reply, 'export');
          if (!session) return reply;
          const { kind, id } = request.params;
          const format = text(request.query, 'format') || 'pdf';
          if (!isAggregateKind(kind))
            throw new InvalidQueryError('kind', 'one of account, case, inquiry, user-profile');
          if (!isExportFormat(format)) throw new InvalidQueryError('format', 'one of json, csv, pdf');
          const includeRelated = text(request.query, 'related') === '1';
          const file = await buildCaseFile(projector, kind, id, {
            includeRelated,
            pii: seesPii(session.principal),
            generatedBy: session.principal.name,
          });
          if (!file) return problem(reply, session, 404, 'Not found', `No events for ${kind} ${id}.`);
          return sendCaseFile(reply, file, format, async () =>
            record([
              accessRecord(
                request,
                session.principal,
                file.subject,
                caseFileRead(format, includeRelated),
                'console',
              ),
            ]),
          );
        },
      );

      c.get<{ Querystring: Query }>('/queues', async (request, reply) => {
        const session = guard(request, reply, 'read');
        if (!session) return reply;
        const tag = text(request.query, 'tag') || undefined;
        await projector.catchUp();
        const queues = await readQueues(composition.opened.sql, tag);
        const link = (rows: QueueRow[]) => rows.map((r) => ({ ...r, href: subjectHref(r.kind, r.id) }));
        return page(
          reply,
          session,
          { template: '@queues', title: 'Queues', nav: 'queues' },
          {
            amlHits: link(queues.amlHits),
            casesPastSla: link(queues.casesPastSla),
            review: link(queues.review),
            accountsByTag: link(queues.accountsByTag),
            tag: tag ?? '',
          },
        );
      });

      async function operatePage(
        reply: FastifyReply,
        session: ConsoleSession,
        results: object | null,
        status = 200,
      ) {
        const [entries, parkedRows] = await Promise.all([
          projector.quarantine.list({ status: 'pending', limit: 200 }),
          parked.parked(),
        ]);
        return page(
          reply,
          session,
          { template: '@operate', title: 'Quarantine', nav: 'operate', status },
          { entries, parked: parkedRows, csrf: session.csrf, results },
        );
      }

      c.post('/operate/replay-parked', async (request, reply) => {
        const form = operatorForm(request, reply, 'a parked event id');
        if (!('id' in form)) return form.answer;
        const { session, id } = form;
        const report = await parked.replay(id === 'all' ? { all: true } : { eventId: id });
        return operatePage(reply, session, {
          total: report.replayed + report.stillParked,
          summary: `${report.replayed} applied, ${report.stillParked} still parked`,
          failed: report.stillParked > 0,
        });
      });

      c.get('/operate', async (request, reply) => {
        const session = guard(request, reply, 'operate');
        if (!session) return reply;
        return operatePage(reply, session, null);
      });

      c.post('/operate/replay', async (request, reply) => {
        const form = operatorForm(request, reply, 'a quarantine id');
        if (!('id' in form)) return form.answer;
        const { session, id } = form;
        const replayed = await projector.quarantine.replay(id);
        const counts = new Map<string, number>();
        for (const r of replayed) counts.set(r.outcome, (counts.get(r.outcome) ?? 0) + 1);
        const summary =
          [...counts].map(([outcome, n]) => `${n} ${outcome}`).join(', ') || 'nothing to replay';
        return operatePage(reply, session, {
          total: replayed.length,
          summary,
          failed: replayed.some((r) => r.outcome === 'quarantined' || r.outcome === 'not_found'),
        });
      });

      c.get<{ Querystring: Query }>('/access-log', async (request, reply) => {
        const session = guard(request, reply, 'operate');
        if (!session) return reply;
        const subject = text(request.query, 'subject');
        const token = text(request.query, 'token');
        const cut = subject.indexOf(':');
        const error = subject && cut <= 0 ? 'Subject must be kind:id, e.g. user-profile:up_42.' : '';
        const entries = error
          ? []
          : ((await access.log?.list({
              ...(subject ? { subjectKind: subject.slice(0, cut), subjectId: subject.slice(cut + 1) } : {}),
              ...(token ? { tokenName: token } : {}),
              limit: 500,
            })) ?? []);
        return page(
          reply,
          session,
          { template: '@access-log', title: 'Access log', nav: 'access' },
          {
            subject,
            token,
            error,
            entries: entries.map((e) => ({ ...e, href: subjectHref(e.subjectKind, e.subjectId) })),
          },
        );
      });
    },
    { prefix: '/console' },
  );
  return true;
}
