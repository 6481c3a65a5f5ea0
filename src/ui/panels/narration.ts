/**
 * One line of plain language per trace event, naming the ZooKeeper method it mirrors.
 * Pure: the event log renders only the visible rows, each through `narrate`.
 */
import { FAMILY_TYPES, familyOf } from '../stage/palette';
import type { TraceEvent, TraceKind } from '../../zk/trace';
import { fmtHexZxid, type Translate } from './format';

export type SendEvent = Extract<TraceEvent, { ev: 'send' }>;

/** Finds the `send` of a message id (for recv / drop lines): the run's `sim.records.sent`. */
export type SendLookup = (id: number) => SendEvent | undefined;

/** Every trace kind, in the order the filter lists them. */
export const TRACE_KINDS: readonly TraceKind[] = [
  'send',
  'recv',
  'drop',
  'state',
  'election',
  'cnx',
  'epoch',
  'established',
  'sync',
  'propose',
  'commit',
  'apply',
  'log',
  'truncate',
  'snapshot',
  'restore',
  'client',
  'reply',
  'watch',
  'refuse',
  'readonly',
  'pingRw',
  'start',
  'crash',
  'restart',
  'partition',
  'heal',
  'shutdown',
  'wipe',
  'purge',
  'corrupt',
  'anomaly',
  'violation',
];

/** Colour family of an event or message type (also shown as text, never colour alone). */
export type Category =
  'election' | 'discovery' | 'sync' | 'broadcast' | 'liveness' | 'client' | 'storage' | 'fault';

export const CATEGORIES: readonly Category[] = [
  'election',
  'discovery',
  'sync',
  'broadcast',
  'liveness',
  'client',
  'storage',
  'fault',
];

/** message types the stage colours (one family each); other packets (CLOSE) count as liveness */
const KNOWN_TYPES = new Set(Object.values(FAMILY_TYPES).flat());

export function messageCategory(type: string): Category {
  return KNOWN_TYPES.has(type) ? familyOf(type) : 'liveness';
}

export function eventCategory(ev: TraceEvent, lookup?: SendLookup): Category {
  switch (ev.ev) {
    case 'send':
      return messageCategory(ev.type);
    case 'recv': {
      const s = lookup?.(ev.id);
      return s ? messageCategory(s.type) : 'liveness';
    }
    case 'state':
    case 'election':
    case 'cnx':
      return 'election';
    case 'epoch':
    case 'established':
      return 'discovery';
    case 'sync':
      return 'sync';
    case 'propose':
    case 'commit':
    case 'apply':
      return 'broadcast';
    case 'log':
    case 'truncate':
    case 'snapshot':
    case 'restore':
    case 'purge':
      return 'storage';
    case 'client':
    case 'reply':
    case 'watch':
    case 'refuse':
    case 'readonly':
    case 'pingRw':
      return 'client';
    default:
      return 'fault';
  }
}

/** Servers an event concerns (for the server filter and the timeline). */
export function eventSids(ev: TraceEvent, lookup?: SendLookup): number[] {
  switch (ev.ev) {
    case 'send':
      return [ev.from, ev.to];
    case 'recv':
    case 'drop': {
      const s = lookup?.(ev.id);
      return s ? [s.from, s.to] : [];
    }
    case 'sync':
      return [ev.leader, ev.learner];
    case 'reply':
    case 'client':
    case 'pingRw':
      return [ev.server];
    case 'partition':
      return ev.groups.flat();
    case 'heal':
    case 'watch':
    case 'violation':
      return [];
    default:
      return [ev.sid];
  }
}

