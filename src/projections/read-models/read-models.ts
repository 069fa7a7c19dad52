/**
 * The `read-models` projection: aggregate_state, timeline_entries and reference_index, plus the
 * compliance views over them. One projection rather than three because the timeline's changes
 * and the state rows come out of the same fold: reading and folding every event once is what
 * keeps a rebuild fast.
 */
import type { Projection } from '../projection.js';
import { applyReadModels } from './apply.js';
import { readModelsBulk } from './bulk.js';
import { createTables, dropTables } from './tables.js';
import { createViews } from './views.js';

/**
 * 2: timeline_entries gained an index on (stream_id, occurred_at, position) for includeRelated.
 * 3: timeline_entries name what each event is about (about_kind, about_id) and mark the rows that
 *    are a subject's own (`own`), so a timeline without includeRelated shows only its own events.
 */
export const READ_MODELS_VERSION = 3;

export const readModelsProjection: Projection = {
  name: 'read-models',
  version: READ_MODELS_VERSION,
  init: createTables,
  apply: applyReadModels,
  activate: createViews,
  bulk: readModelsBulk,
  drop: dropTables,
};
