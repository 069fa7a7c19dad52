/**
 * The command tree and its help texts. Actions return an exit code; main.ts turns errors into
 * exit codes too, so every way out of the CLI means something (docs/cli.md).
 */
import { Command, Option } from 'commander';
import { DEFAULT_CONCURRENCY, DEFAULT_SUBJECTS } from './demo/defaults.js';
import { baselineWasmOnly } from './short-lived.js';
const ENVIRONMENT_HELP = `
Environment:
  DATABASE_URL             PostgreSQL (postgres://…); unset: embedded PGlite in DATA_DIR
  DATABASE_SCHEMA          PostgreSQL schema to use (default public)
  DATA_DIR                 PGlite data directory (default ./data)
  KURRENTDB_URL            keep events in KurrentDB (read models stay in DATABASE_URL)
  PERSONA_WEBHOOK_SECRETS  comma-separated Persona webhook secrets (several during rotation)
  AIPRISE_API_KEY          AiPrise API key (X-HMAC-SIGNATURE)
  API_TOKEN                bearer token for the read API and console (serve), every scope
  API_TOKENS_FILE          named tokens with scopes (profile-projector token create); docs/api.md
                           unset: events are stored unsealed and erase can only mask
  RECORD_RETENTION_YEARS   years a subject is kept after its last event before purge (default 5)
  PERSONA_API_KEY          Persona API key for backfill; PERSONA_API_BASE, PERSONA_VERSION optional
  PORT, HOST               where serve listens (default 3000 on 0.0.0.0)
  READY_MAX_LAG_S          serve's /ready is 503 while projections are further behind (default 60)
  SERVE_ROLE               serve's role: all, intake or projector (--role wins; docs/scaling.md)
  PROJECTION_PARTITIONS    partitions of partitioned projections (default 8)
  PROJECTION_LEASE_MS      partition lease time-to-live (default 5000)

Exit codes:
  0 ok   1 unexpected error   2 bad usage or configuration   3 not found / nothing matched
  4 database unreachable   5 done, but some input was not accepted   6 locked by another process
  7 the record's hash chain is broken (verify)`;

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

type Action<A extends unknown[]> = (...args: A) => Promise<number>;

/**
 * Runs an action and records its exit code on the process without exiting (open handles close
 * first). The command's module is loaded only when it runs: `--help` or a query then starts
 * without loading the HTTP service, the demo or the database drivers it does not use.
 */
function run<A extends unknown[]>(load: () => Promise<Action<A>>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    const action = await load();
    process.exitCode = await action(...args);
  };
}

/** `run` for a short read or the demo (short-lived.ts): the baseline WebAssembly compiler only. */
function runRead<A extends unknown[]>(load: () => Promise<Action<A>>): (...args: A) => Promise<void> {
  return run(async () => {
    baselineWasmOnly();
    return load();
  });
}

function json(cmd: Command): Command {
  return cmd.option('--json', 'print machine-readable JSON instead of a table');
}

