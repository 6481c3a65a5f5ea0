/**
 * What can go wrong when an ensemble runs in Web Workers on IndexedDB, as typed, structured-cloneable
 * errors the UI can show: a code (for i18n), a one-line English title, what it means for the user,
 * and the technical detail. Models nothing in ZooKeeper; it is the browser's side of "the disk
 * failed" (a ZooKeeper server that cannot write its log exits: SyncRequestProcessor's
 * "Severe unrecoverable error").
 */

export type RuntimeErrorCode =
  /** IndexedDB is missing or refuses to open (private windows, disabled storage, blocked origin) */
  | 'indexeddb-unavailable'
  /** the origin's storage quota is used up: a write was refused */
  | 'quota-exceeded'
  /** any other IndexedDB failure while reading or writing a server's storage */
  | 'storage-failed'
  /** a server's Web Worker could not be created, failed to load, or crashed on its own */
  | 'worker-failed'
  /** a saved ensemble could not be resumed (missing or unreadable) */
  | 'resume-failed'
  /** it was resumed, but a server's storage matched no single step of the run and was rewritten */
  | 'resume-rewritten'
  /** a stored record is not what ZooKeeper wrote (bad shape, or a checksum that does not match):
   *  the server refuses to start */
  | 'storage-corrupt'
  /** a server's database vanished or no longer holds what the run wrote (changed from outside) */
  | 'storage-diverged'
  /** another tab took this ensemble over: this tab stopped and writes nothing more */
  | 'taken-over'
  /** a resume found servers whose databases disagree with the replay: the user chooses */
  | 'resume-disagrees'
  /** the ensemble runs in another tab: take it over, or open an independent copy */
  | 'owned-elsewhere';

export interface RuntimeError {
  code: RuntimeErrorCode;
  /** short English title, e.g. "Storage is full" */
  title: string;
  /** what it means for the user, in English (the UI may translate by `code`) */
  meaning: string;
  /** technical detail: the browser's error name and message */
  detail: string;
  /** the server concerned, if one */
  sid?: number;
  /** the write (or read) that failed, e.g. `saved-ensemble record (zablab/ensembles)` or
   *  `txn log of server 2`: banners name it, and identical errors are shown once */
  write?: string;
  /** the saved ensemble concerned (resume-disagrees, taken-over) */
  ensemble?: string;
  /** the servers concerned (resume-disagrees) */
  servers?: number[];
  /** how many times this same error happened (identical errors are shown once) */
  count?: number;
}

