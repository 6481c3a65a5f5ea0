/**
 * Saved ensembles: the `zablab/ensembles` meta database. A run is reproducible from (scenario,
 * recorded user actions) and a step, so that is what is kept per ensemble; the servers' own
 * dataDirs are the per-server databases (`zablab/<id>/server-<sid>`, IdbDurableStore).
 * Models nothing in ZooKeeper: it is the lab notebook next to the ensemble.
 */
import { deleteDB, openDB } from 'idb';
import type { DBSchema, IDBPDatabase } from 'idb';
import type { RecordedAction } from '../sim/SimulationApi';
import { IdbDurableStore, serverDbName } from './IdbDurableStore';
import { RuntimeFailure, isRuntimeFailure, storageError } from './errors';
import type { RuntimeError } from './errors';
import { validate } from './storedShapes';

export const META_DB = 'zablab/ensembles';

export interface EnsembleRecord {
  id: string;
  title: string;
  /** the scenario, as serializeScenario writes it */
  scenario: string;
  recorded: RecordedAction[];
  /** the step the run had reached when last saved */
  step: number;
  /** virtual ms at that step */
  t: number;
  voters: number;
  observers: number;
  createdAt: number;
  updatedAt: number;
}

/** What listEnsembles() shows (no scenario text, no actions). */
export type EnsembleInfo = Omit<EnsembleRecord, 'scenario' | 'recorded'> & { actions: number };

interface MetaDb extends DBSchema {
  ensembles: { key: string; value: EnsembleRecord };
}

let metaDb: Promise<IDBPDatabase<MetaDb>> | null = null;

function meta(): Promise<IDBPDatabase<MetaDb>> {
  if (!metaDb) {
    const p = openDB<MetaDb>(META_DB, 1, {
      upgrade(db) {
        db.createObjectStore('ensembles', { keyPath: 'id' });
      },
      blocking() {
        void p.then((db) => db.close());
        metaDb = null;
      },
    }).catch((e: unknown) => {
      metaDb = null;
      throw new RuntimeFailure(storageError(e, undefined, true));
    });
    metaDb = p;
  }
  return metaDb;
}

async function guarded<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    throw e instanceof RuntimeFailure ? e : new RuntimeFailure(storageError(e));
  }
}

/** A new ensemble id: short, sortable by creation time, unique enough per origin. */
export function newEnsembleId(): string {
  const rnd =
    typeof crypto !== 'undefined' && 'randomUUID' in crypto
      ? crypto.randomUUID().slice(0, 8)
      : Math.floor(Math.random() * 0xffffffff)
          .toString(16)
          .padStart(8, '0');
  return `${Date.now().toString(36)}-${rnd}`;
}

export async function saveEnsemble(rec: EnsembleRecord): Promise<void> {
  await guarded(async () => {
    await (await meta()).put('ensembles', rec);
  });
}

/** A record as read, checked (storedShapes): anything else names the database, store and key. */
function checked(v: unknown, key: IDBValidKey): EnsembleRecord {
  return validate.ensemble(v, { db: META_DB, store: 'ensembles', key });
}

export async function loadEnsemble(id: string): Promise<EnsembleRecord | null> {
  return guarded(async () => {
    const v: unknown = await (await meta()).get('ensembles', id);
    return v === undefined ? null : checked(v, id);
  });
}

/** Every saved record with its key, as stored (each is checked by its reader). */
async function readAllRecords(): Promise<{ keys: IDBValidKey[]; values: unknown[] }> {
  const db = await meta();
  const tx = db.transaction('ensembles');
  const [keys, values] = await Promise.all([
    tx.store.getAllKeys(),
    tx.store.getAll() as Promise<unknown[]>,
    tx.done,
  ]);
  return { keys, values };
}

/** Saved ensembles, most recently used first (a damaged record is listed by the error it gives). */
export async function listEnsembles(): Promise<EnsembleInfo[]> {
  return guarded(async () => {
    const { keys, values } = await readAllRecords();
    return values
      .map((v, i) => checked(v, keys[i]))
      .map(({ scenario: _s, recorded, ...info }) => ({ ...info, actions: recorded.length }))
      .sort((a, b) => b.updatedAt - a.updatedAt);
  });
}

/** A saved record that is not an ensemble record any more: its key and the error reading it gives. */
export interface DamagedEnsemble {
  key: IDBValidKey;
  error: RuntimeError;
}