export function buildProgram(version: string): Command {
  const program = new Command('profile-projector')
    .description('Event-sourced state projector for Persona and AiPrise identity-verification webhooks.')
    .version(version)
    .showHelpAfterError('(add --help for usage)')
    .enablePositionalOptions()
    .exitOverride()
    .addHelpText('after', ENVIRONMENT_HELP);

  program
    .command('serve')
    .description(
      'Run the webhook intake, the projections and (with API_TOKEN) the read API until SIGINT/SIGTERM.',
    )
    .option('--port <port>', 'port to listen on (default PORT or 3000)')
    .option('--host <host>', 'interface to bind (default HOST or 0.0.0.0)')
    .addOption(
      new Option(
        '--role <role>',
        'what this process runs (default SERVE_ROLE or all; docs/scaling.md)',
      ).choices(['all', 'intake', 'projector']),
    )
    .addHelpText(
      'after',
      '\nExample:\n  $ PERSONA_WEBHOOK_SECRETS=wbhsec_a AIPRISE_API_KEY=key API_TOKEN=$(openssl rand -hex 24) profile-projector serve --port 8080',
    )
    .action(run(async () => (await import('./commands/serve-command.js')).serveCommand));

  json(
    program
      .command('import')
      .description(
        'Import an NDJSON export (one delivery body per line; - for stdin). Trusted input: no signatures, but every line is validated; bad lines are quarantined.',
      )
      .addOption(
        new Option('--source <vendor>', 'which vendor the bodies come from')
          .choices(['persona', 'aiprise'])
          .makeOptionMandatory(),
      )
      .argument('<file>', 'NDJSON file, or - for stdin')
      .addHelpText(
        'after',
        '\nExample:\n  $ profile-projector import --source persona persona-events-2026-01.ndjson',
      ),
  ).action(run(async () => (await import('./commands/import-command.js')).importCommand));

  json(
    program
      .command('state')
      .description('Show the current state of an aggregate, or its state at a past time or version.')
      .argument('<kind>', 'account | case | inquiry | user-profile')
      .argument('<id>', 'vendor id, e.g. inq_123 or up_42')
      .option('--as-of <time>', 'state as it was at this ISO time (folds the stream)')
      .option('--version <n>', 'state after the first n events (folds the stream)')
      .addHelpText(
        'after',
        '\nExamples:\n  $ profile-projector state inquiry inq_123\n  $ profile-projector state user-profile up_42 --as-of 2026-01-05T12:00:00Z --json',
      ),
  ).action(runRead(async () => (await import('./commands/query-commands.js')).stateCommand));

  json(
    program
      .command('timeline')
      .description('Audit timeline of a subject: what happened, when, by whom, and what changed.')
      .argument(
        '<kind>',
        'account | case | inquiry | user-profile (or a resource kind such as persona-verification)',
      )
      .argument('<id>', 'vendor id')
      .option('--from <time>', 'entries that occurred at or after this ISO time')
      .option('--to <time>', 'entries that occurred before this ISO time')
      .option(
        '--type <pattern>',
        'event type or glob (report/*, TICKET_*); repeat or comma-separate',
        collect,
      )
      .option('--actor <actor>', 'who did it (exact or glob, e.g. *@acme.com); repeatable', collect)
      .option(
        '--related',
        "include related subjects (an account's inquiries, cases, verifications, reports; a profile's sessions, documents, tickets)",
      )
      .addOption(
        new Option('--order <order>', 'oldest first (asc) or newest first (desc)')
          .choices(['asc', 'desc'])
          .default('asc'),
      )
      .option('--limit <n>', 'entries per page (1-1000, default 100)')
      .option('--cursor <cursor>', 'continue from a previous page')
      .option('--all', 'follow the cursor to the last page')
      .addHelpText(
        'after',
        '\nExamples:\n  $ profile-projector timeline account act_9 --related --type "inquiry.*" --type "report/*"\n  $ profile-projector timeline user-profile up_42 --type "TICKET_*" --order desc --limit 20',
      ),
  ).action(runRead(async () => (await import('./commands/query-commands.js')).timelineCommand));

  json(
    program
      .command('by-reference')
      .description(
        'Every aggregate of one person across both vendors, by your own user id (Persona reference-id, AiPrise client_reference_id).',
      )
      .argument('<reference>', 'your reference id')
      .addHelpText('after', '\nExample:\n  $ profile-projector by-reference cust_00042'),
  ).action(runRead(async () => (await import('./commands/query-commands.js')).byReferenceCommand));

  json(
    program
      .command('rebuild')
      .description(
        'Rebuild read models from the first event beside the serving ones, then switch over atomically.',
      )
      .option('--projection <name>', 'only this projection; repeatable', collect)
      .option('--dry-run', 'report what would be rebuilt and how many events it would read')
      .addHelpText(
        'after',
        '\nExamples:\n  $ profile-projector rebuild --dry-run\n  $ profile-projector rebuild --projection timeline',
      ),
  ).action(run(async () => (await import('./commands/rebuild-command.js')).rebuildCommand));

  const quarantine = program
    .command('quarantine')
    .description('Deliveries with a valid signature whose body did not parse or validate.')
    .addHelpText(
      'after',
      '\nExamples:\n  $ profile-projector quarantine list\n  $ profile-projector quarantine show 42\n  $ profile-projector quarantine replay all',
    );
  json(
    quarantine
      .command('list')
      .description('List quarantined deliveries (without bodies).')
      .addOption(
        new Option('--status <status>', 'which entries')
          .choices(['pending', 'replayed', 'all'])
          .default('pending'),
      )
      .addOption(new Option('--source <vendor>', 'only one vendor').choices(['persona', 'aiprise']))
      .option('--limit <n>', 'at most this many (default 100)'),
  ).action(runRead(async () => (await import('./commands/quarantine-commands.js')).quarantineListCommand));
  json(
    quarantine
      .command('show')
      .description('Show one entry: problems, headers kept, and with --body the delivery body.')
      .argument('<id>', 'quarantine id from list')
      .option('--body', 'also print the body (it may hold personal data)'),
  ).action(runRead(async () => (await import('./commands/quarantine-commands.js')).quarantineShowCommand));
  json(
    quarantine
      .command('replay')
      .description(
        'Run one entry, or all pending ones, through intake again (after a fix). Exit 5 when some still fail.',
      )
      .argument('<id>', 'quarantine id, or "all"'),
  ).action(run(async () => (await import('./commands/quarantine-commands.js')).quarantineReplayCommand));

  const projections = program
    .command('projections')
    .description(
      'What the projections are doing, and the events they parked (an event a projection kept failing on).',
    )
    .addHelpText(
      'after',
      '\nExamples:\n  $ profile-projector projections status\n  $ profile-projector projections parked --json\n  $ profile-projector projections replay --all',
    );
  json(
    projections
      .command('status')
      .description(
        'Per projection: build, runner state, lag (events, seconds), parked events. Exit 5 when some are parked.',
      ),
  ).action(runRead(async () => (await import('./commands/projection-commands.js')).projectionsStatusCommand));
  json(
    projections
      .command('parked')
      .description("List parked events (their streams' read-model rows are stale until replayed).")
      .option('--projection <name>', 'only this projection')
      .option('--stream <id>', 'only this stream'),
  ).action(runRead(async () => (await import('./commands/projection-commands.js')).projectionsParkedCommand));
  json(
    projections
      .command('replay')
      .description(
        "Apply parked events again (after a fix); an event's whole stream is replayed, in order. Exit 5 when some still fail.",
      )
      .option('--event <id>', "replay this parked event's stream")
      .option('--all', 'replay every parked event'),
  ).action(run(async () => (await import('./commands/projection-commands.js')).projectionsReplayCommand));

  json(
    program
      .command('export')
      .description(
        "Write a subject's case file: current state, full timeline with changes, actors, vendor event ids and times, and a verification line.",
      )
      .argument('<kind>', 'account | case | inquiry | user-profile')
      .argument('<id>', 'vendor id')
      .option('--related', 'include related subjects in the timeline')
      .addOption(
        new Option('--format <format>', 'file format').choices(['json', 'csv', 'pdf']).default('json'),
      )
      .option('--out <file>', 'where to write it (- for stdout)')
      .option('--mask-pii', 'mask personal data as a read-only token would see it')
      .addHelpText(
        'after',
        '\nExample:\n  $ profile-projector export user-profile up_42 --related --format pdf --out up_42.pdf',
      ),
  ).action(run(async () => (await import('./commands/export-command.js')).exportCommand));

  json(
    program
      .command('access-log')
      .description(
        'Who read which subject: every read of the console, the read API and exports (append-only).',
      )
      .option('--subject <kind:id>', 'only reads of this subject, e.g. user-profile:up_42')
      .option('--token <name>', 'only reads by this token name')
      .option('--since <time>', 'only reads at or after this ISO time')
      .option('--limit <n>', 'at most this many, newest first (default 1000)')
      .addHelpText(
        'after',
        '\nExample:\n  $ profile-projector access-log --subject user-profile:up_42 --since 2026-01-01',
      ),
  ).action(runRead(async () => (await import('./commands/access-commands.js')).accessLogCommand));

  const token = program.command('token').description('API tokens for API_TOKENS_FILE.');
  json(
    token
      .command('create')
      .description('Print a new token and the line (name, scopes, hash) to add to the tokens file.')
      .requiredOption('--name <name>', 'who or what uses it (shown in the access log)')
      .requiredOption('--scopes <scopes>', 'comma-separated: read, read:pii, export, operate')
      .addHelpText(
        'after',
        '\nExample:\n  $ profile-projector token create --name alice --scopes read,export',
      ),
  ).action(run(async () => (await import('./commands/access-commands.js')).tokenCreateCommand));

  json(
    program
      .command('verify')
      .description(
        "Check the record's hash chain against the stored events (chaining any not yet chained first). Exit 7 when a stored event was changed, deleted or moved.",
      )
      .addHelpText(
        'after',
        '\nPrints the first link that breaks and why (changed, missing, reordered) and the head hash\n(seq and sha256) to keep outside the database as an anchor.\n\nExamples:\n  $ profile-projector verify\n  $ profile-projector verify --json | jq .head',
      ),
  ).action(run(async () => (await import('./commands/verify-command.js')).verifyCommand));

  json(
    program
      .command('erase')
      .description(
        "Erase a subject: destroy the data keys of its stream and of the streams that name it (an account's inquiries), so their stored bodies and data read as erased; read models and timeline are masked. Exit 3 when nothing is stored for it.",
      )
      .argument('<kind>', 'account | case | inquiry | user-profile (or a resource kind)')
      .argument('<id>', 'vendor id')
      .requiredOption('--reason <text>', 'why (kept in the record; do not put personal data here)')
      .addHelpText(
        'after',
        '\nNeeds RECORD_MASTER_KEY to shred; without it the stored bodies keep the PII (a note says so).\n\nExample:\n  $ profile-projector erase account act_9 --reason "GDPR art. 17 request #4411"',
      ),
  ).action(run(async () => (await import('./commands/erase-command.js')).eraseCommand));

  json(
    program
      .command('hold')
      .description('Place a legal hold on a subject: it, and the streams that name it, are never purged.')
      .argument('<kind>', 'account | case | inquiry | user-profile (or a resource kind)')
      .argument('<id>', 'vendor id')
      .requiredOption('--reason <text>', 'why (kept in the record)')
      .addHelpText(
        'after',
        '\nExample:\n  $ profile-projector hold account act_9 --reason "litigation 22-481"',
      ),
  ).action(run(async () => (await import('./commands/retention-commands.js')).holdCommand));

  json(
    program
      .command('release')
      .description('Release the legal hold on a subject. Exit 3 when none is in force.')
      .argument('<kind>', 'subject kind')
      .argument('<id>', 'vendor id')
      .addHelpText('after', '\nExample:\n  $ profile-projector release account act_9'),
  ).action(run(async () => (await import('./commands/retention-commands.js')).releaseCommand));

  json(
    program
      .command('purge')
      .description(
        'Remove the subjects past retention (RECORD_RETENTION_YEARS after their last event, default 5) and not on hold from events, read models and quarantine; the purge is recorded. PostgreSQL and PGlite only.',
      )
      .option('--dry-run', 'list what would be purged, change nothing')
      .option('--as-of <time>', 'count the retention back from this ISO time instead of now (plan ahead)')
      .addHelpText(
        'after',
        '\nExamples:\n  $ profile-projector purge --dry-run\n  $ profile-projector purge --json',
      ),
  ).action(run(async () => (await import('./commands/retention-commands.js')).purgeCommand));

  json(
    program
      .command('rotate-master-key')
      .description(
        'Rewrap every data key still wrapped by a previous master key (RECORD_MASTER_KEY_PREVIOUS) with RECORD_MASTER_KEY; stored events are not rewritten. Safe to run again; exit 5 when some key opens with none of the configured keys.',
      )
      .addHelpText(
        'after',
        '\nRotation: set RECORD_MASTER_KEY to the new key and RECORD_MASTER_KEY_PREVIOUS to the old one\n(for every process), run this until it reports nothing left, then drop the old key.\n\nExample:\n  $ RECORD_MASTER_KEY=$NEW RECORD_MASTER_KEY_PREVIOUS=$OLD profile-projector rotate-master-key --json',
      ),
  ).action(run(async () => (await import('./commands/rotate-key-command.js')).rotateMasterKeyCommand));

  json(
    program
      .command('backfill')
      .description(
        "Page Persona's Events API (newest first, rate limit honoured) and store every event the store lacks through the import path; resumable after a kill. Prints the reconciliation: ids Persona lists that the store lacked, per event name. Exit 5 when some were quarantined, 4 when the API kept failing.",
      )
      .argument('<source>', 'persona')
      .option('--since <time>', 'stop at events created before this ISO time')
      .option('--after <event-id>', 'start after this event id (older events)')
      .option('--name <name>', 'only this event name (filter[name]); repeat or comma-separate', collect)
      .option('--object-id <id>', 'only events about this object (filter[object-id])')
      .option('--dry-run', 'list and reconcile only, store nothing')
      .addHelpText(
        'after',
        '\nNeeds PERSONA_API_KEY; PERSONA_API_BASE points elsewhere (default https://api.withpersona.com).\n\nExamples:\n  $ profile-projector backfill persona --since 2026-11-01T00:00:00Z\n  $ profile-projector backfill persona --dry-run --json | jq .missing',
      ),
  ).action(run(async () => (await import('./commands/backfill-command.js')).backfillCommand));

  json(
    program
      .command('demo')
      .description(
        'Post a seeded feed of signed webhooks (~1,000 subjects, both vendors) to a local intake, wait for the projections, print a summary and one profile.',
      )
      .option('--subjects <n>', `aggregates to generate (default ${DEFAULT_SUBJECTS})`)
      .option('--seed <n>', 'feed seed (default 20260105)')
      .option(
        '--data-dir <dir>',
        'PGlite directory to use (default: a fresh temporary one, removed afterwards)',
      )
      .option('--concurrency <n>', `deliveries in flight at once (default ${DEFAULT_CONCURRENCY})`)
      .addHelpText('after', '\nExample:\n  $ npm run demo            # same as: profile-projector demo'),
  ).action(runRead(async () => (await import('./commands/demo-command.js')).demoCommand));

  return program;
}
