import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TraceEvent, TraceKind } from '../../src/zk/trace';
import { dictionaries, translate, type Lang } from '../../src/ui/i18n';
import type { Translate } from '../../src/ui/panels/format';
import { CATEGORIES, eventCategory, eventSids, narrate, TRACE_KINDS } from '../../src/ui/panels/narration';
import { lastAtOrBefore, lowerBoundT, stepOfIndex, timelineData } from '../../src/ui/panels/timeline';
import { lineKind, nextClientId } from '../../src/ui/panels/ConsolePanel';
import { StepRecords } from '../../src/sim/StepRecords';

const tr =
  (lang: Lang): Translate =>
  (k, p) =>
    translate(lang, k, p);
const en = tr('en');
const zh = tr('zh-CN');

/** One event of every kind (plus the packet types), in trace order. */
const trace: TraceEvent[] = [
  { t: 0, ev: 'start', sid: 1 },
  { t: 0, ev: 'restore', sid: 1, zxid: '0x0', source: 'boot' },
  {
    t: 1,
    ev: 'send',
    id: 1,
    from: 4,
    to: 5,
    type: 'NOTIFICATION',
    zxid: '0x0',
    detail: 'vote (5, 0x0, round 1, epoch 0)',
  },
  { t: 3, ev: 'recv', id: 1 },
  { t: 3, ev: 'state', sid: 5, state: 'LEADING', zabState: 'DISCOVERY' },
  { t: 3, ev: 'election', sid: 5, state: 'LEADING', leader: 5, electionEpoch: 1, zxid: '0x0', peerEpoch: 0 },
  {
    t: 3,
    ev: 'election',
    sid: 4,
    state: 'FOLLOWING',
    leader: 5,
    electionEpoch: 1,
    zxid: '0x0',
    peerEpoch: 0,
  },
  { t: 4, ev: 'send', id: 2, from: 4, to: 5, type: 'FOLLOWERINFO', zxid: '0x0' },
  { t: 5, ev: 'send', id: 3, from: 5, to: 4, type: 'LEADERINFO', zxid: '0x100000000' },
  { t: 6, ev: 'epoch', sid: 5, acceptedEpoch: 1, currentEpoch: 0 },
  { t: 6, ev: 'send', id: 4, from: 4, to: 5, type: 'ACKEPOCH', zxid: '0x0' },
  { t: 7, ev: 'established', sid: 5, epoch: 1 },
  {
    t: 7,
    ev: 'sync',
    leader: 5,
    learner: 4,
    mode: 'DIFF',
    zxid: '0x0',
    peerLastZxid: '0x0',
    reason: 'peer in sync',
  },
  { t: 7, ev: 'send', id: 5, from: 5, to: 4, type: 'DIFF', zxid: '0x0' },
  { t: 7, ev: 'send', id: 6, from: 5, to: 4, type: 'TRUNC', zxid: '0x100000004' },
  { t: 7, ev: 'send', id: 7, from: 5, to: 4, type: 'SNAP', zxid: '0x100000000' },
  { t: 7, ev: 'send', id: 8, from: 5, to: 4, type: 'NEWLEADER', zxid: '0x100000000' },
  { t: 8, ev: 'send', id: 9, from: 4, to: 5, type: 'ACK', zxid: '0x100000000' },
  { t: 8, ev: 'send', id: 10, from: 5, to: 4, type: 'UPTODATE' },
  { t: 9, ev: 'client', id: 'c1', server: 4, cmd: 'create /a hello' },
  { t: 9, ev: 'send', id: 11, from: 4, to: 5, type: 'REQUEST' },
  { t: 10, ev: 'propose', sid: 5, zxid: '0x100000001', op: 'create /a' },
  { t: 10, ev: 'send', id: 12, from: 5, to: 4, type: 'PROPOSAL', zxid: '0x100000001' },
  { t: 11, ev: 'log', sid: 4, zxid: '0x100000001' },
  { t: 12, ev: 'commit', sid: 5, zxid: '0x100000001' },
  { t: 12, ev: 'send', id: 13, from: 5, to: 4, type: 'COMMIT', zxid: '0x100000001' },
  { t: 12, ev: 'send', id: 14, from: 5, to: 6, type: 'INFORM', zxid: '0x100000001' },
  { t: 12, ev: 'send', id: 15, from: 5, to: 4, type: 'PING', zxid: '0x100000001' },
  { t: 12, ev: 'send', id: 16, from: 4, to: 5, type: 'REVALIDATE' },
  { t: 12, ev: 'send', id: 17, from: 5, to: 4, type: 'SYNC' },
  { t: 12, ev: 'send', id: 18, from: 6, to: 5, type: 'OBSERVERINFO', zxid: '0x0' },
  { t: 12, ev: 'send', id: 19, from: 6, to: 5, type: 'MYSTERY' },
  { t: 13, ev: 'apply', sid: 4, zxid: '0x100000001', op: 'create /a' },
  { t: 13, ev: 'reply', client: 'c1', server: 4, zxid: '0x100000001', ok: true, output: 'Created /a' },
  { t: 13, ev: 'reply', client: 'c1', server: 4, ok: true, output: '' },
  { t: 13, ev: 'reply', client: 'c1', server: 4, ok: false, output: 'Node already exists: /a' },
  { t: 14, ev: 'watch', client: 'c1', state: 'SyncConnected', type: 'NodeDataChanged', path: '/a' },
  { t: 14, ev: 'watch', client: 'c1', state: 'Disconnected', type: 'None', path: null },
  { t: 15, ev: 'drop', id: 15, reason: 'link cut' },
  { t: 15, ev: 'drop', id: 999, reason: 'link cut' },
  { t: 15, ev: 'recv', id: 998 },
  { t: 16, ev: 'snapshot', sid: 4, zxid: '0x100000001' },
  { t: 16, ev: 'truncate', sid: 3, zxid: '0x100000004' },
  { t: 16, ev: 'restore', sid: 3, zxid: '0x100000004', source: 'TRUNC' },
  { t: 16, ev: 'restore', sid: 2, zxid: '0x200000002', source: 'SNAP' },
  { t: 17, ev: 'crash', sid: 5 },
  { t: 17, ev: 'state', sid: 5, state: 'DOWN', zabState: 'ELECTION' },
  { t: 18, ev: 'restart', sid: 5 },
  {
    t: 19,
    ev: 'partition',
    groups: [
      [1, 2],
      [3, 4, 5],
    ],
  },
  { t: 20, ev: 'heal' },
  { t: 20, ev: 'cnx', sid: 3, peer: 1, conn: 1001000001, action: 'down', initiator: 1, reason: 'dialBack' },
  { t: 21, ev: 'shutdown', sid: 4, reason: 'Not sufficient followers synced' },
  { t: 21, ev: 'corrupt', sid: 4, zxid: '0x100000002', file: 'log.100000001' },
  { t: 21, ev: 'wipe', sid: 4 },
  {
    t: 21,
    ev: 'purge',
    sid: 4,
    by: 'autopurge',
    retain: 3,
    removed: ['log.100000001', 'snapshot.0'],
    txns: ['0x100000001..0x100000002'],
  },
  {
    t: 22,
    ev: 'anomaly',
    sid: 4,
    check: 'UNMATCHED_TXN_COMMIT',
    detail: 'commit 0x100000002, head 0x100000001',
  },
  { t: 23, ev: 'violation', invariant: 'PrefixConsistency', detail: 'server 3 lost 0x100000002' },
  {
    t: 24,
    ev: 'refuse',
    sid: 4,
    client: 'c1',
    session: '0x500000000000',
    lastZxidSeen: '0x100000002',
    lastZxid: '0x100000001',
    reason:
      'Refusing session(0x500000000000) request for client /127.0.0.1 as it has seen zxid 0x100000002 our last zxid is 0x100000001 client must try another server',
  },
  // read-only mode (ReadOnlyZooKeeperServer, ClientCnxn.pingRwServer)
  { t: 25, ev: 'readonly', sid: 4, action: 'start' },
  {
    t: 26,
    ev: 'readonly',
    sid: 4,
    action: 'refuse',
    client: 'c2',
    reason: 'Refusing session request for not-read-only client /127.0.0.1',
  },
  {
    t: 26,
    ev: 'readonly',
    sid: 4,
    action: 'refuseCreateSession',
    client: 'c3',
    reason:
      'ReadOnlyRequestProcessor: createSession is not a local session (localSessionsEnabled=false) → NOTREADONLY',
  },
  { t: 27, ev: 'pingRw', client: 'c1', server: 4, answer: 'ro', next: 200 },
  { t: 28, ev: 'pingRw', client: 'c1', server: 5, answer: '', next: 400 },
  { t: 29, ev: 'readonly', sid: 4, action: 'shutdown' },
];

