/** What every command gets: the environment, output, and a projector opened on demand. */
import { compose, type ComposeOptions } from '../projector/composition.js';
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

/**
 * A command's composition: the projections and the record's chain keeper start only when the
 * command needs them (a write it reads back, catchUp, verify), and a read catches up first when
 * the read models are behind the store; a query on a current directory starts neither.
 */
export const COMMAND_COMPOSE: ComposeOptions = { projectNow: false };

/** Opens a projector on the environment's store, runs `fn`, and always closes it. */
export async function withProjector<T>(
  ctx: CommandContext,
  fn: (projector: Projector) => Promise<T>,
  extra: Partial<ProjectorOptions> = {},
  composeOptions: ComposeOptions = COMMAND_COMPOSE,
): Promise<T> {
  const { projector } = await compose(projectorOptions(ctx.env, extra), composeOptions);
  try {
    return await fn(projector);
  } finally {
    await projector.close();
  }
}
