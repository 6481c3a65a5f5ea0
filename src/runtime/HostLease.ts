/**
 * A run's use of the runtime's one WorkerPeerHost. Each run gets a lease; a newer run revokes the
 * older one's, after which the older run's calls reach no process (they answer nothing), so a run
 * abandoned in the middle of an asynchronous step can never step the processes of the run that
 * replaced it. Models nothing in ZooKeeper: it is the harness's bookkeeping.
 */
import type { PeerConfig } from '../zk/QuorumPeer';
import type { ClientId, PeerEffect, PeerInput } from '../zk/PeerIO';
import type { ServerState, ZabState } from '../zk/QuorumPacket';
import type { Sid } from '../zk/Zxid';
import type { DurableImage, StorageOp } from '../zk/persistence/FileTxnSnapLog';
import type { PeerHost } from '../sim/PeerHost';
import type { ServerView } from '../zk/view';
import type { WorkerPeerHost } from './WorkerPeerHost';

export class HostLease implements PeerHost {
  private revoked = false;

  constructor(readonly host: WorkerPeerHost) {}

  get valid(): boolean {
    return !this.revoked;
  }

  revoke(): void {
    this.revoked = true;
  }

  spawn(cfg: PeerConfig, seed: number, stream: number): void {
    if (!this.revoked) this.host.spawn(cfg, seed, stream);
  }

  handle(sid: Sid, input: PeerInput, now: number): PeerEffect[] | Promise<PeerEffect[]> {
    return this.revoked ? [] : this.host.handle(sid, input, now);
  }

  kill(sid: Sid): void {
    if (!this.revoked) this.host.kill(sid);
  }

  view(sid: Sid): ServerView | null {
    return this.revoked ? null : this.host.view(sid);
  }

  clients(sid: Sid): ClientId[] {
    return this.revoked ? [] : this.host.clients(sid);
  }

  role(sid: Sid): { state: ServerState; zabState: ZabState } | null {
    return this.revoked ? null : this.host.role(sid);
  }

  flushLost(sid: Sid, token: number): boolean {
    return !this.revoked && this.host.flushLost(sid, token);
  }

  prefetch(sid: Sid, inputs: PeerInput[], now: number): void {
    if (!this.revoked) this.host.prefetch(sid, inputs, now);
  }

  storageChanged(
    sid: Sid,
    image: DurableImage,
    change: { wipe: true } | { corrupt: number } | { purge: Extract<StorageOp, { op: 'purge' }> },
  ): void {
    if (!this.revoked) this.host.storageChanged(sid, image, change);
  }
}
