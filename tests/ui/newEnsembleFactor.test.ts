/**
 * The New ensemble dialog's snapshotSizeFactor: a fraction as zoo.cfg takes it; negative turns the
 * txn-log sync off (the ZOOKEEPER-2846 workaround), above 1 is refused.
 */
import { describe, expect, it } from 'vitest';
import { defaultForm, scenarioFromForm } from '../../src/ui/NewEnsembleDialog';

describe('New ensemble: snapshotSizeFactor', () => {
  it('defaults to ZooKeeper’s 0.33 and carries what is typed into the scenario', () => {
    expect(defaultForm().snapshotSizeFactor).toBe('0.33');
    for (const [typed, want] of [
      ['-1', -1],
      ['0.5', 0.5],
      ['0', 0],
    ] as const) {
      const r = scenarioFromForm({ ...defaultForm(), snapshotSizeFactor: typed });
      expect(r.ok && r.scenario.config.snapshotSizeFactor).toBe(want);
    }
  });

  it('refuses what is not a number in range, naming the field', () => {
    for (const typed of ['abc', '2', '1e3', '', '-3']) {
      const r = scenarioFromForm({ ...defaultForm(), snapshotSizeFactor: typed });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.errors.map((e) => e.field)).toContain('snapshotSizeFactor');
    }
  });
});
