/**
 * The four-letter words (`echo srvr | nc host 2181`) — mirrors org.apache.zookeeper.server.command
 * (3.9.5): FourLetterCommands (the known words and the `4lw.commands.whitelist` rule, with "srvr"
 * always allowed), NIOServerCnxn.checkFourLetterWord (the refusal text), and StatCommand,
 * RuokCommand, IsroCommand, ConfCommand, ConsCommand, WatchCommand, DumpCommand, EnvCommand,
 * MonitorCommand with the server methods they print (ServerStats.toString,
 * ServerCnxn.dumpConnectionInfo, QuorumZooKeeperServer.dumpConf, DataTree.dumpWatchesSummary /
 * dumpWatches, SessionTrackerImpl.dumpSessions, ZooKeeperServer.dumpEphemerals).
 *
 * Everything is computed from the server's model state. What the model has no notion of —
 * latencies, packet and byte counters, ephemeral client ports, JVM and OS properties, directory
 * sizes — is printed as ZooKeeper prints it for a freshly started server, and each such value
 * says so where it is written.
 */
import type { QuorumPeer } from '../../QuorumPeer';
import { CLIENT_ADDRESS } from '../../PeerIO';
import { javaDateString, statTimeToEpochMs } from '../../cli/ZooKeeperMain';

/** FourLetterCommands.cmd2String: every word ZooKeeper knows. */
export const KNOWN_WORDS = [
  'conf',
  'cons',
  'crst',
  'dirs',
  'dump',
  'envi',
  'gtmk',
  'hash',
  'isro',
  'mntr',
  'ruok',
  'srst',
  'srvr',
  'stat',
  'stmk',
  'wchc',
  'wchp',
  'wchs',
] as const;

/** The words the model answers (the others are known to ZooKeeper but not modelled). */
export const MODELLED_WORDS = [
  'srvr',
  'stat',
  'mntr',
  'cons',
  'conf',
  'ruok',
  'wchs',
  'wchc',
  'dump',
  'envi',
  'isro',
];

/** AbstractFourLetterCommand.ZK_NOT_SERVING */
export const ZK_NOT_SERVING = 'This ZooKeeper instance is not currently serving requests';

/**
 * Version.getFullVersion(): the release tag's commit; the build date is that commit's date (the
 * model cannot know when a binary was built).
 */
const FULL_VERSION: Record<string, string> = {
  '3.9.5': '3.9.5-293c895a8d966a3ecb92872be4a1daf87d725da2, built on 2026-02-11 20:15 UTC',
  '3.9.1': '3.9.1-1398af177833412e9ead6b9bb737dc9fd7418a45, built on 2023-10-04 09:52 UTC',
};

/**
 * FourLetterCommands.isEnabled: the whitelist is a comma-separated list of words (blanks trimmed)
 * or "*" for all; "srvr" is always allowed (zkServer.sh status needs it), and so is "isro" when
 * readonlymode.enabled is set ("It is sad that isro and srvr are used by ZooKeeper itself": the
 * client's pingRwServer asks it). Default: "srvr" only.
 */
export function isEnabled(word: string, whitelist: string | undefined, readonlyMode = false): boolean {
  if (word === 'srvr') return true;
  if (word === 'isro' && readonlyMode) return true;
  if (whitelist === undefined) return false;
  const list = whitelist.split(',').map((w) => w.trim());
  if (list.includes('*')) return (KNOWN_WORDS as readonly string[]).includes(word);
  return list.includes(word);
}

function mode(peer: QuorumPeer): string {
  // ServerStats.getServerState → ZooKeeperServer.getState(): leader / follower / observer, and
  // ReadOnlyZooKeeperServer.getState(): read-only
  if (peer.roZk !== null) return 'read-only';
  return peer.state === 'LEADING' ? 'leader' : peer.state === 'OBSERVING' ? 'observer' : 'follower';
}

/** The connections the server holds, in the order they connected, each with a port of its own. */
function connections(peer: QuorumPeer): { addr: string; conn: ReturnType<typeof connList>[number] }[] {
  // The model has no ephemeral ports: connections are numbered 50000, 50001, … in order.
  return connList(peer).map((conn, i) => ({ addr: `/${CLIENT_ADDRESS}:${50000 + i}`, conn }));
}

