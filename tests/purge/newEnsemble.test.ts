/**
 * The New ensemble dialog's autopurge fields: ZooKeeper's defaults leave the scenario as before
 * (no snapRetainCount / purgeInterval keys), other values are written, and a value out of range
 * is the field's error.
 */
import { describe, expect, it } from 'vitest';
import { defaultForm, scenarioFromForm } from '../../src/ui/NewEnsembleDialog';

describe('New ensemble dialog: autopurge', () => {
  it('defaults (3, 0) write nothing; other values go into config', () => {
    const d = scenarioFromForm(defaultForm());
    expect(d.ok && 'purgeInterval' in d.scenario.config).toBe(false);
    expect(d.ok && 'snapRetainCount' in d.scenario.config).toBe(false);
    const r = scenarioFromForm({ ...defaultForm(), purgeInterval: '1', snapRetainCount: '5' });
    expect(r.ok && r.scenario.config).toMatchObject({ purgeInterval: 1, snapRetainCount: 5 });
  });
  it('a negative interval or a fraction is the field’s error', () => {
    const r = scenarioFromForm({ ...defaultForm(), purgeInterval: '-1', snapRetainCount: '2.5' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.field).sort()).toEqual(['purgeInterval', 'snapRetainCount']);
  });
});