/** Methods for a packet being sent / received, by type (QuorumPacket + election notifications). */
const SEND_METHOD: Record<string, string> = {
  NOTIFICATION: 'FastLeaderElection.sendNotifications',
  FOLLOWERINFO: 'Learner.registerWithLeader',
  OBSERVERINFO: 'Learner.registerWithLeader',
  LEADERINFO: 'LearnerHandler.run',
  ACKEPOCH: 'Learner.registerWithLeader',
  DIFF: 'LearnerHandler.syncFollower',
  TRUNC: 'LearnerHandler.syncFollower',
  SNAP: 'LearnerHandler.syncFollower',
  PROPOSAL: 'Leader.propose → LearnerHandler.queuePacket',
  ACK: 'SendAckRequestProcessor',
  COMMIT: 'Leader.commit',
  NEWLEADER: 'LearnerHandler.run',
  UPTODATE: 'LearnerHandler.run',
  INFORM: 'Leader.inform',
  PING: 'LearnerHandler.ping / Learner.ping',
  REQUEST: 'FollowerRequestProcessor → Learner.request',
  REVALIDATE: 'Learner.revalidate',
  SYNC: 'Leader.sendSync',
};
/** Packets only the leader sends: the learner handles them in Follower/Learner code. */
const FROM_LEADER = new Set([
  'LEADERINFO',
  'DIFF',
  'TRUNC',
  'SNAP',
  'PROPOSAL',
  'COMMIT',
  'NEWLEADER',
  'UPTODATE',
  'INFORM',
  'SYNC',
]);

function recvMethod(type: string): string {
  if (type === 'NOTIFICATION') return 'FastLeaderElection.WorkerReceiver';
  if (type === 'PING') return 'Follower.processPacket / LearnerHandler.run';
  if (FROM_LEADER.has(type)) return 'Learner.syncWithLeader / Follower.processPacket';
  return 'LearnerHandler.run';
}

const KNOWN_SEND = new Set(Object.keys(SEND_METHOD));

export interface Narration {
  text: string;
  method: string;
}

function firstLine(s: string): string {
  const lines = s.split('\n').filter((l) => l.trim() !== '');
  if (lines.length <= 1) return lines[0] ?? '';
  return `${lines[0]} …`;
}

/** Where ZooKeeper does what a `cnx` trace event tells (QuorumCnxManager). */
const CNX_METHOD: Record<string, string> = {
  dial: 'QuorumCnxManager.connectOne / initiateConnection',
  up: 'QuorumCnxManager.startConnection / handleConnection (SendWorker, RecvWorker)',
  discard: 'QuorumCnxManager.RecvWorker (socket closed)',
  lowerSid: 'QuorumCnxManager.startConnection',
  dialBack: 'QuorumCnxManager.handleConnection → connectOne',
  replaced: 'QuorumCnxManager.SendWorker.finish',
  closedByPeer: 'QuorumCnxManager.RecvWorker → SendWorker.finish',
  broken: 'QuorumCnxManager.SendWorker.run → finish',
};