const TEXTS: Record<RuntimeErrorCode, { title: string; meaning: string }> = {
  'indexeddb-unavailable': {
    title: 'Browser storage is not available',
    meaning:
      'This browser (or window, e.g. a private one) refuses IndexedDB, so servers cannot keep their ' +
      'transaction logs and snapshots on disk. The ensemble runs in memory instead: it works the ' +
      'same, but nothing survives a reload.',
  },
  'quota-exceeded': {
    title: 'Storage is full',
    meaning:
      'The browser refused to store more data for this site. A server that cannot write its log ' +
      'stops, as ZooKeeper does. Delete saved ensembles you no longer need, or run in memory.',
  },
  'storage-failed': {
    title: 'A storage write or read failed',
    meaning:
      'IndexedDB reported an error while a server read or wrote its storage. That server stops, as ' +
      'ZooKeeper does when its disk fails; the rest of the ensemble goes on.',
  },
  'worker-failed': {
    title: 'A server process could not start',
    meaning:
      'The Web Worker that runs a server failed to start or stopped unexpectedly. The ensemble can ' +
      'run in memory (all servers in this page) instead.',
  },
  'resume-failed': {
    title: 'The saved ensemble could not be resumed',
    meaning:
      "The saved run or its servers' storage could not be read back consistently. You can start it " +
      'fresh, or delete it.',
  },
  'resume-rewritten': {
    title: "A server's storage was rewritten on resume",
    meaning:
      'The page closed while servers were writing, so their databases were not all at one step of ' +
      "the run. The ensemble resumed at the last step the replay could place, and this server's " +
      'database was rewritten to what the run had written by then.',
  },
  'storage-corrupt': {
    title: "A server's stored data is damaged",
    meaning:
      "A record in this server's dataDir is not what it wrote (a bad disk, or a change made outside " +
      'the app). As ZooKeeper does, the server refuses to start rather than serve it; the rest of ' +
      "the ensemble goes on. Wipe this server's dataDir (it rejoins and is SNAP-synced from the " +
      "leader), or restore it from the run's replay.",
  },
  'storage-diverged': {
    title: "A server's storage no longer matches the run",
    meaning:
      "This server's database was deleted or changed outside the app, so it does not hold what the " +
      'run wrote. A server that starts from it recovers less than it had acknowledged. Wipe its ' +
      "dataDir so it rejoins by SNAP, or restore it from the run's replay.",
  },
  'resume-disagrees': {
    title: "Some servers' storage does not match the saved run",
    meaning:
      'Resuming would rewrite these servers from the replay, which can roll back writes they had ' +
      'made durable, or hide that their data was deleted or damaged. Nothing was rewritten. Choose: ' +
      "rewrite them from the replay, or keep what their disks hold (they recover from it, as ZooKeeper's " +
      'servers would).',
  },
  'owned-elsewhere': {
    title: 'This ensemble is running in another tab',
    meaning:
      "Another tab or window runs this ensemble and writes its servers' storage. Two tabs must never " +
      'write the same servers. Take it over (the other tab stops and says why), or open an ' +
      'independent copy of it here.',
  },
  'taken-over': {
    title: 'Another tab took this ensemble over',
    meaning:
      'This ensemble is now run by another tab or window. This tab stopped its servers and writes ' +
      'nothing more to their storage. Take it back, or open an independent copy.',
  },
};

export function runtimeError(
  code: RuntimeErrorCode,
  detail: string,
  sid?: number,
  write?: string,
): RuntimeError {
  const t = TEXTS[code];
  return {
    code,
    ...t,
    detail,
    ...(sid !== undefined ? { sid } : {}),
    ...(write !== undefined ? { write } : {}),
  };
}

/** Two errors a user would read as the same banner (same kind, server, write and detail). */
export function sameError(a: RuntimeError, b: RuntimeError): boolean {
  return a.code === b.code && a.sid === b.sid && a.write === b.write && a.detail === b.detail;
}

/** An Error carrying a RuntimeError, for promise rejections. */
export class RuntimeFailure extends Error {
  constructor(readonly error: RuntimeError) {
    super(`${error.title}: ${error.detail}`);
    this.name = 'RuntimeFailure';
  }
}

export function isRuntimeFailure(e: unknown): e is RuntimeFailure {
  return e instanceof RuntimeFailure;
}

function describe(e: unknown): { name: string; message: string } {
  if (e && typeof e === 'object') {
    const o = e as { name?: unknown; message?: unknown };
    return {
      name: typeof o.name === 'string' ? o.name : 'Error',
      message: typeof o.message === 'string' ? o.message : String(e),
    };
  }
  return { name: 'Error', message: String(e) };
}

/** Maps an IndexedDB failure (DOMException or anything thrown) to a RuntimeError. */
export function storageError(e: unknown, sid?: number, opening = false): RuntimeError {
  if (e instanceof RuntimeFailure) return e.error;
  const { name, message } = describe(e);
  const detail = `${name}: ${message}`;
  if (name === 'QuotaExceededError' || /quota/i.test(message))
    return runtimeError('quota-exceeded', detail, sid);
  if (opening || name === 'SecurityError' || name === 'InvalidAccessError')
    return runtimeError('indexeddb-unavailable', detail, sid);
  return runtimeError('storage-failed', detail, sid);
}
