/**
 * Parked events (events a projection failed on, set aside so the rest keep moving), as the
 * console's operator page shows and replays them: the slice of the projector's `projections` API
 * the page needs.
 */
import type { ParkedEvent } from '../../projections/parking/parked-table.js';
import type { ProjectionsApi } from '../../projector/types.js';

export type ParkedEventRow = ParkedEvent;
export type ParkedEvents = Pick<ProjectionsApi, 'parked' | 'replay'>;
