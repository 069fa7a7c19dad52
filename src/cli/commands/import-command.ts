/** import: stream an NDJSON export through the same parser as webhooks, batched, with a progress bar. */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { importNdjson } from '../../intake/import.js';
import { compose } from '../../projector/composition.js';
import { projectorOptions } from '../env.js';
import { COMMAND_COMPOSE, commandContext } from '../context.js';
import { CliError, ExitCode } from '../exit-codes.js';
import { progressBar } from '../output/progress.js';
import { renderPairs } from '../output/table.js';

export interface ImportFlags {
  source: 'persona' | 'aiprise';
  json?: boolean;
}

export async function importCommand(file: string, flags: ImportFlags): Promise<number> {
  const ctx = commandContext(flags);
  let input: Readable;
  let size: number | undefined;
  if (file === '-') {
    input = process.stdin;
  } else {
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) throw new CliError(`no such file: ${file}`, ExitCode.notFound);
    size = info.size;
    input = createReadStream(file);
  }
  const composition = await compose(projectorOptions(ctx.env), COMMAND_COMPOSE);
  const bar = progressBar('importing', 'bytes');
  const started = performance.now();
  try {
    const result = await importNdjson({
      store: composition.opened.store,
      quarantine: composition.quarantine,
      source: flags.source,
      input,
      onProgress: (p) => bar.update(p.bytes, size ?? p.bytes),
    });
    bar.stop();
    composition.wrote();
    // Leave with the read models current, so the next query shows the import.
    await composition.projector.catchUp();
    const seconds = (performance.now() - started) / 1000;
    ctx.out.result({ ...result, seconds }, () =>
      renderPairs([
        ['lines', String(result.lines)],
        ['appended', String(result.appended)],
        ['duplicates', String(result.duplicates)],
        [
          'quarantined',
          `${result.quarantined}${result.quarantined ? '  (see: profile-projector quarantine list)' : ''}`,
        ],
        ['blank lines', String(result.blank)],
        ['time', `${seconds.toFixed(1)} s`],
      ]),
    );
    return result.quarantined > 0 ? ExitCode.partial : ExitCode.ok;
  } finally {
    bar.stop();
    await composition.projector.close();
  }
}
