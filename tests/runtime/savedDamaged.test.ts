/**
 * A damaged record in the saved-ensembles database (fake-indexeddb) does not hide the others: the
 * listing gives the good ones and each damaged one with its precise error, and a damaged record
 * can be deleted (with its servers' databases when its key is an ensemble id).
 */
import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import {
  deleteDamagedEnsemble,
  listEnsembles,
  listSavedEnsembles,
  META_DB,
  pruneEnsembles,
  saveEnsemble,
} from '../../src/runtime/ensembles';
import type { EnsembleRecord } from '../../src/runtime/ensembles';
import { IdbDurableStore, serverDbName } from '../../src/runtime/IdbDurableStore';

function record(id: string, updatedAt: number): EnsembleRecord {
  return {
    id,
    title: `ensemble ${id}`,
    scenario: '{"format": 1}',
    recorded: [],
    step: 7,
    t: 700,
    voters: 3,
    observers: 0,
    createdAt: 1,
    updatedAt,
  };
}

/** Writes a record past the app's checks, as a change made outside the app would. */
async function putRaw(value: Record<string, unknown>): Promise<void> {
  const db = await openDB(META_DB);
  await db.put('ensembles', value);
  db.close();
}

const dbNames = async () => (await indexedDB.databases()).map((d) => d.name);

describe('a damaged saved-ensemble record', () => {
  it('is listed apart with its error; the good records are listed; it can be deleted with its databases', async () => {
    await saveEnsemble(record('good-1', 10));
    await saveEnsemble(record('good-2', 20));
    await putRaw({ ...record('bad', 30), voters: 'three' });
    await putRaw({ id: 42, junk: true });
    const server = await IdbDurableStore.open(serverDbName('bad', 1), { sid: 1 });
    server.close();

    // the old listing stops at the first bad record: the reason the dialog listed nothing
    await expect(listEnsembles()).rejects.toMatchObject({ error: { code: 'storage-corrupt' } });

    const { items, damaged } = await listSavedEnsembles();
    expect(items.map((e) => e.id)).toEqual(['good-2', 'good-1']);
    expect(damaged.map((d) => d.key)).toEqual([42, 'bad']);
    for (const d of damaged) {
      expect(d.error.code).toBe('storage-corrupt');
      expect(d.error.detail).toContain('zablab/ensembles');
    }
    expect(damaged[1].error.detail).toContain('bad');

    // pruning keeps going past it (and leaves it for the user to see)
    expect(await pruneEnsembles(5)).toEqual([]);

    expect(await dbNames()).toContain(serverDbName('bad', 1));
    await deleteDamagedEnsemble('bad');
    await deleteDamagedEnsemble(42);
    expect(await dbNames()).not.toContain(serverDbName('bad', 1));
    const after = await listSavedEnsembles();
    expect(after.damaged).toEqual([]);
    expect(after.items.map((e) => e.id)).toEqual(['good-2', 'good-1']);
    expect((await listEnsembles()).map((e) => e.id)).toEqual(['good-2', 'good-1']);
  });
});
