/** openProjector: the library's entry point (see src/index.ts for the documented export). */
import { compose } from './composition.js';
import type { Projector, ProjectorOptions } from './types.js';

export async function openProjector(options: ProjectorOptions): Promise<Projector> {
  return (await compose(options)).projector;
}
