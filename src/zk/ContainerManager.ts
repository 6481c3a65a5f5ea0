/**
 * The leader's cleanup of containers and TTL nodes — mirrors org.apache.zookeeper.server.ContainerManager
 * (3.9.5), created by LeaderZooKeeperServer.setupContainerManager and started with the leader's
 * server. A java.util.Timer runs checkContainers at a fixed rate every checkIntervalMs from the
 * start; each run takes getCandidates() once and posts a DeleteContainerRequest for each into the
 * PrepRequestProcessor, sleeping 60000 / maxPerMinute ms after each one. The deletes then go through
 * the leader's pipeline like any write (a txn, a zxid, replicated); one that became invalid meanwhile
 * (a child appeared, the node is gone) is an ErrorTxn.
 *
 * In virtual time: `nextWake` gives the next instant the timer thread does something (a check on the
 * fixed-rate grid, or the next post after a pause). A check that finds nothing changes nothing, so
 * the leader arms the timer only while the tree holds a container or a TTL node — at the same grid
 * instants Java's timer would run — and runs without such nodes keep their events as before.
 */
import type { DataTree } from './DataTree';
import { ephemeralType, ttlOf } from './EphemeralType';

export interface ContainerManagerConfig {
  /** znode.container.checkIntervalMs (default 60000) */
  checkIntervalMs: number;
  /** znode.container.maxPerMinute (default 10000) */
  maxPerMinute: number;
  /** znode.container.maxNeverUsedIntervalMs (default 0: a never-used container stays) */
  maxNeverUsedIntervalMs: number;
}

export const CONTAINER_DEFAULTS: ContainerManagerConfig = {
  checkIntervalMs: 60000,
  maxPerMinute: 10000,
  maxNeverUsedIntervalMs: 0,
};

/**
 * ContainerManager.getCandidates at `now`: empty containers that once had a child (persisted
 * cversion > 0), or never had one for longer than maxNeverUsedIntervalMs; empty TTL nodes not
 * modified for longer than their ttl (getElapsed = now − mtime). Path order (ZooKeeper's is a HashSet's).
 */
export function getCandidates(tree: DataTree, now: number, maxNeverUsedIntervalMs: number): string[] {
  const out = new Set<string>();
  for (const p of tree.getContainers()) {
    const n = tree.getNode(p);
    if (!n || n.children.size > 0) continue;
    if (n.stat.cversion > 0) out.add(p);
    else if (maxNeverUsedIntervalMs !== 0 && now - n.stat.mtime > maxNeverUsedIntervalMs) out.add(p);
  }
  for (const p of tree.getTtls()) {
    const n = tree.getNode(p);
    if (!n || n.children.size > 0 || ephemeralType(n.stat.ephemeralOwner) !== 'TTL') continue;
    const ttl = ttlOf(n.stat.ephemeralOwner);
    if (ttl !== 0 && now - n.stat.mtime > ttl) out.add(p);
  }
  return [...out].sort();
}

export class ContainerManager {
  /** candidates of the running check still to post */
  private queue: string[] = [];
  /** when the timer thread is free again (the running check's last pause ends) */
  private busyUntil = 0;
  /** the next instant of the fixed-rate schedule (start + k · checkIntervalMs) */
  private nextCheck: number;

  constructor(
    readonly cfg: ContainerManagerConfig,
    /** ContainerManager.start: scheduleAtFixedRate(task, checkIntervalMs, checkIntervalMs) */
    readonly startedAt: number,
  ) {
    this.nextCheck = startedAt + cfg.checkIntervalMs;
  }

  /** getMinIntervalMs: TimeUnit.MINUTES.toMillis(1) / maxPerMinute (long division) */
  get minIntervalMs(): number {
    return Math.trunc(60000 / Math.max(1, this.cfg.maxPerMinute));
  }

  /** The next instant something is due, or null if there is nothing to check (`hasNodes` false). */
  nextWake(now: number, hasNodes: boolean): number | null {
    if (this.queue.length > 0) return Math.max(now, this.busyUntil);
    if (!hasNodes) return null;
    // runs that passed while there was nothing to check did nothing: the next one on the grid.
    // A run that falls behind a long check (busyUntil past it) runs as soon as the thread is free.
    if (this.busyUntil <= this.nextCheck) {
      while (this.nextCheck < now) this.nextCheck += this.cfg.checkIntervalMs;
    }
    return Math.max(this.nextCheck, this.busyUntil, now);
  }

  /** The timer thread at `now`: the paths to post a DeleteContainerRequest for, in order. */
  onTimer(now: number, tree: DataTree): string[] {
    if (this.queue.length === 0) {
      if (now < this.nextCheck || now < this.busyUntil) return [];
      this.nextCheck += this.cfg.checkIntervalMs;
      this.queue = getCandidates(tree, now, this.cfg.maxNeverUsedIntervalMs);
      if (this.queue.length === 0) return [];
    } else if (now < this.busyUntil) {
      return [];
    }
    const path = this.queue.shift() as string;
    // Thread.sleep(minIntervalMs − elapsed) after each post
    this.busyUntil = now + this.minIntervalMs;
    return [path];
  }

  /** The candidates of the running check not yet posted (for the UI). */
  pending(): readonly string[] {
    return this.queue;
  }
}
