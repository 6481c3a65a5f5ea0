/**
 * The one IndexedDB start-up check, run by the page (createRuntime) and by a server worker (its
 * `probe` request). Models nothing in ZooKeeper: it checks that a dataDir can exist here at all.
 */
import { IdbDurableStore } from './IdbDurableStore';
import { runtimeError, storageError } from './errors';
import type { RuntimeError } from './errors';
/**
 * Opens database `db`, writes one record, reads it back and deletes the database: null if all of
 * that worked here (in the page or in a worker), else what failed, as the error to show.
 */
export async function probeIndexedDb(db: string): Promise<RuntimeError | null> {
  if (typeof indexedDB === 'undefined')
    return runtimeError('indexeddb-unavailable', 'indexedDB is not defined in this context');
  try {
    const s = await IdbDurableStore.open(db);
    await s.apply([{ op: 'epoch', file: 'acceptedEpoch', value: 1 }]);
    const img = await s.image();
    s.close();
    await IdbDurableStore.delete(db);
    if (img.acceptedEpoch !== 1)
      return runtimeError('indexeddb-unavailable', 'a test write did not read back');
    return null;
  } catch (e) {
    return storageError(e, undefined, true);
  }
}