const records = new StepRecords();
for (const e of trace) records.observe(e);
const lookup = records.sent;

describe('narration', () => {
  it('covers every trace kind', () => {
    const kinds = new Set<TraceKind>(trace.map((e) => e.ev));
    expect([...kinds].sort()).toEqual([...TRACE_KINDS].sort());
  });

  for (const [lang, t] of [
    ['en', en],
    ['zh-CN', zh],
  ] as const) {
    it(`says every event in plain ${lang}, with the method it mirrors`, () => {
      for (const ev of trace) {
        const n = narrate(ev, t, lookup);
        expect(n.text, JSON.stringify(ev)).not.toMatch(/panels\.|\{\w+\}|undefined|NaN/);
        expect(n.text.length).toBeGreaterThan(5);
        expect(n.method.length).toBeGreaterThan(3);
        if (lang === 'zh-CN' && ev.ev !== 'client')
          expect(n.text, JSON.stringify(ev)).toMatch(/[\u4e00-\u9fff]/);
      }
    });
  }

  it('names the ZooKeeper methods of the brief', () => {
    const m = (i: number) => narrate(trace[i], en, lookup).method;
    const byKind = (k: TraceKind, pick = 0) => trace.findIndex((e, i) => e.ev === k && i >= pick);
    expect(m(2)).toBe('FastLeaderElection.sendNotifications');
    expect(m(byKind('election'))).toBe('FastLeaderElection.lookForLeader');
    expect(m(byKind('sync'))).toBe('LearnerHandler.syncFollower');
    expect(m(byKind('propose'))).toBe('Leader.propose');
    expect(m(byKind('commit'))).toBe('Leader.tryToCommit');
    expect(m(byKind('apply'))).toContain('DataTree.processTxn');
    expect(m(byKind('apply'))).toContain('FinalRequestProcessor');
    expect(m(byKind('log'))).toBe('SyncRequestProcessor.flush');
    expect(m(byKind('truncate'))).toBe('FileTxnSnapLog.truncateLog');
    expect(m(byKind('snapshot'))).toBe('ZooKeeperServer.takeSnapshot');
    expect(m(byKind('epoch'))).toContain('QuorumPeer.setAcceptedEpoch');
    expect(m(byKind('epoch'))).toContain('setCurrentEpoch');
    expect(m(byKind('established'))).toBe('Leader.lead');
    expect(m(byKind('reply'))).toBe('FinalRequestProcessor');
    expect(m(byKind('watch'))).toBe('WatchManager.triggerWatch');
    expect(m(byKind('state'))).toBe('QuorumPeer.setPeerState');
  });

  it('reads like a sentence', () => {
    const s = (i: number, t = en) => narrate(trace[i], t, lookup).text;
    expect(s(2)).toBe('server 4 sends its vote to server 5 vote (5, 0x0, round 1, epoch 0)');
    expect(s(3)).toBe('server 5 receives NOTIFICATION 0:0 (0x0) from server 4');
    expect(s(12)).toBe('leader 5 chooses DIFF for server 4: its last zxid is 0:0 (0x0), target 0:0 (0x0)');
    expect(s(21)).toBe('leader 5 gives create /a the zxid 1:1 (0x100000001) and proposes it');
    expect(s(33)).toBe('server 4 answers client c1: Created /a');
    expect(s(38)).toBe('PING from server 5 to server 4 is lost (#15): link cut');
    expect(s(48)).toBe('the network splits: {1, 2} | {3, 4, 5}');
    expect(s(21, zh)).toBe('领导者 5 给 create /a 分配 zxid 1:1 (0x100000001) 并发起提议');
    expect(s(45, zh)).toBe('服务器 5 崩溃：内存丢失，磁盘保留');
  });

  it('knows which servers and family an event concerns', () => {
    expect(eventSids(trace[3], lookup)).toEqual([4, 5]);
    expect(eventSids(trace[12], lookup)).toEqual([5, 4]);
    expect(eventSids(trace[48], lookup)).toEqual([1, 2, 3, 4, 5]);
    expect(eventCategory(trace[3], lookup)).toBe('election');
    expect(eventCategory(trace[22], lookup)).toBe('broadcast');
    expect(eventCategory(trace[27], lookup)).toBe('liveness');
    for (const e of trace) expect(CATEGORIES).toContain(eventCategory(e, lookup));
  });
});

