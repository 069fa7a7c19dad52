/**
 * `rebuild` as a real process against PostgreSQL, with a real poison in the new build: an event
 * trigger (scoped to this test's schema) puts a row trigger on every state table the rebuild
 * creates, refusing one account's row, as a bad row or a constraint would. The rebuild parks that
 * account's event instead of failing, switches over, says so (PARKED, exit 5), and a replay after
 * the fix heals it.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountResource, personaDelivery } from '../support/deliveries.js';
import { createTestSchema, probePostgres, type TestSchema } from '../support/postgres.js';
import { cliEnv, runCli } from './run-cli.js';

const probe = await probePostgres();

const account = (id: string, status: string, createdAt: string): string =>
  personaDelivery({ name: 'account.updated', createdAt, resource: accountResource({ id, status }) });

describe.skipIf(!probe.available)('rebuild with a poison (PostgreSQL, CLI)', { timeout: 180_000 }, () => {
  let schema: TestSchema;
  let admin: pg.Client;
  let env: NodeJS.ProcessEnv;
  const eventTrigger = `pp_test_poison_${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    schema = await createTestSchema(probe.url, 'pp_cli_rbpark');
    admin = new pg.Client({ connectionString: probe.url });
    await admin.connect();
    env = cliEnv({ DATABASE_URL: probe.url, DATABASE_SCHEMA: schema.schema });
  });
  afterAll(async () => {
    await admin?.query(`drop event trigger if exists ${eventTrigger}`).catch(() => undefined);
    await admin?.end();
    await schema?.drop();
  });

  it('parks the refused event, switches over, exits 5, and the replay heals it after the fix', async () => {
    const imported = await runCli(
      ['import', '--source', 'persona', '-'],
      env,
      `${[
        account('act_poison', 'Default', '2026-01-01T00:00:00.000Z'),
        account('act_fine', 'Default', '2026-01-01T00:00:00.000Z'),
        account('act_poison', 'Approved', '2026-01-02T00:00:00.000Z'),
      ].join('\n')}\n`,
    );
    expect(imported.code, imported.stderr).toBe(0);

    // schema.schema and eventTrigger are fixed prefixes and hex: safe as identifiers.
    const s = schema.schema;
    await admin.query(`create function ${s}.refuse_poison() returns trigger language plpgsql as $$
      begin if new.id = 'act_poison' then raise exception 'refused by the test'; end if; return new; end $$`);
    await admin.query(`create function ${s}.poison_new_state_tables() returns event_trigger language plpgsql as $$
      declare r record;
      begin
        for r in select * from pg_event_trigger_ddl_commands() loop
          if r.schema_name = '${s}' and r.object_type = 'table' and r.object_identity like '${s}.rm_aggregate_state_v%' then
            execute format('create trigger refuse_poison before insert or update on %s for each row execute function ${s}.refuse_poison()', r.object_identity);
          end if;
        end loop;
      end $$`);
    await admin.query(
      `create event trigger ${eventTrigger} on ddl_command_end when tag in ('CREATE TABLE')
        execute function ${s}.poison_new_state_tables()`,
    );

    const rebuilt = await runCli(['rebuild'], env);
    expect(rebuilt.code, rebuilt.stderr).toBe(5);
    expect(rebuilt.stdout).toMatch(/PARKED/);
    expect(rebuilt.stderr).toMatch(/2 event\(s\) parked/);
    await admin.query(`drop event trigger ${eventTrigger}`);

    const parked = JSON.parse((await runCli(['projections', 'parked', '--json'], env)).stdout) as {
      streamId: string;
      streamVersion: number;
      error: string;
    }[];
    // The account's first event is the one refused; its second waits behind it.
    expect(parked.map((p) => [p.streamId, p.streamVersion])).toEqual([
      ['account-act_poison', 1],
      ['account-act_poison', 2],
    ]);
    expect(parked[0]!.error).toMatch(/SQLSTATE P0001/);
    const fine = JSON.parse((await runCli(['state', 'account', 'act_fine', '--json'], env)).stdout);
    expect(fine).toMatchObject({ version: 1 });

    const { rows } = await admin.query<{ version: number }>(
      `select version from ${s}.projection_checkpoints where name = 'read-models' and state = 'active'`,
    );
    await admin.query(`drop trigger refuse_poison on ${s}.rm_aggregate_state_v${rows[0]!.version}`);
    const replay = await runCli(['projections', 'replay', '--all', '--json'], env);
    expect(replay.code, replay.stderr).toBe(0);
    expect(JSON.parse(replay.stdout)).toMatchObject({ replayed: 2, stillParked: 0 });
    const healed = JSON.parse((await runCli(['state', 'account', 'act_poison', '--json'], env)).stdout);
    expect(healed).toMatchObject({ version: 2 });
    expect(healed.stale).toBeUndefined();
  });
});
