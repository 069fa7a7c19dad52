/**
 * What a projection failure is reported as (logs, status, the parked table): never the event's
 * data. A database error's message can quote the values of the row it refused, so it is named by
 * its SQLSTATE and the table or routine it came from; an error thrown by projection code is named
 * by its class and message, cut short.
 */
const MAX = 200;

export function summariseError(error: unknown): string {
  if (!(error instanceof Error))
    return typeof error === 'string' ? 'non-Error thrown' : `non-Error thrown (${typeof error})`;
  const { code, table, routine } = error as { code?: unknown; table?: unknown; routine?: unknown };
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
    const where =
      typeof table === 'string' ? ` on ${table}` : typeof routine === 'string' ? ` in ${routine}` : '';
    return `${error.name} SQLSTATE ${code}${where}`;
  }
  const text = `${error.name}: ${error.message.split('\n', 1)[0]}`;
  return text.length > MAX ? `${text.slice(0, MAX - 1)}…` : text;
}
