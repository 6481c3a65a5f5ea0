/**
 * One ZooKeeper server process in a module Web Worker: PeerProcess (a QuorumPeer with its dataDir
 * on IndexedDB) wired to the worker's messages. See PeerProcess.ts for what it does and how it
 * keeps its writes durable.
 */
/// <reference lib="webworker" />
import { createPeerProcess } from './PeerProcess';
import type { ToWorker } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const process = createPeerProcess((m) => scope.postMessage(m));
scope.onmessage = (ev: MessageEvent<ToWorker>) => process.receive(ev.data);
