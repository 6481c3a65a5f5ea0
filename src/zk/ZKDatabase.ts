/**
 * ZKDatabase — the in-memory database of one server: the DataTree, the session table
 * (sessionsWithTimeouts) and the committedLog used for DIFF sync. Mirrors
 * org.apache.zookeeper.server.ZKDatabase, including loadDataBase's restore order (§5.2).
 */
import { DataTree } from './DataTree';
import type { FiredWatch } from './DataTree';
import { getEpochFromZxid, zxidToHex } from './Zxid';
import type { Zxid } from './Zxid';
import type { SessionId, TxnRecord } from './txn';
import type { DurableImage, SessionEntry, SnapshotFile } from './persistence/FileTxnSnapLog';

export interface ApplyResult {
  err: number;
  fired: FiredWatch[];
}

export class ZKDatabase {
  private tree = new DataTree();
  /** QuorumVerifier.toString() and when it was written (initConfigInZKDatabase); null until then */
  private config: { data: string; time: number } | null = null;

  /** The tree; every tree put here (a reload, a SNAP) gets the config znode's content at once. */
  get dataTree(): DataTree {
    return this.tree;
  }
  set dataTree(t: DataTree) {
    this.tree = t;
    if (this.config) t.initConfigNode(this.config.data, this.config.time);
  }

  /**
   * ZKDatabase.initConfigInZKDatabase(qv): /zookeeper/config := qv.toString(), as QuorumPeer does
   * at startup on every server (DataTree.setData with version -1, mzxid = the config's version 0).
   */
  initConfigInZKDatabase(data: string, time: number): void {
    this.config = { data, time };
    this.tree.initConfigNode(data, time);
  }
  /** sessionsWithTimeouts: every global session, replicated through createSession/closeSession txns */
  readonly sessionsWithTimeouts = new Map<SessionId, number>();
  /** last ≤ commitLogCount committed proposals (ZKDatabase.committedLog) */
  committedLog: TxnRecord[] = [];
  minCommittedLog: Zxid = 0;
  maxCommittedLog: Zxid = 0;

  /** what the last loadDataBase read: the snapshot's zxid (null: none) and the txns it replayed */
  lastLoad: { snap: Zxid | null; replayed: Zxid[] } = { snap: null, replayed: [] };
  /** the committed proposal that broke committedLog's continuity (3.9.4+ throws on it), or null */
  lastGap: { zxid: Zxid; max: Zxid } | null = null;

  /**
   * @param continuous 3.9.4+ (ZOOKEEPER-4925): addCommittedProposal ignores a zxid ≤ max and
   *   rejects a same-or-lower-epoch gap; 3.9.1 appends whatever it is given
   */
  constructor(
    readonly commitLogCount: number,
    readonly continuous = true,
  ) {}

  get lastProcessedZxid(): Zxid {
    return this.dataTree.lastProcessedZxid;
  }

  clear(): void {
    this.dataTree = new DataTree();
    this.sessionsWithTimeouts.clear();
    this.committedLog = [];
    this.minCommittedLog = 0;
    this.maxCommittedLog = 0;
    this.lastGap = null;
  }

  /**
   * loadDataBase (FileTxnSnapLog.restore): newest snapshot → tree and sessions, then replay every
   * logged txn above it, committed or not, each also added to committedLog.
   * Returns the snapshot used, or null when there is none (the caller decides autocreate/refuse);
   * `lastGap` is set when the replay stopped on a committedLog gap (3.9.5 throws there).
   */
  loadDataBase(image: DurableImage): SnapshotFile | null {
    this.clear();
    const snap = image.snapshots.length ? image.snapshots[image.snapshots.length - 1] : null;
    if (snap) {
      this.dataTree = DataTree.deserialize(snap.tree);
      this.dataTree.lastProcessedZxid = snap.zxid;
      for (const [id, to] of snap.sessions) this.sessionsWithTimeouts.set(id, to);
    }
    const base = snap ? snap.zxid : 0;
    const replayed: Zxid[] = [];
    this.lastLoad = { snap: snap ? snap.zxid : null, replayed };
    for (const f of image.logs) {
      for (const rec of f.txns) {
        if (rec.hdr.zxid <= base && snap) continue;
        if (rec.hdr.zxid <= this.dataTree.lastProcessedZxid && snap) continue;
        this.processTxn(rec);
        replayed.push(rec.hdr.zxid);
        // the PlayBackListener's addCommittedProposal throws out of the restore on a gap
        if (this.addCommittedProposal(rec) === 'gap') return snap;
      }
    }
    return snap;
  }

  /** Applies a txn to the tree and the session table (ZooKeeperServer.processTxn → DataTree.processTxn). */
  processTxn(rec: TxnRecord): ApplyResult {
    const t = rec.txn;
    if (t.type === 'createSession') this.sessionsWithTimeouts.set(rec.hdr.clientId, t.timeOut);
    else if (t.type === 'closeSession') this.sessionsWithTimeouts.delete(rec.hdr.clientId);
    const r = this.dataTree.processTxn(rec);
    return { err: r.err, fired: r.fired };
  }

  /**
   * ZKDatabase.addCommittedProposal: keep the newest commitLogCount entries. 3.9.5 ignores a zxid
   * ≤ maxCommittedLog and throws "Committed proposal cached out of order" on a gap within an epoch
   * (or into a lower one): here that returns 'gap' (the txn is not cached, `lastGap` says why) and
   * the caller does what the exception does on its path.
   */
  addCommittedProposal(rec: TxnRecord): 'added' | 'ignored' | 'gap' {
    const z = rec.hdr.zxid;
    if (this.continuous && this.committedLog.length > 0) {
      if (z <= this.maxCommittedLog) return 'ignored';
      if (z !== this.maxCommittedLog + 1 && getEpochFromZxid(z) <= getEpochFromZxid(this.maxCommittedLog)) {
        this.lastGap = { zxid: z, max: this.maxCommittedLog };
        return 'gap';
      }
    }
    if (this.committedLog.length >= this.commitLogCount) {
      this.committedLog.shift();
      this.minCommittedLog = this.committedLog[0]?.hdr.zxid ?? rec.hdr.zxid;
    }
    if (this.committedLog.length === 0) this.minCommittedLog = rec.hdr.zxid;
    this.committedLog.push(rec);
    this.maxCommittedLog = rec.hdr.zxid;
    return 'added';
  }

  /** The message of 3.9.5's IllegalStateException for `lastGap`. */
  gapMessage(): string {
    const g = this.lastGap;
    return g
      ? `Committed proposal cached out of order: ${zxidToHex(g.zxid)} is not the next proposal of ${zxidToHex(g.max)}`
      : '';
  }

  sessionEntries(): SessionEntry[] {
    return [...this.sessionsWithTimeouts.entries()];
  }

  /** FileTxnSnapLog.save: what a snapshot of the current state holds. */
  snapshot(): SnapshotFile {
    return {
      zxid: this.dataTree.lastProcessedZxid,
      tree: this.dataTree.serialize(),
      sessions: this.sessionEntries(),
    };
  }

  /** Bytes a snapshot file would take (for the txn-log sync size limit, §4). */
  static snapshotSize(s: SnapshotFile): number {
    let n = 16;
    for (const node of s.tree.nodes) n += node.path.length + node.data.length + 68;
    return n + s.sessions.length * 12;
  }
}
