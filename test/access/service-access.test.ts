/**
 * Scopes, PII masking, the access log and case-file exports over real HTTP on loopback, through
 * the service's own wiring (startService on a memory store).
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- JSON response bodies */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type Service } from '../../src/service/start-service.js';
import { createToken, parseTokenFile, tokenRegistry } from '../../src/access/tokens.js';
import type { Scope } from '../../src/access/scopes.js';
import { buildCaseFile } from '../../src/export/case-file.js';
import { renderPdf } from '../../src/export/render-pdf.js';
import { renderCsv } from '../../src/export/render-csv.js';
import {
  accountResource,
  addressUpdated,
  aiPriseDelivery,
  personaDelivery,
  tagsUpdated,
} from '../support/deliveries.js';
import { pdfText } from './pdf-text.js';

const PEOPLE: Record<string, Scope[]> = {
  reader: ['read'],
  'pii-reader': ['read', 'read:pii'],
  exporter: ['export'],
  'pii-exporter': ['export', 'read:pii'],
  operator: ['operate'],
};

describe('access control, access log and exports (service)', () => {
  let service: Service;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    const lines: string[] = [];
    for (const [name, scopes] of Object.entries(PEOPLE)) {
      const created = createToken(name, scopes);
      tokens[name] = created.token;
      lines.push(created.line);
    }
    service = await startService({
      projector: { store: 'memory', allowUnsigned: true },
      tokens: tokenRegistry(parseTokenFile(lines.join('\n'))),
    });
    const p = service.composition.projector;
    await p.ingest(
      'aiprise',
      aiPriseDelivery(
        addressUpdated({
          userProfileId: 'up_ax',
          previous: null,
          current: { street: '742 Evergreen Terrace', city: 'Springfield', country: 'US' },
          authorId: 'agent@acme.example',
        }),
      ),
    );
    await p.ingest(
      'aiprise',
      aiPriseDelivery(
        tagsUpdated({
          userProfileId: 'up_ax',
          previous: [],
          current: ['VIP_CLIENT'],
          clientReferenceId: 'cust_ax',
        }),
      ),
    );
    await p.ingest(
      'persona',
      personaDelivery({
        name: 'account.created',
        createdAt: '2026-01-01T10:00:00.000Z',
        resource: accountResource({ id: 'act_red', referenceId: 'cust_red' }),
      }),
    );
    await p.ingest(
      'persona',
      personaDelivery({
        name: 'account.redacted',
        createdAt: '2026-01-02T10:00:00.000Z',
        resource: accountResource({
          id: 'act_red',
          referenceId: null,
          redactedAt: '2026-01-02T10:00:00.000Z',
        }),
      }),
    );
    await p.catchUp();
  });

  afterAll(async () => {
    await service?.close();
  });

  const get = (path: string, who?: string) =>
    fetch(`${service.baseUrl}${path}`, who ? { headers: { authorization: `Bearer ${tokens[who]}` } } : {});

  it('masks PII for read, shows it for read:pii', async () => {
    const masked: any = await (await get('/v1/state/user-profile/up_ax', 'reader')).json();
    expect(masked.address).toBe('[redacted]');
    expect(masked.tags).toEqual(['VIP_CLIENT']);
    const shown: any = await (await get('/v1/state/user-profile/up_ax', 'pii-reader')).json();
    expect(shown.address.city).toBe('Springfield');

    const timeline = await (await get('/v1/timeline/user-profile/up_ax', 'reader')).text();
    expect(timeline).toContain('ADDRESS_UPDATED');
    expect(timeline).not.toContain('Springfield');
    expect(await (await get('/v1/timeline/user-profile/up_ax', 'pii-reader')).text()).toContain(
      'Springfield',
    );

    const ref = await (await get('/v1/by-reference/cust_ax', 'reader')).text();
    expect(ref).toContain('up_ax');
    expect(ref).not.toContain('Evergreen');
  });

  it('answers 403 naming the missing scope, 401 for unknown tokens', async () => {
    const state = await get('/v1/state/user-profile/up_ax', 'operator');
    expect(state.status).toBe(403);
    expect(await state.json()).toMatchObject({ error: 'forbidden', scope: 'read' });
    const exp = await get('/v1/export/user-profile/up_ax', 'reader');
    expect(exp.status).toBe(403);
    expect(await exp.json()).toMatchObject({ scope: 'export' });
    expect((await get('/v1/export/user-profile/up_ax')).status).toBe(401);
    const wrong = await fetch(`${service.baseUrl}/v1/state/user-profile/up_ax`, {
      headers: { authorization: `Bearer ${tokens.reader}x` },
    });
    expect(wrong.status).toBe(401);
  });

  it('exports case files as JSON, CSV and PDF, PII only with read:pii', async () => {
    const json: any = await (await get('/v1/export/user-profile/up_ax?format=json', 'exporter')).json();
    expect(json.subject).toEqual({ kind: 'user-profile', id: 'up_ax' });
    expect(json.timeline.map((e: any) => e.type)).toEqual(['ADDRESS_UPDATED', 'TAGS_UPDATED']);
    expect(json.actors).toContain('agent@acme.example');
    expect(json.verification).toMatchObject({
      recordChain: null,
      contentSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(JSON.stringify(json)).not.toContain('Springfield');
    const withPii = await (await get('/v1/export/user-profile/up_ax?format=json', 'pii-exporter')).text();
    expect(withPii).toContain('Springfield');

    const csv = await get('/v1/export/user-profile/up_ax?format=csv', 'pii-exporter');
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows = (await csv.text()).trim().split('\n');
    expect(rows).toHaveLength(3); // header + one row per entry
    expect(rows[0]).toMatch(
      /^occurred_at,recorded_at,subject_kind,subject_id,vendor,vendor_event_id,type,actor/,
    );

    const pdf = await get('/v1/export/user-profile/up_ax?format=pdf', 'exporter');
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toContain('case-file-user-profile-up_ax.pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');

    expect((await get('/v1/export/user-profile/up_none?format=json', 'exporter')).status).toBe(404);
    const bad = await get('/v1/export/user-profile/up_ax?format=docx', 'exporter');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ option: 'format' });
  });

  it("a redacted subject's case file shows no PII in any format, even with read:pii", async () => {
    const json = await (await get('/v1/export/account/act_red?format=json', 'pii-exporter')).text();
    expect(JSON.parse(json).state.redacted).toBe(true);
    const csv = await (await get('/v1/export/account/act_red?format=csv', 'pii-exporter')).text();
    const file = await buildCaseFile(service.composition.projector, 'account', 'act_red', {
      pii: true,
      generatedBy: 'test',
    });
    const pdf = pdfText(await renderPdf(file!, { compress: false }));
    expect(pdf).toContain('Case file: account act_red');
    expect(pdf).toContain('Timeline (2 entries');
    expect(pdf).toMatch(/page 1 of \d/);
    for (const text of [json, csv, pdf, renderCsv(file!).toString()]) {
      expect(text).toContain('act_red');
      expect(text).not.toContain('Alex');
      expect(text).not.toContain('Sample');
      expect(text).not.toContain('cust_red');
    }
    // The unredacted subject's PDF does show its PII to read:pii, so the check above can fail.
    const open = await buildCaseFile(service.composition.projector, 'user-profile', 'up_ax', {
      pii: true,
      generatedBy: 'test',
    });
    expect(pdfText(await renderPdf(open!, { compress: false }))).toContain('Springfield');
  });

  it('records every read in the append-only access log', async () => {
    await get('/v1/state/user-profile/up_ax?asOf=2030-01-01T00:00:00Z', 'reader');
    const log = await service.accessLog.list({ subjectKind: 'user-profile', subjectId: 'up_ax' });
    const seen = log.map((e) => `${e.tokenName} ${e.channel} ${e.what}`);
    expect(seen).toEqual(
      expect.arrayContaining([
        'reader api state',
        'reader api timeline',
        'reader api state by reference',
        'reader api state as of 2030-01-01T00:00:00Z',
        'pii-reader api state with PII',
        'exporter export export json',
        'pii-exporter export export csv with PII',
      ]),
    );
    expect(log.every((e) => e.remote === '127.0.0.1')).toBe(true);
    // Refused reads are not reads.
    expect(seen.some((s) => s.startsWith('operator'))).toBe(false);
    expect((await service.accessLog.list({ tokenName: 'exporter' })).length).toBeGreaterThan(0);
    const sql = service.composition.opened.sql;
    await expect(sql.query(`update access_log set token_name = 'someone else'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql.query('delete from access_log')).rejects.toThrow(/append-only/);
  });
});
