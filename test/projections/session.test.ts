import { describe, expect, it } from 'vitest';
import { ProjectionSession } from '../../src/projections/session.js';

describe('ProjectionSession', () => {
  it('shows staged values only after commit, and forgets everything (completeness too) after a failed batch', () => {
    const session = new ProjectionSession(true);
    session.memo.set('kept', 1);
    let applied = 0;
    session.afterCommit(() => (applied += 1));
    expect(applied).toBe(0);
    session.committed();
    expect(applied).toBe(1);
    session.committed();
    expect(applied).toBe(1);

    session.afterCommit(() => (applied += 10));
    session.failed();
    session.committed();
    expect(applied).toBe(1);
    expect(session.memo.size).toBe(0);
    // Batches before the failure did commit: the memo no longer covers every stored row.
    expect(session.startedEmpty).toBe(false);
    expect(new ProjectionSession(false).startedEmpty).toBe(false);
  });
});
