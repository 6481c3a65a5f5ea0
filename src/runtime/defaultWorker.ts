/**
 * The one way a server's Web Worker is made: peer.worker.ts as a module worker (Vite bundles it
 * from this URL). Kept apart from everything the worker itself imports, so the worker's bundle
 * never refers to itself.
 */
export function defaultWorker(): Worker {
  return new Worker(new URL('./peer.worker.ts', import.meta.url), { type: 'module' });
}
