/**
 * A build (projection name and table version) and the error of a batch whose checkpoint
 * compare-and-set failed. Apart from build-steps.ts so that the parking code, which build-steps
 * uses, can name them without importing it back.
 */

export interface BuildRef {
  name: string;
  version: number;
}

export class CheckpointMovedError extends Error {
  override readonly name = 'CheckpointMovedError';
  constructor(
    readonly projection: string,
    readonly version: number,
  ) {
    super(`projection ${projection} v${version}: checkpoint moved or build retired; batch not applied`);
  }
}
