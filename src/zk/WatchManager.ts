/**
 * Server-side watch registry — mirrors org.apache.zookeeper.server.watch.WatchManager (3.9,
 * with WatcherMode / WatchStats for persistent and persistent-recursive watches).
 *
 * A DataTree owns two of these: dataWatches (getData/exists, NodeCreated/Deleted/DataChanged) and
 * childWatches (getChildren, NodeChildrenChanged/Deleted). A watcher is a client connection
 * (ClientId). Watches are kept per (watcher, path): registering twice fires once. Standard
 * watches are one-shot; persistent ones stay. Java iterates HashSets; we keep insertion order so
 * that the order of events is deterministic.
 */
import type { ClientId, WatchEventType } from './PeerIO';
import { parentOf } from './PathUtils';

/** org.apache.zookeeper.server.watch.WatcherMode */
export type WatcherMode = 'STANDARD' | 'PERSISTENT' | 'PERSISTENT_RECURSIVE';

/** One notification produced by applying a txn: send `type` for `path` to `watcher`. */
export interface FiredWatch {
  watcher: ClientId;
  type: WatchEventType;
  path: string;
}

// WatchStats as a bit set: one (watcher, path) entry can hold several modes at once.
const MODE_BIT: Record<WatcherMode, number> = { STANDARD: 1, PERSISTENT: 2, PERSISTENT_RECURSIVE: 4 };
const ALL_MODES: WatcherMode[] = ['STANDARD', 'PERSISTENT', 'PERSISTENT_RECURSIVE'];

export class WatchManager {
  private readonly watchTable = new Map<string, Set<ClientId>>();
  private readonly watch2Paths = new Map<ClientId, Map<string, number>>();
  /** number of PERSISTENT_RECURSIVE entries: while 0, triggers skip the walk up the parents */
  private recursiveWatchQty = 0;

  /** Registers a watch; false if that (watcher, path, mode) was already there. */
  addWatch(path: string, watcher: ClientId, mode: WatcherMode = 'STANDARD'): boolean {
    let list = this.watchTable.get(path);
    if (!list) {
      list = new Set();
      this.watchTable.set(path, list);
    }
    list.add(watcher);

    let paths = this.watch2Paths.get(watcher);
    if (!paths) {
      paths = new Map();
      this.watch2Paths.set(watcher, paths);
    }
    const stats = paths.get(path) ?? 0;
    const next = stats | MODE_BIT[mode];
    if (next === stats) return false;
    paths.set(path, next);
    if (mode === 'PERSISTENT_RECURSIVE') this.recursiveWatchQty++;
    return true;
  }

  /** Drops every watch of one watcher (its connection closed). */
  removeWatcher(watcher: ClientId): void {
    const paths = this.watch2Paths.get(watcher);
    if (!paths) return;
    this.watch2Paths.delete(watcher);
    for (const [p, stats] of paths) {
      const list = this.watchTable.get(p);
      if (list) {
        list.delete(watcher);
        if (list.size === 0) this.watchTable.delete(p);
      }
      if (stats & MODE_BIT.PERSISTENT_RECURSIVE) this.recursiveWatchQty--;
    }
  }

  /** Removes one watch (`mode` null = any mode); true if something was removed. */
  removeWatch(path: string, watcher: ClientId, mode: WatcherMode | null = null): boolean {
    const paths = this.watch2Paths.get(watcher);
    const stats = paths?.get(path);
    if (!paths || stats === undefined) return false;
    const next = mode === null ? 0 : stats & ~MODE_BIT[mode];
    if (next === stats) return false;
    if (stats & MODE_BIT.PERSISTENT_RECURSIVE && !(next & MODE_BIT.PERSISTENT_RECURSIVE)) {
      this.recursiveWatchQty--;
    }
    if (next !== 0) {
      paths.set(path, next);
      return true;
    }
    paths.delete(path);
    if (paths.size === 0) this.watch2Paths.delete(watcher);
    const list = this.watchTable.get(path);
    if (list) {
      list.delete(watcher);
      if (list.size === 0) this.watchTable.delete(path);
    }
    return true;
  }

  containsWatcher(path: string, watcher: ClientId, mode: WatcherMode | null = null): boolean {
    const stats = this.watch2Paths.get(watcher)?.get(path);
    if (stats === undefined) return false;
    return mode === null ? stats !== 0 : (stats & MODE_BIT[mode]) !== 0;
  }

  /**
   * WatchManager.triggerWatch: fires `type` for `path` to every watcher on the path (standard
   * entries are consumed) and to recursive watchers on its ancestors. Watchers in `suppress` are
   * consumed but not notified (DataTree.deleteNode uses this so a connection watching /c both
   * ways gets one NodeDeleted). Appends the events to `out`; returns the watchers it matched
   * (WatcherOrBitSet), or null if none.
   */
  triggerWatch(
    path: string,
    type: WatchEventType,
    out: FiredWatch[],
    suppress: ReadonlySet<ClientId> | null = null,
  ): Set<ClientId> | null {
    const watchers = new Set<ClientId>();
    let localPath = path;
    let atParent = false;
    for (;;) {
      const these = this.watchTable.get(localPath);
      if (these && these.size > 0) {
        for (const w of [...these]) {
          const paths = this.watch2Paths.get(w);
          const stats = paths?.get(localPath);
          if (!paths || stats === undefined) continue;
          if (!atParent) {
            watchers.add(w);
            const next = stats & ~MODE_BIT.STANDARD;
            if (next === 0) {
              these.delete(w);
              paths.delete(localPath);
              if (paths.size === 0) this.watch2Paths.delete(w);
            } else if (next !== stats) {
              paths.set(localPath, next);
            }
          } else if (stats & MODE_BIT.PERSISTENT_RECURSIVE) {
            watchers.add(w);
          }
        }
        if (these.size === 0) this.watchTable.delete(localPath);
      }
      // PathParentIterator: only walk up when some recursive watch exists.
      if (this.recursiveWatchQty === 0 || localPath === '/') break;
      localPath = parentOf(localPath);
      atParent = true;
    }
    if (watchers.size === 0) return null;
    for (const w of watchers) {
      if (suppress && suppress.has(w)) continue;
      out.push({ watcher: w, type, path });
    }
    return watchers;
  }

  /** Number of (path, watcher) entries, like WatchManager.size(). */
  size(): number {
    let n = 0;
    for (const s of this.watchTable.values()) n += s.size;
    return n;
  }

  /** Every watch, one row per (watcher, path, mode), sorted by path then watcher. */
  list(): { watcher: ClientId; path: string; mode: WatcherMode }[] {
    const rows: { watcher: ClientId; path: string; mode: WatcherMode }[] = [];
    for (const [watcher, paths] of this.watch2Paths) {
      for (const [path, stats] of paths) {
        for (const mode of ALL_MODES) if (stats & MODE_BIT[mode]) rows.push({ watcher, path, mode });
      }
    }
    rows.sort((a, b) =>
      a.path < b.path ? -1 : a.path > b.path ? 1 : a.watcher < b.watcher ? -1 : a.watcher > b.watcher ? 1 : 0,
    );
    return rows;
  }

  /** Paths one watcher watches (for re-registering watches after a reconnect). */
  pathsOf(watcher: ClientId): string[] {
    return [...(this.watch2Paths.get(watcher)?.keys() ?? [])].sort();
  }

  clear(): void {
    this.watchTable.clear();
    this.watch2Paths.clear();
    this.recursiveWatchQty = 0;
  }
}
