/**
 * token create: a new API token for API_TOKENS_FILE. access-log: who read which subject's data.
 * The CLI opens the database itself, so it is trusted like `state` and `timeline` (no token).
 */
import { userInfo } from 'node:os';
import { migrateAccessLog, SqlAccessLog, type AccessLog } from '../../access/access-log.js';
import { parseScopes, createToken, TokenFileError } from '../../access/tokens.js';
import { compose, type Composition } from '../../projector/composition.js';
import { toIsoTime } from '../../timeline/options.js';
import { COMMAND_COMPOSE, commandContext, type CommandContext } from '../context.js';
import { projectorOptions } from '../env.js';
import { CliError, ExitCode } from '../exit-codes.js';
import { renderTable } from '../output/table.js';

export interface TokenCreateFlags {
  name: string;
  scopes: string;
  json?: boolean;
}

export async function tokenCreateCommand(flags: TokenCreateFlags): Promise<number> {
  const json = flags.json === true;
  let created;
  let scopes;
  try {
    scopes = parseScopes(flags.scopes);
    created = createToken(flags.name, scopes);
  } catch (error) {
    if (error instanceof TokenFileError) throw new CliError(error.problems.join('; '), ExitCode.usage);
    throw error;
  }
  if (json) {
    process.stdout.write(`${JSON.stringify({ name: flags.name, scopes, ...created }, null, 2)}\n`);
  } else {
    process.stdout.write(
      [
        `Token (shown once, give it to ${flags.name}):`,
        `  ${created.token}`,
        '',
        'Add this line to the file API_TOKENS_FILE names (it holds only the hash):',
        `  ${created.line}`,
        '',
      ].join('\n'),
    );
  }
  return ExitCode.ok;
}

/** Who the CLI's reads are recorded as: `cli:<os user>`. */
export function cliReader(): string {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // no passwd entry (containers): keep "unknown"
  }
  return `cli:${user}`;
}

/** Opens the composition and the access log, runs `fn`, always closes. */
export async function withAccessLog<T>(
  ctx: CommandContext,
  fn: (log: AccessLog, composition: Composition) => Promise<T>,
): Promise<T> {
  const composition = await compose(projectorOptions(ctx.env), COMMAND_COMPOSE);
  try {
    const { opened } = composition;
    await migrateAccessLog(opened.sql, opened.schema === 'public' ? {} : { schema: opened.schema });
    return await fn(new SqlAccessLog(opened.sql), composition);
  } finally {
    await composition.projector.close();
  }
}

export interface AccessLogFlags {
  subject?: string;
  token?: string;
  since?: string;
  limit?: string;
  json?: boolean;
}

export async function accessLogCommand(flags: AccessLogFlags): Promise<number> {
  const ctx = commandContext(flags);
  let subjectKind: string | undefined;
  let subjectId: string | undefined;
  if (flags.subject !== undefined) {
    const cut = flags.subject.indexOf(':');
    if (cut <= 0 || cut === flags.subject.length - 1)
      throw new CliError('--subject must be KIND:ID, e.g. user-profile:up_42', ExitCode.usage);
    subjectKind = flags.subject.slice(0, cut);
    subjectId = flags.subject.slice(cut + 1);
  }
  if (flags.limit !== undefined && !/^\d{1,5}$/.test(flags.limit))
    throw new CliError('--limit must be a whole number up to 10000', ExitCode.usage);
  const since = flags.since === undefined ? undefined : toIsoTime('since', flags.since);
  const entries = await withAccessLog(ctx, (log) =>
    log.list({
      ...(subjectKind ? { subjectKind } : {}),
      ...(subjectId ? { subjectId } : {}),
      ...(flags.token ? { tokenName: flags.token } : {}),
      ...(since ? { since } : {}),
      limit: flags.limit ? Number(flags.limit) : 1000,
    }),
  );
  ctx.out.result(entries, () =>
    entries.length === 0
      ? 'No reads recorded for that filter.'
      : renderTable(entries, [
          { header: 'AT', value: (e) => e.at },
          { header: 'TOKEN', value: (e) => e.tokenName },
          { header: 'SUBJECT', value: (e) => `${e.subjectKind}:${e.subjectId}` },
          { header: 'WHAT', value: (e) => e.what },
          { header: 'VIA', value: (e) => e.channel },
          { header: 'FROM', value: (e) => e.remote },
        ]),
  );
  return ExitCode.ok;
}
