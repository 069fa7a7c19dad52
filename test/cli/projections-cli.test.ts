/**
 * `projections parked | replay | status` as a real process against PostgreSQL, with a real poison:
 * a trigger on the active build's state table refuses the update of one account (as a bad row, a
 * constraint or a bug in the projection would), so the read models throw on that account's second
 * event. Regression: every later event of every stream waited behind it for good.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountResource, personaDelivery } from '../support/deliveries.js';
import { createTestSchema, probePostgres, type TestSchema } from '../support/postgres.js';
import { cliEnv, runCli } from './run-cli.js';

const probe = await probePostgres();

const account = (id: string, status: string, createdAt: string): string =>
  personaDelivery({ name: 'account.updated', createdAt, resource: accountResource({ id, status }) });

describe.skipIf(!probe.available)('projections commands (PostgreSQL)', { timeout: 120_000 }, () => {
  let schema: TestSchema;
  let admin: pg.Client;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    schema = await createTestSchema(probe.url, 'pp_cli_parked');
    admin = new pg.Client({ connectionString: probe.url });
    await admin.connect();
    env = cliEnv({ DATABASE_URL: probe.url, DATABASE_SCHEMA: schema.schema });
  });
  afterAll(async () => {
    await admin?.end();
    await schema?.drop();
  });

  const json = async (args: string[]): Promise<{ code: number | null; value: unknown; stderr: string }> => {
    const r = await runCli([...args, '--json'], env);
    return { code: r.code, value: r.stdout.trim() ? JSON.parse(r.stdout) : undefined, stderr: r.stderr };
  };
  const importLines = (lines: string[]) =>
    runCli(['import', '--source', 'persona', '-'], env, `${lines.join('\n')}\n`);

  it('parks the poisoned event, reports the stream stale, and replays it after the fix', async () => {
    const first = await importLines([
      account('act_poison', 'Default', '2026-01-01T00:00:00.000Z'),
      account('act_fine', 'Default', '2026-01-01T00:00:00.000Z'),
    ]);
    expect(first.code, first.stderr).toBe(0);

    // schema.schema is a fixed prefix and hex (support/postgres.ts): safe as an identifier.
    await admin.query(`set search_path to ${schema.schema}`);
    const { rows } = await admin.query<{ version: number }>(
      `select version from projection_checkpoints where name = 'read-models' and state = 'active'`,
    );
    const table = `rm_aggregate_state_v${rows[0]!.version}`;
    await admin.query(`create function refuse_poison() returns trigger language plpgsql as $$
      begin if new.id = 'act_poison' then raise exception 'refused by the test'; end if; return new; end $$`);
    await admin.query(
      `create trigger refuse_poison before update on ${table} for each row execute function refuse_poison()`,
    );

    const second = await importLines([
      account('act_poison', 'Approved', '2026-01-02T00:00:00.000Z'),
      account('act_fine', 'Approved', '2026-01-02T00:00:00.000Z'),
    ]);
    expect(second.code, second.stderr).toBe(0);

    const parked = await json(['projections', 'parked']);
    expect(parked.code).toBe(0);
    expect(parked.value).toMatchObject([
      { projection: 'read-models', streamId: 'account-act_poison', streamVersion: 2, attempts: 3 },
    ]);
    expect((parked.value as { error: string }[])[0]!.error).toMatch(/SQLSTATE P0001/);
    // The other account moved on; the poisoned one is stale at its first event.
    expect((await json(['state', 'account', 'act_fine'])).value).toMatchObject({ version: 2 });
    expect((await json(['state', 'account', 'act_poison'])).value).toMatchObject({ version: 1, stale: true });
    const status = await json(['projections', 'status']);
    expect(status.code).toBe(5);
    expect(status.value).toMatchObject([{ name: 'read-models', parked: 1, lag: { events: 0 } }]);

    // Still refused: stays parked, exit 5.
    const again = await json(['projections', 'replay', '--all']);
    expect(again).toMatchObject({ code: 5, value: { replayed: 0, stillParked: 1 } });
    expect((await json(['projections', 'replay', '--event', 'no-such-event'])).code).toBe(3);
    expect((await runCli(['projections', 'replay'], env)).code).toBe(2);

    await admin.query(`drop trigger refuse_poison on ${table}`);
    const eventId = (parked.value as { eventId: string }[])[0]!.eventId;
    const replay = await json(['projections', 'replay', '--event', eventId]);
    expect(replay).toMatchObject({ code: 0, value: { replayed: 1, stillParked: 0 } });
    expect((await json(['projections', 'parked'])).value).toEqual([]);
    const healed = (await json(['state', 'account', 'act_poison'])).value as Record<string, unknown>;
    expect(healed).toMatchObject({ version: 2 });
    expect(healed.stale).toBeUndefined();
    expect((await json(['projections', 'status'])).code).toBe(0);
  });
});