/**
 * Every saved ensemble that reads back well, most recently used first, and apart from them every
 * damaged record with its precise error: one bad record does not hide the others, and it can be
 * deleted (deleteDamagedEnsemble).
 */
export async function listSavedEnsembles(): Promise<{ items: EnsembleInfo[]; damaged: DamagedEnsemble[] }> {
  return guarded(async () => {
    const { keys, values } = await readAllRecords();
    const items: EnsembleInfo[] = [];
    const damaged: DamagedEnsemble[] = [];
    values.forEach((v, i) => {
      try {
        const { scenario: _s, recorded, ...info } = checked(v, keys[i]);
        items.push({ ...info, actions: recorded.length });
      } catch (e) {
        if (!isRuntimeFailure(e)) throw e;
        damaged.push({ key: keys[i], error: e.error });
      }
    });
    items.sort((a, b) => b.updatedAt - a.updatedAt);
    return { items, damaged };
  });
}

/**
 * Deletes a damaged record: a string key is an ensemble id, deleted with its servers' databases
 * (deleteEnsemble); any other key is a record no ensemble of this app wrote, deleted alone.
 */
export async function deleteDamagedEnsemble(key: IDBValidKey): Promise<void> {
  if (typeof key === 'string') return deleteEnsemble(key);
  await guarded(async () => {
    const tx = (await meta()).transaction('ensembles', 'readwrite');
    await Promise.all([tx.store.delete(IDBKeyRange.only(key)), tx.done]);
  });
}

/**
 * An independent copy of a saved ensemble (another tab runs it): its record under a new id and a
 * copy of every server's database, read one consistent transaction per database. A database that
 * cannot be read is left empty in the copy (its server then says its storage does not match).
 * Returns the new id.
 */
export async function copyEnsemble(id: string, newId: string, title: string): Promise<string> {
  const rec = await loadEnsemble(id);
  if (!rec) throw new RuntimeFailure(storageError(new Error(`no saved ensemble "${id}"`)));
  for (let sid = 1; sid <= rec.voters + rec.observers; sid++) {
    const from = await IdbDurableStore.open(serverDbName(id, sid), { sid });
    let image = null;
    try {
      image = await from.image();
    } catch (e) {
      if (!isRuntimeFailure(e) || e.error.code !== 'storage-corrupt') throw e;
    } finally {
      from.close();
    }
    if (!image) continue;
    const to = await IdbDurableStore.open(serverDbName(newId, sid), { sid });
    try {
      await to.replace(image, { inc: 0, call: 0, step: rec.step, phase: 'hydrate' });
    } finally {
      to.close();
    }
  }
  await saveEnsemble({ ...rec, id: newId, title, createdAt: Date.now(), updatedAt: Date.now() });
  return newId;
}

/**
 * Deletes an ensemble: its meta record and every server's database. Close the run that uses it
 * first (EnsembleRun.close()); open connections elsewhere are asked to close (idb `blocking`).
 */
export async function deleteEnsemble(id: string): Promise<void> {
  await guarded(async () => {
    // a damaged record still names its ensemble's databases by its id (found below)
    const rec = await loadEnsemble(id).catch((e: unknown) => {
      if (isRuntimeFailure(e) && e.error.code === 'storage-corrupt') return null;
      throw e;
    });
    const names = new Set<string>();
    if (rec) for (let sid = 1; sid <= rec.voters + rec.observers; sid++) names.add(serverDbName(id, sid));
    // databases() also finds servers of an ensemble whose record is gone or incomplete
    if (typeof indexedDB !== 'undefined' && typeof indexedDB.databases === 'function') {
      for (const d of await indexedDB.databases())
        if (d.name && d.name.startsWith(`zablab/${id}/`)) names.add(d.name);
    }
    await Promise.all([...names].map((n) => deleteDB(n)));
    await (await meta()).delete('ensembles', id);
  });
}

/**
 * Keeps the `keep` most recently used ensembles besides `except` (the one open now) and deletes the
 * rest with their servers' databases, so that browsing presets does not fill the disk. Returns the
 * ids deleted.
 */
export async function pruneEnsembles(keep: number, except?: string): Promise<string[]> {
  // a damaged record is not pruned blindly: the Saved ensembles dialog shows it with its error
  const all = (await listSavedEnsembles()).items;
  const drop = all.filter((e) => e.id !== except).slice(keep);
  for (const e of drop) await deleteEnsemble(e.id);
  return drop.map((e) => e.id);
}
