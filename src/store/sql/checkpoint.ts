/**
 * SQL checkpoints are `<txid>/<position>`: the global order is (txid, position) over rows whose
 * transaction finished before every transaction still running, so nothing can later appear
 * behind a checkpoint (see docs/store.md, "Ordering").
 */
import { START, type Checkpoint } from '../event-store.js';

export interface SqlPosition {
  txid: string;
  position: string;
}

export function encodeCheckpoint(txid: string, position: string): Checkpoint {
  return `${txid}/${position}`;
}

export function decodeCheckpoint(checkpoint: Checkpoint): SqlPosition {
  if (checkpoint === START) return { txid: '0', position: '0' };
  const match = /^(\d{1,20})\/(\d{1,20})$/.exec(checkpoint);
  if (!match) throw new TypeError(`not a SQL event store checkpoint: ${JSON.stringify(checkpoint)}`);
  return { txid: match[1]!, position: match[2]! };
}
