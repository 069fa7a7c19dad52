/** The projections this product runs, by name. */
import type { Projection } from './projection.js';
import { readModelsProjection } from './read-models/read-models.js';

export const defaultProjections: readonly Projection[] = [readModelsProjection];

export function projectionNamed(name: string, from: readonly Projection[] = defaultProjections): Projection {
  const found = from.find((p) => p.name === name);
  if (!found)
    throw new RangeError(
      `unknown projection ${JSON.stringify(name)}; known: ${from.map((p) => p.name).join(', ')}`,
    );
  return found;
}
