/** The projections this product runs, by name. */
import type { Projection } from './projection.js';
import { readModelsProjection } from './read-models/read-models.js';

export const defaultProjections: readonly Projection[] = [readModelsProjection];

/** A projection name that this product does not run (a usage error for the caller). */
export class UnknownProjectionError extends RangeError {
  override readonly name = 'UnknownProjectionError';
}

export function projectionNamed(name: string, from: readonly Projection[] = defaultProjections): Projection {
  const found = from.find((p) => p.name === name);
  if (!found)
    throw new UnknownProjectionError(
      `unknown projection ${JSON.stringify(name)}; known: ${from.map((p) => p.name).join(', ')}`,
    );
  return found;
}
