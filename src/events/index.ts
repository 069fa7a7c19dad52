/** The events module's public surface: parsing, the catalog and the shared event shapes. */
export { parseDelivery } from './parse.js';
export { describeProblems } from './parse-result.js';
export type { ParseOptions, ParseResult, Problem, ProblemCode } from './parse-result.js';
export { catalogEntry, catalogEntries, CATALOG_CATEGORIES } from './catalog/index.js';
export type { CatalogEntry } from './catalog/index.js';
export { camelKey, camelizeKeys } from './inflection.js';
export * from './types.js';
export type * from './normalised.js';
export * from './streams.js';
