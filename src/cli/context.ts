/** What every command gets: the environment, output, and a projector opened on demand. */
import { openProjector } from '../projector/open-projector.js';
import type { Projector, ProjectorOptions } from '../projector/types.js';
import { projectorOptions, readEnvironment, type CliEnvironment } from './env.js';
import { createOutput, type Output } from './output/print.js';

export interface CommandContext {
  env: CliEnvironment;
  out: Output;
  json: boolean;
}

export function commandContext(options: { json?: boolean }): CommandContext {
  const json = options.json === true;
  return { env: readEnvironment(), out: createOutput(json), json };
}

/** Opens a projector on the environment's store, runs `fn`, and always closes it. */
export async function withProjector<T>(
  ctx: CommandContext,
  fn: (projector: Projector) => Promise<T>,
  extra: Partial<ProjectorOptions> = {},
): Promise<T> {
  const projector = await openProjector(projectorOptions(ctx.env, extra));
  try {
    return await fn(projector);
  } finally {
    await projector.close();
  }
}