function connList(peer: QuorumPeer) {
  return [...peer.clients.values()];
}

function outstanding(peer: QuorumPeer, sessionId: string | null): number {
  if (sessionId === null) return 0;
  return peer.pendingBySession.get(sessionId)?.length ?? 0;
}

function allOutstanding(peer: QuorumPeer): number {
  let n = 0;
  for (const q of peer.pendingBySession.values()) n += q.length;
  return n;
}

/** ServerCnxn.dumpConnectionInfo, then the line break its callers print. */
function connectionLines(peer: QuorumPeer, brief: boolean): string[] {
  const out: string[] = [];
  for (const { addr, conn } of connections(peer)) {
    // recved/sent and the latencies are not counted by the model: a fresh connection's 0s.
    let line = ` ${addr}[1](queued=${outstanding(peer, conn.sessionId)},recved=0,sent=0`;
    // lzxid: the zxid the client had seen when it connected (the model keeps no per-response
    // record of it); lop, est and the latencies are a fresh connection's
    if (!brief && conn.sessionId !== null && conn.sessionId !== '0x0') {
      line +=
        `,sid=${conn.sessionId},lop=NA,est=0,to=${conn.timeout}` +
        `,lzxid=0x${conn.lastZxidSeen.toString(16)},lresp=0,llat=0,minlat=0,avglat=0,maxlat=0`;
    }
    out.push(line + ')');
  }
  return out;
}

/** StatCommand (srvr and stat). */
function stat(peer: QuorumPeer, withClients: boolean): string[] {
  if (!peer.serving) return [ZK_NOT_SERVING];
  const out = [`Zookeeper version: ${FULL_VERSION[peer.cfg.zkVersion] ?? peer.cfg.zkVersion}`];
  if (withClients) {
    out.push('Clients:');
    for (const l of connectionLines(peer, true)) out.push(l, '');
    out.push('');
  }
  // ServerStats.toString: latencies and packet counters as on a fresh server (not modelled)
  out.push(
    'Latency min/avg/max: 0/0.0/0',
    'Received: 0',
    'Sent: 0',
    `Connections: ${peer.clients.size}`,
    `Outstanding: ${allOutstanding(peer)}`,
    `Zxid: 0x${peer.zkDb.lastProcessedZxid.toString(16)}`,
    `Mode: ${mode(peer)}`,
    // DataTree.getNodeCount counts the root twice ("" and "/")
    `Node count: ${peer.zkDb.dataTree.nodeCount() + 1}`,
  );
  // BufferStats of a leader that measured nothing: the model does not serialize proposals
  if (peer.state === 'LEADING') out.push('Proposal sizes last/min/max: -1/-1/-1');
  return out;
}

/** QuorumZooKeeperServer.dumpConf (ports and directories as the model's zoo.cfg would say). */
function conf(peer: QuorumPeer): string[] {
  const c = peer.cfg;
  const members = [
    ...c.voters.map((s) => [s, 'participant'] as const),
    ...c.observers.map((s) => [s, 'observer'] as const),
  ]
    .sort((a, b) => a[0] - b[0])
    .map(([s, role]) => `server.${s}=server${s}:2888:3888:${role};0.0.0.0:2181`);
  return [
    'clientPort=2181',
    'secureClientPort=-1',
    `dataDir=/data/server${c.sid}/version-2`,
    // the model keeps no byte sizes of its files: what an empty dataDir reports
    'dataDirSize=0',
    `dataLogDir=/data/server${c.sid}/version-2`,
    'dataLogSize=0',
    `tickTime=${c.tickTime}`,
    'maxClientCnxns=60',
    `minSessionTimeout=${2 * c.tickTime}`,
    `maxSessionTimeout=${20 * c.tickTime}`,
    'clientPortListenBacklog=-1',
    `serverId=${c.sid}`,
    `initLimit=${c.initLimit}`,
    `syncLimit=${c.syncLimit}`,
    'electionAlg=3',
    'electionPort=3888',
    'quorumPort=2888',
    `peerType=${c.observers.includes(c.sid) ? 1 : 0}`,
    // ReadOnlyZooKeeperServer.dumpConf stops here (it is not a QuorumZooKeeperServer)
    ...(peer.roZk !== null ? [] : membership(members)),
  ];
}

