/**
 * On PostgreSQL, as real processes: `serve` with API_TOKENS_FILE enforces scopes and masks PII,
 * its reads land in the schema's append-only access_log, and `access-log` lists them.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../../src/access/tokens.js';
import { generateDemoFeed } from '../../src/cli/demo/feed.js';
import { cliEnv, runCli, startCli } from '../cli/run-cli.js';
import { createTestSchema, probePostgres, type TestSchema } from '../support/postgres.js';

const probe = await probePostgres();

describe.skipIf(!probe.available)(
  'access control and the access log on PostgreSQL (processes)',
  { timeout: 240_000 },
  () => {
    let schema: TestSchema;
    let dir = '';
    const feed = generateDemoFeed({ subjects: 8, seed: 3 });
    const reader = createToken('reader', ['read']);
    const env = () => cliEnv({ DATABASE_URL: probe.url, DATABASE_SCHEMA: schema.schema });

    beforeAll(async () => {
      schema = await createTestSchema(probe.url, 'pp_access');
      dir = await mkdtemp(join(tmpdir(), 'pp-access-pg-'));
      const file = join(dir, 'aiprise.ndjson');
      await writeFile(
        file,
        feed.deliveries
          .filter((d) => d.source === 'aiprise' && !d.duplicate)
          .map((d) => d.body)
          .join('\n'),
      );
      expect((await runCli(['import', '--source', 'aiprise', file], env())).code).toBe(0);
    });
    afterAll(async () => {
      await schema?.drop();
      await rm(dir, { recursive: true, force: true });
    });

    it('serve refuses a malformed tokens file, naming the line', async () => {
      const bad = join(dir, 'bad-tokens');
      await writeFile(bad, `# ok\n${reader.line}\nbob write sha256:abc\n`);
      const result = await runCli(['serve', '--port', '0', '--host', '127.0.0.1'], {
        ...env(),
        API_TOKENS_FILE: bad,
      });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('API_TOKENS_FILE: line 3');
      expect(result.stderr).not.toContain(reader.line.split(' ')[2]);
    });

    it('serve enforces the scopes of API_TOKENS_FILE and logs the reads', async () => {
      const tokens = join(dir, 'tokens');
      await writeFile(tokens, `${reader.line}\n`);
      const child = startCli(['serve', '--port', '0', '--host', '127.0.0.1'], {
        ...env(),
        API_TOKENS_FILE: tokens,
        LOG_LEVEL: 'info',
      });
      let out = '';
      child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}`)), 40_000);
        child.stdout!.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]!);
          }
        });
      });
      const id = feed.featured.userProfileId;
      try {
        const auth = { headers: { authorization: `Bearer ${reader.token}` } };
        const state = await fetch(`${url}/v1/state/user-profile/${id}`, auth);
        expect(state.status).toBe(200);
        const body = (await state.json()) as { address: unknown };
        expect(body.address).toBe('[redacted]');
        const exp = await fetch(`${url}/v1/export/user-profile/${id}`, auth);
        expect(exp.status).toBe(403);
        expect(await exp.json()).toMatchObject({ scope: 'export' });
        expect((await fetch(`${url}/console/`)).status).toBe(200);
      } finally {
        const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
        child.kill('SIGTERM');
        expect(await exited).toBe(0);
      }
      expect(out).not.toContain(reader.token);

      const log = await runCli(['access-log', '--token', 'reader', '--json'], env());
      expect(log.code).toBe(0);
      expect(JSON.parse(log.stdout)).toEqual([
        expect.objectContaining({
          tokenName: 'reader',
          subjectKind: 'user-profile',
          subjectId: id,
          what: 'state',
          channel: 'api',
          remote: '127.0.0.1',
        }),
      ]);

      const client = new pg.Client({ connectionString: probe.url });
      await client.connect();
      try {
        await client.query(`set search_path to "${schema.schema}"`);
        await expect(client.query('delete from access_log')).rejects.toThrow(/append-only/);
        await expect(client.query(`update access_log set remote = 'elsewhere'`)).rejects.toThrow(
          /append-only/,
        );
        expect((await client.query('select count(*)::int as n from access_log')).rows[0].n).toBe(1);
      } finally {
        await client.end();
      }
    });
  },
);
