/**
 * Starts the browser runtime after the first paint (its code is a separate chunk) and moves the
 * ensemble onto it: Web Workers + IndexedDB when the browser allows, else the labelled in-memory
 * fallback. `?runtime=memory` in the address asks for memory on purpose (a weak machine, a demo
 * that must not touch storage). Models nothing in ZooKeeper.
 */
import { useSession } from './session';
import { useSim } from './store';
import { linkTextOf } from './url';

type RuntimeModule = typeof import('../runtime');

/** The address asks for the servers to run in this page, in memory. */
export function memoryRequested(search: string): boolean {
  return new URLSearchParams(search).get('runtime') === 'memory';
}

export async function bootRuntime(loc: { search: string; hash: string } = window.location): Promise<void> {
  const { createRuntime, listEnsembles, isRuntimeFailure, runtimeError } = await import('../runtime');
  try {
    await start(loc, createRuntime, listEnsembles, isRuntimeFailure);
  } catch (e) {
    // never an unhandled rejection: the ensemble stays in this page, and the UI says why
    useSim.getState().reportError(isRuntimeFailure(e) ? e.error : runtimeError('worker-failed', String(e)));
  }
}

async function start(
  loc: { search: string; hash: string },
  createRuntime: RuntimeModule['createRuntime'],
  listEnsembles: RuntimeModule['listEnsembles'],
  isRuntimeFailure: RuntimeModule['isRuntimeFailure'],
): Promise<void> {
  const store = useSim.getState();
  const rt = await createRuntime({
    inMemory: memoryRequested(loc.search),
    onError: (e) => useSim.getState().reportError(e),
    // views are fetched once per frame (store.ts), not with every call
    viewIntervalMs: 1e9,
  });
  // a link or an embed chose what to open: do not offer to resume over it
  const chosen = linkTextOf(loc.search, loc.hash) !== null || useSession.getState().embed;
  let offerResume = false;
  if (rt.kind === 'workers+indexeddb' && !chosen) {
    try {
      offerResume = (await listEnsembles()).length > 0;
    } catch (e) {
      if (isRuntimeFailure(e)) store.reportError(e.error);
    }
  }
  await store.attachRuntime(rt, { offerResume });
}
