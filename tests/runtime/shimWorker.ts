/**
 * A server Web Worker for Node tests: its "thread" is a PeerProcess (what peer.worker.ts runs) in
 * this one, with whatever IndexedDB the test provides (fake-indexeddb). As with a real worker,
 * messages are structured-cloned and delivered later (a macrotask each way), and terminate() stops
 * the process at once: nothing it posts afterwards arrives. It answers every request a real worker
 * does (spawn, handle, hydrate, image, probe — createRuntime's start-up check — rawWrite).
 */
import { createPeerProcess } from '../../src/runtime/PeerProcess';
import type { PeerProcess } from '../../src/runtime/PeerProcess';
import type { FromWorker, ToWorker } from '../../src/runtime/protocol';

export class ShimWorker {
  onmessage: ((ev: MessageEvent<FromWorker>) => void) | null = null;
  onerror: ((ev: ErrorEvent) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  private dead = false;
  private readonly process: PeerProcess = createPeerProcess((m) => {
    const copy = structuredClone(m);
    setTimeout(() => {
      if (!this.dead) this.onmessage?.({ data: copy } as MessageEvent<FromWorker>);
    }, 0);
  });
  postMessage(m: ToWorker): void {
    const copy = structuredClone(m);
    setTimeout(() => {
      if (!this.dead) this.process.receive(copy);
    }, 0);
  }
  terminate(): void {
    this.dead = true;
    this.process.stop();
  }
}

/** A ShimWorker typed as the DOM's Worker (what createWorker options expect). */
export function shimWorker(): Worker {
  return new ShimWorker() as unknown as Worker;
}
