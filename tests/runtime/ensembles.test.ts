/**
 * Saved ensembles (the `zablab/ensembles` meta database) and the typed runtime errors, on
 * fake-indexeddb: save / list / load / delete (with every server database), and how browser
 * failures map to what the UI shows.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import {
  deleteEnsemble,
  listEnsembles,
  loadEnsemble,
  newEnsembleId,
  saveEnsemble,
} from '../../src/runtime/ensembles';
import type { EnsembleRecord } from '../../src/runtime/ensembles';
import { IdbDurableStore, serverDbName } from '../../src/runtime/IdbDurableStore';
import { RuntimeFailure, runtimeError, storageError } from '../../src/runtime/errors';

function record(id: string, updatedAt: number): EnsembleRecord {
  return {
    id,
    title: `ensemble ${id}`,
    scenario: '{"format": 1}',
    recorded: [{ step: 3, action: { crash: [1] } }],
    step: 42,
    t: 1234,
    voters: 3,
    observers: 1,
    createdAt: 1,
    updatedAt,
  };
}

describe('saved ensembles', () => {
  it('are listed most recent first, without their scenario text', async () => {
    await saveEnsemble(record('a', 10));
    await saveEnsemble(record('b', 20));
    const list = await listEnsembles();
    expect(list.map((e) => e.id)).toEqual(['b', 'a']);
    expect(list[0]).toEqual({
      id: 'b',
      title: 'ensemble b',
      step: 42,
      t: 1234,
      voters: 3,
      observers: 1,
      createdAt: 1,
      updatedAt: 20,
      actions: 1,
    });
    expect(await loadEnsemble('a')).toEqual(record('a', 10));
    expect(await loadEnsemble('nope')).toBeNull();
  });

  it("deleting one removes its record and every server's database, not the others'", async () => {
    await saveEnsemble(record('del', 30));
    await saveEnsemble(record('keep', 31));
    for (const id of ['del', 'keep'])
      for (let sid = 1; sid <= 4; sid++) {
        const s = await IdbDurableStore.open(serverDbName(id, sid));
        await s.apply([{ op: 'epoch', file: 'acceptedEpoch', value: sid }]);
        s.close();
      }
    // a stray server database of the same ensemble (e.g. from an older shape) goes too
    (await IdbDurableStore.open(serverDbName('del', 9))).close();
    await deleteEnsemble('del');
    const names = (await indexedDB.databases()).map((d) => d.name);
    expect(names.filter((n) => n?.startsWith('zablab/del/'))).toEqual([]);
    expect(names.filter((n) => n?.startsWith('zablab/keep/'))).toHaveLength(4);
    expect((await listEnsembles()).map((e) => e.id)).not.toContain('del');
    const kept = await IdbDurableStore.open(serverDbName('keep', 2));
    expect((await kept.image()).acceptedEpoch).toBe(2);
    kept.close();
  });

  it('new ids are distinct', () => {
    const ids = new Set(Array.from({ length: 100 }, () => newEnsembleId()));
    expect(ids.size).toBe(100);
  });
});

describe('runtime errors', () => {
  it('map browser failures to codes the UI can explain', () => {
    const quota = storageError(new DOMException('', 'QuotaExceededError'), 3);
    expect(quota).toMatchObject({ code: 'quota-exceeded', sid: 3, title: 'Storage is full' });
    expect(quota.meaning).toMatch(/stops/);
    expect(storageError(new DOMException('denied', 'SecurityError')).code).toBe('indexeddb-unavailable');
    expect(storageError(new Error('boom'), undefined, true).code).toBe('indexeddb-unavailable');
    expect(storageError(new DOMException('closing', 'InvalidStateError'), 2)).toMatchObject({
      code: 'storage-failed',
      detail: 'InvalidStateError: closing',
    });
    const wrapped = new RuntimeFailure(runtimeError('worker-failed', 'x', 1));
    expect(storageError(wrapped).code).toBe('worker-failed');
    expect(wrapped.message).toMatch(/could not start/);
    expect(structuredClone(quota)).toEqual(quota);
  });
});