describe('timeline data', () => {
  it('pairs sends with their delivery or loss, in a window', () => {
    const d = timelineData(trace, [], 0, 23, 6);
    const a1 = d.arrows.find((a) => a.id === 1)!;
    expect(a1).toMatchObject({ from: 4, to: 5, sentAt: 1, endAt: 3, end: 'recv', cat: 'election' });
    const ping = d.arrows.find((a) => a.id === 15)!;
    expect(ping).toMatchObject({ end: 'drop', endAt: 15, reason: 'link cut' });
    // sends never delivered and not in flight are left out
    expect(d.arrows.find((a) => a.id === 2)).toBeUndefined();
    expect(d.marks.some((m) => m.kind === 'crash' && m.sid === 5)).toBe(true);
    const inflight = timelineData(
      trace,
      [{ id: 2, from: 4, to: 5, type: 'FOLLOWERINFO', label: '', sentAt: 4, deliverAt: 30 }],
      0,
      23,
      6,
    );
    expect(inflight.arrows.find((a) => a.id === 2)).toMatchObject({ end: 'inflight', endAt: 30 });
    // a window after the last message sees only the states it started with
    const late = timelineData(trace, [], 22.5, 23, 6, 0.1);
    expect(late.arrows).toHaveLength(0);
    expect(late.initial.get(5)).toBe('DOWN');
  });

  it('searches the trace by time', () => {
    expect(lowerBoundT(trace, 3)).toBe(3);
    expect(lastAtOrBefore(trace, 3)).toBe(6);
    expect(lastAtOrBefore(trace, -1)).toBe(-1);
  });

  it('maps trace lines to steps', () => {
    // step 0 wrote 2 lines, step 1 none, step 2 three, step 3 one
    const lens = [2, 2, 5, 6];
    expect(stepOfIndex(lens, 4, 0)).toBe(0);
    expect(stepOfIndex(lens, 4, 1)).toBe(0);
    expect(stepOfIndex(lens, 4, 2)).toBe(2);
    expect(stepOfIndex(lens, 4, 4)).toBe(2);
    expect(stepOfIndex(lens, 4, 5)).toBe(3);
    expect(stepOfIndex(lens, 4, 6)).toBeNull();
  });
});