/** QuorumZooKeeperServer.dumpConf's tail: the quorum verifier's members and version. */
function membership(members: string[]): string[] {
  return ['membership: ', ...members, 'version=0'];
}

/** The data watches (DataTree.dumpWatches* print dataWatches only, not child watches). */
function dataWatches(peer: QuorumPeer) {
  return peer.zkDb.dataTree.listWatches().filter((w) => w.kind === 'data');
}

/** DataTree.dumpWatchesSummary → WatchManager.toString */
function wchs(peer: QuorumPeer): string[] {
  const ws = dataWatches(peer);
  const watchers = new Set(ws.map((w) => w.watcher));
  const paths = new Set(ws.map((w) => w.path));
  return [`${watchers.size} connections watching ${paths.size} paths`, `Total watches:${ws.length}`];
}

/** DataTree.dumpWatches(pw, false): per session, its watched paths (tab-indented). */
function wchc(peer: QuorumPeer): string[] {
  const bySession = new Map<string, Set<string>>();
  for (const w of dataWatches(peer)) {
    const sid = peer.clients.get(w.watcher)?.sessionId ?? '0x0';
    let s = bySession.get(sid);
    if (!s) bySession.set(sid, (s = new Set()));
    s.add(w.path);
  }
  const out: string[] = [];
  for (const [sid, paths] of [...bySession].sort()) {
    out.push(sid);
    for (const p of [...paths].sort()) out.push(`\t${p}`);
  }
  return out;
}

/** DumpCommand: sessions (the leader's SessionTrackerImpl; a learner's tracker lists none), ephemerals. */
function dump(peer: QuorumPeer): string[] {
  const out = ['SessionTracker dump:'];
  if (peer.leader) {
    // SessionTrackerImpl.dumpSessions: "Session Sets (n)/(m):" then each expiry bucket
    const sessions = [...peer.zkDb.sessionsWithTimeouts.keys()].sort();
    const byExpiry = new Map<number, string[]>();
    for (const id of sessions) {
      const at = peer.leader.expiryOf(id);
      if (at === null) continue;
      const l = byExpiry.get(at) ?? [];
      l.push(id);
      byExpiry.set(at, l);
    }
    const buckets = [...byExpiry].sort((a, b) => a[0] - b[0]);
    // ExpiryQueue.dump: "Sets (buckets)/(sessions):", then each bucket's wall-clock time
    out.push(`Session Sets (${buckets.length})/(${sessions.length}):`);
    for (const [at, ids] of buckets) {
      out.push(`${ids.length} expire at ${javaDateString(statTimeToEpochMs(at))}:`);
      for (const id of ids) out.push(`\t${id}`);
    }
  } else {
    // LearnerSessionTracker.dumpSessions (no local sessions): the global sessions and timeouts
    const sessions = [...peer.zkDb.sessionsWithTimeouts].sort((a, b) => (a[0] < b[0] ? -1 : 1));
    out.push(`Global Sessions(${sessions.length}):`);
    for (const [id, to] of sessions) out.push(`${id}\t${to}ms`);
  }
  out.push('ephemeral nodes dump:');
  const tree = peer.zkDb.dataTree;
  const owners = tree.getSessionsWithEphemerals();
  out.push(`Sessions with Ephemerals (${owners.length}):`);
  for (const s of owners) {
    out.push(`${s}:`);
    for (const p of tree.getEphemerals(s)) out.push(`\t${p}`);
  }
  out.push('Connections dump:');
  // NIOServerCnxnFactory's connection expiry queue is not modelled: its buckets cannot be printed
  out.push(`Connections (${connections(peer).length}; their expiry queue is not modelled)`);
  return out;
}

