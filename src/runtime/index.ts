/**
 * The browser runtime's public surface for the UI: servers in Web Workers with their dataDirs in
 * IndexedDB, saved ensembles, and the typed errors to show. See runtime.ts for the model.
 */
export { createRuntime, resumeEnsemble, EnsembleRun, BrowserRuntime } from './runtime';
export type { RuntimeKind, RuntimeOptions, OpenRunOptions, Advanced, StorageChoice } from './runtime';
export {
  listEnsembles,
  listSavedEnsembles,
  deleteEnsemble,
  deleteDamagedEnsemble,
  loadEnsemble,
  saveEnsemble,
  newEnsembleId,
  pruneEnsembles,
  copyEnsemble,
} from './ensembles';
export { ownedElsewhere } from './Ownership';
export type { DamagedEnsemble, EnsembleInfo, EnsembleRecord } from './ensembles';
export { RuntimeFailure, isRuntimeFailure, runtimeError, sameError } from './errors';
export type { RuntimeError, RuntimeErrorCode } from './errors';
export { WorkerPeerHost } from './WorkerPeerHost';
export type { HostStats, HostMode, WorkerPeerHostOptions } from './WorkerPeerHost';
export { serverDbName } from './IdbDurableStore';