describe('console helpers', () => {
  it('styles zkCli output', () => {
    expect(lineKind('WATCHER::')).toBe('watch');
    expect(lineKind('WatchedEvent state:SyncConnected type:NodeDataChanged path:/a')).toBe('watch');
    expect(lineKind('Node already exists: /a')).toBe('err');
    expect(lineKind('Created /a')).toBe('out');
    expect(lineKind('[zk: 127.0.0.1:2181(CONNECTED) 0] ls /')).toBe('prompt');
  });
  it('numbers new sessions', () => {
    expect(nextClientId([])).toBe('c1');
    expect(nextClientId(['c1', 'c3'])).toBe('c2');
  });
});

describe('panel strings', () => {
  const dir = join(__dirname, '../../src/ui/panels');
  const src = readdirSync(dir)
    .filter((f) => /\.tsx?$/.test(f))
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('\n');

  it('every static key the panels use exists in both languages', () => {
    const keys = new Set([...src.matchAll(/['`](panels\.[A-Za-z0-9_.+]+)['`]/g)].map((m) => m[1]));
    expect(keys.size).toBeGreaterThan(100);
    const missing = [...keys].filter((k) => !(k in dictionaries.en) || !(k in dictionaries['zh-CN']));
    expect(missing).toEqual([]);
  });

  it('every dynamic key family is complete', () => {
    const need: string[] = [
      ...CATEGORIES.map((c) => `panels.cat.${c}`),
      ...TRACE_KINDS.map((k) => `panels.kind.${k}`),
      ...['LEADING', 'FOLLOWING', 'OBSERVING', 'LOOKING', 'DOWN'].map((s) => `panels.pipe.roleHint.${s}`),
      ...['DISCOVERY', 'SYNCHRONIZATION', 'BROADCAST'].map((p) => `panels.zab.phase.${p}`),
      ...['ELECTION', 'DISCOVERY', 'SYNCHRONIZATION', 'BROADCAST'].map((p) => `panels.zab.learnerPhase.${p}`),
      ...['connecting', 'electing', 'newLeaderAcks'].map((s) => `panels.zab.set.${s}`),
      ...['crash', 'restart', 'start'].map((s) => `panels.tl.${s}`),
      ...['peerEpoch', 'zxid', 'sid', 'newRound'].flatMap((r) => [
        `panels.vote.why.${r}.changed`,
        `panels.vote.why.${r}.kept`,
      ]),
    ];
    const stages = [...src.matchAll(/'(\w+(?:Request)?Processor)',/g)].map(
      (m) => `panels.pipe.stage.${m[1]}`,
    );
    expect(stages.length).toBeGreaterThanOrEqual(10);
    const missing = [...need, ...stages].filter(
      (k) => !(k in dictionaries.en) || !(k in dictionaries['zh-CN']),
    );
    expect(missing).toEqual([]);
  });

  it('panels keys are all prefixed panels. and nothing is left untranslated', () => {
    for (const lang of ['en', 'zh-CN'] as const) {
      const mod = Object.keys(dictionaries[lang]).filter((k) => k.startsWith('panels.'));
      expect(mod.length).toBeGreaterThan(250);
    }
    const same = Object.keys(dictionaries.en).filter(
      (k) =>
        k.startsWith('panels.') &&
        dictionaries.en[k] === dictionaries['zh-CN'][k] &&
        /[a-z]{4,}/.test(dictionaries.en[k].replace(/\{\w+\}|[A-Z][A-Za-z.]+|\b[a-z]+[A-Z]\w*/g, '')),
    );
    // identifiers and commands stay as they are
    expect(same).toEqual([]);
  });
});