/** The plain-language line for one trace event. */
export function narrate(ev: TraceEvent, t: Translate, lookup?: SendLookup): Narration {
  switch (ev.ev) {
    case 'send': {
      const known = KNOWN_SEND.has(ev.type);
      const zx = fmtHexZxid(ev.zxid);
      return {
        text: t(known ? `panels.narr.send.${ev.type}` : 'panels.narr.send.other', {
          from: ev.from,
          to: ev.to,
          type: ev.type,
          zxid: zx,
          detail: ev.detail ?? '',
        }),
        method: SEND_METHOD[ev.type] ?? 'QuorumCnxManager',
      };
    }
    case 'recv': {
      const s = lookup?.(ev.id);
      if (!s) return { text: t('panels.narr.recv.unknown', { id: ev.id }), method: 'QuorumCnxManager' };
      const zx = fmtHexZxid(s.zxid);
      return {
        text: t(zx ? 'panels.narr.recv.zxid' : 'panels.narr.recv', {
          from: s.from,
          to: s.to,
          type: s.type,
          zxid: zx,
        }),
        method: recvMethod(s.type),
      };
    }
    case 'drop': {
      const s = lookup?.(ev.id);
      return {
        text: s
          ? t('panels.narr.drop', { from: s.from, to: s.to, type: s.type, id: ev.id, reason: ev.reason })
          : t('panels.narr.drop.unknown', { id: ev.id, reason: ev.reason }),
        method: 'QuorumCnxManager (network)',
      };
    }
    case 'state':
      return {
        text:
          ev.state === 'DOWN'
            ? t('panels.narr.state.down', { sid: ev.sid })
            : t('panels.narr.state', { sid: ev.sid, state: ev.state, zabState: ev.zabState }),
        method: 'QuorumPeer.setPeerState',
      };
    case 'election':
      return {
        text: t(ev.leader === ev.sid ? 'panels.narr.election.self' : 'panels.narr.election', {
          sid: ev.sid,
          state: ev.state,
          leader: ev.leader,
          round: ev.electionEpoch,
          epoch: ev.peerEpoch,
          zxid: fmtHexZxid(ev.zxid),
        }),
        method: 'FastLeaderElection.lookForLeader',
      };
    case 'epoch':
      return {
        text: t('panels.narr.epoch', { sid: ev.sid, accepted: ev.acceptedEpoch, current: ev.currentEpoch }),
        method: 'QuorumPeer.setAcceptedEpoch / setCurrentEpoch',
      };
    case 'established':
      return { text: t('panels.narr.established', { sid: ev.sid, epoch: ev.epoch }), method: 'Leader.lead' };
    case 'sync':
      return {
        text: t('panels.narr.sync', {
          leader: ev.leader,
          learner: ev.learner,
          mode: ev.mode,
          zxid: fmtHexZxid(ev.zxid),
          peer: fmtHexZxid(ev.peerLastZxid),
        }),
        method: 'LearnerHandler.syncFollower',
      };
    case 'propose':
      return {
        text: t('panels.narr.propose', { sid: ev.sid, zxid: fmtHexZxid(ev.zxid), op: ev.op }),
        method: 'Leader.propose',
      };
    case 'commit':
      return {
        text: t('panels.narr.commit', { sid: ev.sid, zxid: fmtHexZxid(ev.zxid) }),
        method: 'Leader.tryToCommit',
      };
    case 'apply':
      return {
        text: t('panels.narr.apply', { sid: ev.sid, zxid: fmtHexZxid(ev.zxid), op: ev.op }),
        method: 'FinalRequestProcessor / DataTree.processTxn',
      };
    case 'log':
      return {
        text: t('panels.narr.log', { sid: ev.sid, zxid: fmtHexZxid(ev.zxid) }),
        method: 'SyncRequestProcessor.flush',
      };
    case 'truncate':
      return {
        text: t('panels.narr.truncate', { sid: ev.sid, zxid: fmtHexZxid(ev.zxid) }),
        method: 'FileTxnSnapLog.truncateLog',
      };
    case 'snapshot':
      return {
        text: t('panels.narr.snapshot', { sid: ev.sid, zxid: fmtHexZxid(ev.zxid), file: fileName(ev.zxid) }),
        method: 'ZooKeeperServer.takeSnapshot',
      };
    case 'restore':
      return {
        text: t(`panels.narr.restore.${ev.source}`, { sid: ev.sid, zxid: fmtHexZxid(ev.zxid) }),
        method: ev.source === 'SNAP' ? 'Learner.syncWithLeader (SNAP)' : 'ZKDatabase.loadDataBase',
      };
    case 'client':
      return {
        text: t('panels.narr.client', { id: ev.id, server: ev.server, cmd: ev.cmd }),
        method: 'ZooKeeperMain.processCmd',
      };
    case 'reply': {
      const out = firstLine(ev.output);
      const key = !ev.ok ? 'panels.narr.reply.error' : out ? 'panels.narr.reply' : 'panels.narr.reply.empty';
      return {
        text: t(key, { client: ev.client, server: ev.server, output: out }),
        method: 'FinalRequestProcessor',
      };
    }
    case 'watch':
      return {
        text: t(ev.path === null ? 'panels.narr.watch.session' : 'panels.narr.watch', {
          client: ev.client,
          type: ev.type,
          state: ev.state,
          path: ev.path ?? '',
        }),
        method: ev.path === null ? 'ClientCnxn (session event)' : 'WatchManager.triggerWatch',
      };
    case 'refuse':
      return {
        text: t('clients.narr.refuse', {
          sid: ev.sid,
          client: ev.client,
          seen: ev.lastZxidSeen,
          ours: ev.lastZxid,
        }),
        method: 'ZooKeeperServer.processConnectRequest',
      };
    case 'readonly':
      return {
        text: t(`readonly.narr.${ev.action}`, {
          sid: ev.sid,
          client: ev.client ?? '',
          reason: ev.reason ?? '',
        }),
        method:
          ev.action === 'refuse'
            ? 'ZooKeeperServer.processConnectRequest'
            : ev.action === 'refuseCreateSession'
              ? 'ReadOnlyRequestProcessor.run → ClientCnxnSocket.readConnectResult'
              : ev.action === 'start'
                ? 'QuorumPeer.run (LOOKING) → ReadOnlyZooKeeperServer.startup'
                : 'QuorumPeer.run (LOOKING, finally) → ReadOnlyZooKeeperServer.shutdown',
      };
    case 'pingRw':
      return {
        text: t(ev.answer === '' ? 'readonly.narr.pingRwRefused' : 'readonly.narr.pingRw', {
          client: ev.client,
          server: ev.server,
          answer: ev.answer,
          next: ev.next,
        }),
        method: 'ClientCnxn.SendThread.pingRwServer',
      };
    case 'start':
      return { text: t('panels.narr.start', { sid: ev.sid }), method: 'QuorumPeerMain.initializeAndRun' };
    case 'crash':
      return { text: t('panels.narr.crash', { sid: ev.sid }), method: 'kill -9 (process dies)' };
    case 'restart':
      return {
        text: t('panels.narr.restart', { sid: ev.sid }),
        method: 'QuorumPeerMain.initializeAndRun → ZKDatabase.loadDataBase',
      };
    case 'partition':
      return {
        text: t('panels.narr.partition', { groups: ev.groups.map((g) => `{${g.join(', ')}}`).join(' | ') }),
        method: 'QuorumCnxManager (links cut)',
      };
    case 'heal':
      return { text: t('panels.narr.heal'), method: 'QuorumCnxManager (links restored)' };
    case 'shutdown':
      return {
        text: t('panels.narr.shutdown', { sid: ev.sid, reason: ev.reason }),
        method: 'Leader.shutdown / Learner.shutdown',
      };
    case 'wipe':
      return { text: t('storage.narr.wipe', { sid: ev.sid }), method: 'rm -rf dataDir (operator)' };
    case 'purge':
      return {
        text: ev.removed.length
          ? t('purge.narr.purge', { sid: ev.sid, n: ev.retain, files: ev.removed.join(', ') })
          : t('purge.narr.purgeNone', { sid: ev.sid, n: ev.retain }),
        method:
          ev.by === 'autopurge'
            ? 'DatadirCleanupManager → PurgeTxnLog.purge'
            : 'zkCleanup.sh → PurgeTxnLog.purge',
      };
    case 'corrupt':
      return ev.file === null
        ? { text: t('storage.narr.corruptNone', { sid: ev.sid, zxid: ev.zxid }), method: 'bad disk' }
        : {
            text: t('storage.narr.corrupt', { sid: ev.sid, zxid: ev.zxid, file: ev.file }),
            method: 'bad disk (FileTxnLog txnEntryCRC unchanged)',
          };
    case 'cnx':
      return {
        text: t(
          ev.action === 'down' ? `cnx.narr.down.${ev.reason ?? 'closedByPeer'}` : `cnx.narr.${ev.action}`,
          { sid: ev.sid, peer: ev.peer },
        ),
        method: CNX_METHOD[ev.action === 'down' ? (ev.reason ?? 'closedByPeer') : ev.action],
      };
    case 'anomaly':
      return {
        text: t('panels.narr.anomaly', { sid: ev.sid, check: ev.check, detail: ev.detail }),
        method: ev.check,
      };
    case 'violation':
      return {
        text: t('panels.narr.violation', { invariant: ev.invariant, detail: ev.detail }),
        method: 'invariant checker',
      };
  }
}

/** `snapshot.100000002` / `log.100000001` from a hex zxid. */
export function fileName(hex: string, prefix = 'snapshot'): string {
  return `${prefix}.${hex.replace(/^0x/, '')}`;
}
