export { chooseHeaders, isQuarantineId } from './quarantine.js';
export type {
  QuarantineEntry,
  QuarantineInput,
  QuarantineListOptions,
  QuarantineStore,
  QuarantineSummary,
} from './quarantine.js';
export { MemoryQuarantine } from './memory-quarantine.js';
export {
  SqlQuarantine,
  migrateQuarantine,
  quarantineMigrations,
  QUARANTINE_COMPONENT,
} from './sql-quarantine.js';
