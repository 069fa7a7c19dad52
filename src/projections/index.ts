/** Public surface of the projections module. */
export type { Projection, ProjectionContext } from './projection.js';
export {
  startRunner,
  startRunners,
  NewerProjectionActiveError,
  type ProjectionRunner,
  type ProjectionRunners,
  type RunnerOptions,
} from './runner.js';
export {
  rebuild,
  type RebuildOptions,
  type RebuildPlan,
  type RebuildProgress,
  type RebuildReport,
  type RebuildResult,
} from './rebuild.js';
export { ProjectionLockedError } from './lock.js';
export { CheckpointMovedError } from './build-steps.js';
export { ensureCatalog, listBuilds, activeBuild, type Build, type BuildState } from './catalog.js';
export { defaultProjections, projectionNamed } from './registry.js';
export { readModelsProjection, READ_MODELS_VERSION } from './read-models/read-models.js';
export { VIEW_NAMES } from './read-models/views.js';
export { summarise, type SummaryInput } from './timeline/summarise.js';
export { maskChanges } from './timeline/mask.js';
export type { ProjectionLogger } from './logger.js';
