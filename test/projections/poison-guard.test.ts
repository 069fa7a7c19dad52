/** The parts of parking that decide without I/O: when a batch is isolated, and what an error is reported as. */
import { describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../src/db/errors.js';
import { CheckpointMovedError } from '../../src/projections/build-steps.js';
import { summariseError } from '../../src/projections/error-summary.js';
import { PoisonGuard } from '../../src/projections/parking/poison.js';

describe('PoisonGuard', () => {
  it('isolates a batch after the bounded number of failures at the same start', () => {
    const guard = new PoisonGuard(3);
    const bug = new TypeError('boom');
    guard.failed('1/10', bug);
    guard.failed('1/10', bug);
    expect(guard.isolating('1/10')).toBe(false);
    guard.failed('1/10', bug);
    expect([guard.isolating('1/10'), guard.attempts]).toEqual([true, 3]);
    expect(guard.isolating('1/11')).toBe(false);
    guard.succeeded();
    expect(guard.isolating('1/10')).toBe(false);
  });

  it('does not count outages or a moved checkpoint, and starts over at a new batch', () => {
    const guard = new PoisonGuard(2);
    guard.failed('1/10', new StoreUnavailableError('query: database unavailable'));
    guard.failed('1/10', Object.assign(new Error('terminating connection'), { code: '57P01' }));
    guard.failed('1/10', new CheckpointMovedError('read-models', 2));
    expect(guard.attempts).toBe(0);
    guard.failed('1/10', new Error('bug'));
    guard.failed('1/20', new Error('bug'));
    expect([guard.isolating('1/20'), guard.attempts]).toEqual([false, 1]);
  });
});

describe('summariseError', () => {
  it('names a database error by SQLSTATE and table, never by its message (it may quote values)', () => {
    const pgError = Object.assign(new Error('value "alex@example.com" violates check constraint'), {
      code: '23514',
      table: 'rm_aggregate_state_v2',
    });
    expect(summariseError(pgError)).toBe('Error SQLSTATE 23514 on rm_aggregate_state_v2');
    expect(
      summariseError(Object.assign(new Error('raised'), { code: 'P0001', routine: 'exec_stmt_raise' })),
    ).toBe('Error SQLSTATE P0001 in exec_stmt_raise');
  });

  it('names a thrown error by class and first line, cut short', () => {
    expect(summariseError(new TypeError('x is undefined\n    at fold'))).toBe('TypeError: x is undefined');
    expect(summariseError(new Error('y'.repeat(500))).length).toBe(200);
    expect(summariseError('a string')).toBe('non-Error thrown');
  });
});