/** EnvCommand: Environment.list(); the model's process has no JVM or OS to report. */
function envi(peer: QuorumPeer): string[] {
  return [
    'Environment:',
    `zookeeper.version=${FULL_VERSION[peer.cfg.zkVersion] ?? peer.cfg.zkVersion}`,
    `host.name=server${peer.myid}`,
    // no JVM in the model: the values a ZAB Lab server would be honest about end here
    'java.version=(not modelled)',
    'os.name=(not modelled)',
    'user.dir=/',
  ];
}

/**
 * MonitorCommand: zk_version and zk_server_state, then the metrics the model can compute, in
 * name order (ZooKeeper prints about a hundred, in its metrics provider's order).
 */
function mntr(peer: QuorumPeer): string[] {
  if (!peer.serving) return [ZK_NOT_SERVING];
  const tree = peer.zkDb.dataTree;
  let ephemerals = 0;
  for (const s of tree.getSessionsWithEphemerals()) ephemerals += tree.getEphemerals(s).length;
  let dataSize = 0;
  for (const p of tree.allPaths()) dataSize += p.length + (tree.getNode(p)?.stat.dataLength ?? 0);
  const m: [string, string | number][] = [
    ['approximate_data_size', dataSize],
    ['ephemerals_count', ephemerals],
    ['global_sessions', peer.zkDb.sessionsWithTimeouts.size],
    ['num_alive_connections', peer.clients.size],
    ['outstanding_requests', allOutstanding(peer)],
    ['watch_count', tree.watchCount()],
    ['znode_count', tree.nodeCount() + 1],
  ];
  if (peer.leader) {
    const synced = [...peer.leader.handlers.values()].length;
    m.push(['learners', synced], ['pending_syncs', 0]);
  }
  const out = [
    `zk_version\t${FULL_VERSION[peer.cfg.zkVersion] ?? peer.cfg.zkVersion}`,
    `zk_server_state\t${mode(peer)}`,
  ];
  for (const [k, v] of m.sort((a, b) => (a[0] < b[0] ? -1 : 1))) out.push(`zk_${k}\t${v}`);
  return out;
}

/**
 * NIOServerCnxn.checkFourLetterWord + the command's run: what `echo <word> | nc server 2181`
 * prints. `whitelist` is zoo.cfg's 4lw.commands.whitelist (undefined: not set).
 */
export function fourLetterWord(peer: QuorumPeer, word: string, whitelist: string | undefined): string {
  if (!(KNOWN_WORDS as readonly string[]).includes(word)) {
    // not a four-letter word: the server reads it as a request length and closes the connection
    return '';
  }
  if (!isEnabled(word, whitelist, peer.cfg.readonlyModeEnabled === true))
    return `${word} is not executed because it is not in the whitelist.\n`;
  const lines = (l: string[]) => l.map((x) => x + '\n').join('');
  switch (word) {
    case 'ruok':
      return 'imok';
    case 'isro':
      // IsroCommand: "null" when no server runs, "ro" for a ReadOnlyZooKeeperServer, else "rw"
      return !peer.serving ? 'null' : peer.roZk !== null ? 'ro' : 'rw';
    case 'srvr':
      return lines(stat(peer, false));
    case 'stat':
      return lines(stat(peer, true));
    case 'conf':
      return peer.serving ? lines(conf(peer)) : lines([ZK_NOT_SERVING]);
    case 'cons':
      return peer.serving
        ? lines([...connectionLines(peer, false).flatMap((l) => [l]), ''])
        : lines([ZK_NOT_SERVING]);
    case 'wchs':
      return peer.serving ? lines([...wchs(peer), '']) : lines([ZK_NOT_SERVING]);
    case 'wchc':
      return peer.serving ? lines([...wchc(peer), '']) : lines([ZK_NOT_SERVING]);
    case 'dump':
      return peer.serving ? lines(dump(peer)) : lines([ZK_NOT_SERVING]);
    case 'envi':
      return lines(envi(peer));
    case 'mntr':
      return lines(mntr(peer));
    default:
      return `${word} is not modelled in ZAB Lab\n`;
  }
}
