/**
 * The run summary printed by the CLI (scenario-format.md, "Summary"): one JSON object describing
 * the end state of every server, the elections, syncs, client results, watch events and any
 * invariant violations.
 */
import { zxidToHex } from '../zk/Zxid';
import type { TraceEvent } from '../zk/trace';
import type { Simulation } from './Simulation';
import type { Violation } from './InvariantChecker';
import { OPEN_ACL_UNSAFE, aclListEquals } from '../zk/ZooDefs';
import { getPermString } from '../zk/cli/AclParser';

export interface SummaryNode {
  data: string | null;
  stat: {
    czxid: string;
    mzxid: string;
    pzxid: string;
    version: number;
    cversion: number;
    aversion: number;
    ephemeralOwner: string;
    dataLength: number;
    numChildren: number;
  };
  /** the znode's ACL as `scheme:id:perms` entries (AclParser's form), only when not world:anyone:cdrwa */
  acl?: string[];
}

export interface Summary {
  format: 1;
  until: number;
  leader: number | null;
  servers: {
    sid: number;
    up: boolean;
    observer: boolean;
    state: string;
    zabState: string;
    acceptedEpoch: number;
    currentEpoch: number;
    logicalClock: number;
    lastLoggedZxid: string;
    lastProcessedZxid: string;
    snapshots: string[];
    tree: Record<string, SummaryNode>;
    /** peers this server keeps an election connection with at the end (QuorumCnxManager); absent when down */
    electionPeers?: number[];
  }[];
  /**
   * election connections over the run (the trace's `cnx` events): dials, connections whose workers
   * started, connections that ended by reason (lowerSid, dialBack, replaced, closedByPeer, broken)
   * and notifications lost on a connection already closed
   */
  cnx: { dial: number; up: number; down: Record<string, number>; discard: number };
  elections: { at: number; sid: number; state: string; leader: number; electionEpoch: number }[];
  syncs: { at: number; leader: number; learner: number; mode: string; zxid: string; peerLastZxid: string }[];
  clients: {
    at: number | null;
    id: string;
    server: number;
    cmd: string;
    ok: boolean;
    output: string;
    zxid?: string;
  }[];
  events: { at: number; id: string; state: string; type: string; path: string | null }[];
  /** with the servers, zxids and cause the checker names (optional in the contract) */
  violations: Violation[];
}

export function summarize(sim: Simulation): Summary {
  const view = sim.view();
  const elections: Summary['elections'] = [];
  const syncs: Summary['syncs'] = [];
  const cnx: Summary['cnx'] = { dial: 0, up: 0, down: {}, discard: 0 };
  for (const e of sim.trace as readonly TraceEvent[]) {
    if (e.ev === 'cnx') {
      if (e.action === 'down') {
        const r = e.reason ?? 'closedByPeer';
        cnx.down[r] = (cnx.down[r] ?? 0) + 1;
      } else cnx[e.action]++;
    } else if (e.ev === 'election')
      elections.push({
        at: e.t,
        sid: e.sid,
        state: e.state,
        leader: e.leader,
        electionEpoch: e.electionEpoch,
      });
    else if (e.ev === 'sync')
      syncs.push({
        at: e.t,
        leader: e.leader,
        learner: e.learner,
        mode: e.mode,
        zxid: e.zxid,
        peerLastZxid: e.peerLastZxid,
      });
  }
  const clients: Summary['clients'] = [];
  for (const r of sim.commandResults()) {
    const entry: Summary['clients'][number] = {
      at: r.at,
      id: r.id,
      server: r.server,
      cmd: r.cmd,
      ok: r.ok,
      output: r.output,
    };
    if (r.zxid) entry.zxid = r.zxid;
    clients.push(entry);
  }
  const events = sim
    .clientIds()
    .flatMap((id) => sim.client(id)!.events)
    .map((e) => ({ at: e.at, id: e.id, state: e.state, type: e.type, path: e.path }))
    .sort((a, b) => a.at - b.at);
  return {
    format: 1,
    until: sim.until,
    leader: view.leader,
    servers: view.servers.map((s) => {
      const tree: Record<string, SummaryNode> = {};
      for (const node of s.tree) {
        if (node.path === '/' || node.path === '/zookeeper' || node.path.startsWith('/zookeeper/')) continue;
        const st = node.stat;
        tree[node.path] = {
          data: node.data,
          stat: {
            czxid: zxidToHex(st.czxid),
            mzxid: zxidToHex(st.mzxid),
            pzxid: zxidToHex(st.pzxid),
            version: st.version,
            cversion: st.cversion,
            aversion: st.aversion,
            ephemeralOwner: st.ephemeralOwner,
            dataLength: st.dataLength,
            numChildren: st.numChildren,
          },
        };
        if (node.acl && !aclListEquals(node.acl, OPEN_ACL_UNSAFE)) {
          tree[node.path].acl = node.acl.map((a) => `${a.id.scheme}:${a.id.id}:${getPermString(a.perms)}`);
        }
      }
      return {
        sid: s.sid,
        up: s.state !== 'DOWN',
        observer: s.observer,
        state: s.state,
        zabState: s.zabState,
        acceptedEpoch: s.acceptedEpoch,
        currentEpoch: s.currentEpoch,
        logicalClock: s.logicalClock,
        lastLoggedZxid: zxidToHex(s.lastLoggedZxid),
        lastProcessedZxid: zxidToHex(s.lastProcessedZxid),
        snapshots: s.storage.snapshots.map(zxidToHex),
        tree,
        ...(s.cnx ? { electionPeers: s.cnx.filter((c) => c.conn !== null).map((c) => c.peer) } : {}),
      };
    }),
    elections,
    syncs,
    cnx,
    clients,
    events,
    violations: sim.violations.map((v) => ({ ...v })),
  };
}
