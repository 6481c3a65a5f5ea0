/**
 * One zkCli session in the simulation — mirrors, in a pure, event-driven form:
 *  - org.apache.zookeeper.ClientCnxn: SendThread.run (connect, read/connect timeouts, pings),
 *    startConnect's random back-off, primeConnection (session id, lastZxid, watches to re-set),
 *    onConnected (negotiated timeout → readTimeout = 2/3, connectTimeout), cleanAndNotifyState /
 *    cleanup / conLossPacket (CONNECTIONLOSS, or SESSIONEXPIRED once CLOSED), readResponse (xids in
 *    order, lastZxid from reply headers, PING_XID), close() / disconnect(), and EventThread.queueEvent
 *    (a session event equal to the current session state is dropped);
 *  - org.apache.zookeeper.ZKWatchManager (data / exist / child watches per path, materialize) and
 *    ZooKeeper.WatchRegistration / ExistsWatchRegistration (an exists on a missing node sets an
 *    exist watch);
 *  - org.apache.zookeeper.client.StaticHostProvider (./StaticHostProvider): a connect string of
 *    one or more servers (`connect server1:2181,server2:2181`), shuffled; on connection loss the
 *    next server of the list, with a 1000 ms spin on coming back to the last one; connectTimeout
 *    is the session timeout divided by the number of servers;
 *  - read-only mode: a client made with canBeReadOnly (zkCli -r) says so in its ConnectRequest;
 *    primeConnection sends its session id only once it has seen a read-write server
 *    (seenRwServerBefore), so a client that met only read-only servers asks for a new session
 *    each time; onConnected with ConnectResponse.readOnly gives state CONNECTEDREADONLY (here
 *    CONNECTED + connectedReadOnly) and the ConnectedReadOnly event; while in it, SendThread.run
 *    calls pingRwServer every pingRwTimeout (100 ms, doubled after each probe up to 60000): an
 *    `isro` to hostProvider.next(0), and an "rw" answer closes the connection
 *    (RWServerFoundException) and connects to that server next;
 *  - ZOOKEEPER-4508 (3.9.3+): a client that has heard from no server for 4/3 of its negotiated
 *    session timeout gives its session up ("Client session timed out"): state CLOSED, Expired;
 *  - the console loop of org.apache.zookeeper.ZooKeeperMain (one command at a time, "Not
 *    connected" once the session is closed or expired, WATCHER:: blocks).
 *
 * Where the simulation differs on purpose:
 *  - requests queued while the client is not connected wait for the next connection instead of
 *    failing with CONNECTIONLOSS when a connection attempt fails; only requests already sent fail;
 *  - a command naming another server moves this session there at once (Disconnected, then a
 *    connect with the same session, lastZxid and watches) and pins it to that one server; zkCli's
 *    own `connect host:port,…` closes the session and opens a new one, as ZooKeeperMain.connectToZK;
 *  - `disconnect` (not a zkCli command) drops the socket without closing the session; a later
 *    command comes back as `new ZooKeeper(…, sessionId, passwd)` would: same session, no watches,
 *    lastZxid 0;
 *  - pingRwServer runs inline in SendThread (a blocking four-letter-word call of up to 1 s); here
 *    the probe is a message like any other and the connection goes on meanwhile, but no second
 *    probe starts before the first is answered;
 *  - an oversize request is not sent: the client acts at once as when the server closes the
 *    connection on "Len error", and tells the server its socket is gone (`disconnect`).
 */
import { seal } from '../zk/Sealed';
import {
  AUTHPACKET_XID,
  type AuthData,
  type ClientId,
  type ClientToServer,
  type ServerToClient,
  type WatchEventType,
} from '../zk/PeerIO';
import type { Op, OpResult, SessionId } from '../zk/txn';
import { isWriteOp } from '../zk/txn';
import type { TraceEvent } from '../zk/trace';
import { Code, JUTE_MAXBUFFER } from '../zk/ZooDefs';
import { zxidToHex, type Zxid } from '../zk/Zxid';
import { requestSize } from '../zk/PrepRequestProcessor';
import {
  formatWatchEvent,
  isClose,
  parseCommand,
  splitCommandLine,
  runCommand,
  type CliCommand,
  type CliOutcome,
  type OpReply,
} from '../zk/cli/ZooKeeperMain';
import type { Random } from '../zk/Random';
import type { ClientView } from '../zk/view';
import { parseConnectString, StaticHostProvider } from './StaticHostProvider';

export type ClientEffect =
  /** the harness delivers it with network latency; if the server is down it answers connectionLost */
  | { kind: 'send'; server: number; msg: ClientToServer }
  /** one timer per client; older generations are void */
  | { kind: 'setTimer'; gen: number; delay: number }
  | { kind: 'trace'; ev: TraceEvent };

export interface ClientCommandResult {
  /** when the answer came (null while the command waits or runs) */
  at: number | null;
  id: string;
  server: number;
  cmd: string;
  ok: boolean;
  output: string;
  /** the txn the command made (the last write's, for multi-step commands), if any */
  zxid?: string;
}

export interface ClientEventRecord {
  at: number;
  id: string;
  state: string;
  type: string;
  path: string | null;
}

/** ClientCnxn.PING_XID: the xid of pings and of their replies. */
export const PING_XID = -2;
/** ClientCnxn.SendThread.run: MAX_SEND_PING_INTERVAL. */
const MAX_SEND_PING_INTERVAL = 10000;
/** StaticHostProvider.next(1000): the spin delay on coming back to the server last connected to. */
const HOST_SPIN_DELAY = 1000;
/** ClientCnxn.SendThread.startConnect: sleep a random [0, 1000) ms before every reconnect. */
const RECONNECT_JITTER = 1000;
/** ClientCnxn.SendThread.minPingRwTimeout / maxPingRwTimeout (ms). */
const MIN_PING_RW_TIMEOUT = 100;
const MAX_PING_RW_TIMEOUT = 60000;

/** ZooKeeper.States, plus how the client ended. */
type ZkState = 'CONNECTING' | 'CONNECTED' | 'CLOSED' | 'AUTH_FAILED';
type Ending = 'closed' | 'expired' | 'gone' | 'authFailed';
type KeeperState =
  'Disconnected' | 'SyncConnected' | 'ConnectedReadOnly' | 'Expired' | 'Closed' | 'AuthFailed';

/** ClientCnxn.Packet: a request queued (outgoingQueue) or sent and awaiting its reply (pendingQueue). */
type Packet =
  | { kind: 'op'; op: Op; xid: number }
  | { kind: 'close'; xid: number }
  /** an AuthPacket: sent in order, never waits in pendingQueue (its reply has xid AUTHPACKET_XID) */
  | { kind: 'auth'; data: AuthData; xid: number };

/** A server that refused this client because the client has seen a newer zxid (CLIENT_ZXID_AHEAD). */
export interface Refusal {
  server: number;
  at: number;
  lastZxidSeen: Zxid;
  serverZxid: Zxid;
}

/** The TCP connection to one server (ClientCnxnSocket). */
interface Socket {
  server: number;
  /** the server answered the connect (primeConnection happened on its side) */
  primed: boolean;
  lastSend: number;
  lastHeard: number;
}

/**
 * The command at the head of the console: a zkCli command being run (ZooKeeperMain's thread, blocked
 * in a synchronous ZooKeeper call), or the close. Plain data: the thread's state is its command and
 * the replies it has been given so far (runCommand is deterministic), so a copy of this client (the
 * engine's checkpoints) resumes it; the generator itself is derived from them (commandThread).
 */
interface Running {
  index: number;
  /** 'connect': zkCli's `connect`, closing the live session before the new ZooKeeper starts */
  kind: 'cli' | 'close' | 'connect';
  /** the command whose requests go out one by one (null: answered locally, a close or a connect) */
  cmd: CliCommand | null;
  /** every reply given to the command so far, in order */
  replies: OpReply[];
  /** zxid of the last write txn the command made */
  writeZxid: Zxid | null;
}

type CommandThread = Generator<Op, CliOutcome, OpReply>;

/** Each running command's generator; a copied Running has none here until it is next fed. */
const threads = new WeakMap<Running, CommandThread>();

/** The generator of `cur`: the one running, or one brought to the same point by its replies. */
function commandThread(cur: Running & { cmd: CliCommand }): CommandThread {
  let gen = threads.get(cur);
  if (gen === undefined) {
    gen = runCommand(cur.cmd);
    gen.next();
    for (const r of cur.replies) gen.next(r);
    threads.set(cur, gen);
  }
  return gen;
}

/** Gives the command its next reply. */
function feed(cur: Running & { cmd: CliCommand }, reply: OpReply): IteratorResult<Op, CliOutcome> {
  const gen = commandThread(cur);
  cur.replies.push(reply);
  return gen.next(reply);
}

function hasCommand(cur: Running): cur is Running & { cmd: CliCommand } {
  return cur.cmd !== null;
}

/** Starts a command's thread: its first request, or its outcome. */
function startThread(cur: Running & { cmd: CliCommand }): IteratorResult<Op, CliOutcome> {
  const gen = runCommand(cur.cmd);
  threads.set(cur, gen);
  return gen.next();
}

/**
 * `echo <word> | nc <host> <port>` as a console line: a four-letter word sent on a connection of
 * its own to server N (host `serverN`, zoo.cfg's names; clientPort 2181).
 */
const NC_LINE = /^\s*echo\s+(\S+)\s*\|\s*nc\s+(\S+)\s+(\S+)\s*$/;

/** Integer.decode: decimal, 0x/0X/# hex, or a leading 0 for octal. */
function javaDecode(s: string): number {
  const neg = s.startsWith('-');
  const body = s.replace(/^[+-]/, '');
  let n: number;
  if (/^(0x|0X)/.test(body)) n = parseInt(body.slice(2), 16);
  else if (body.startsWith('#')) n = parseInt(body.slice(1), 16);
  else if (body.length > 1 && body.startsWith('0')) n = /^[0-7]+$/.test(body) ? parseInt(body, 8) : NaN;
  else n = /^\d+$/.test(body) ? parseInt(body, 10) : NaN;
  return neg ? -n : n;
}

/** The host names the model's servers answer to. */
function hostSid(host: string): number | null {
  const m = /^server(\d+)$/.exec(host);
  return m ? Number(m[1]) : null;
}

interface QueuedCommand {
  index: number;
  line: string;
  server: number | undefined;
}

export class ClientCnxn {
  readonly results: ClientCommandResult[] = [];
  readonly events: ClientEventRecord[] = [];
  readonly transcript: string[] = [];

  private readonly requestedTimeout: number;
  private now = 0;
  private fx: ClientEffect[] = [];

  // ---- connection (ClientCnxn / SendThread)
  private state: ZkState = 'CONNECTING';
  private ending: Ending | null = null;
  /** the server being tried or connected to (SendThread's serverAddress); null until the first command */
  private target: number | null = null;
  /** the connect string's servers as written (a new ZooKeeper shuffles them again); null until the first command */
  private hostSpec: number[] | null = null;
  /** ClientCnxn.hostProvider */
  private hosts: StaticHostProvider | null = null;
  /** the servers of the `connect` being run, once the live session it closes is closed */
  private connectAfterClose: number[] | null = null;
  /** ClientCnxnSocket.lastHeard across connections: the session timer of ZOOKEEPER-4508 */
  private lastHeard = 0;
  private expirationTimeout: number;
  /** the last server that refused us for having seen a newer zxid, until we connect again */
  private refusal: Refusal | null = null;
  private sock: Socket | null = null;
  /** not connected: the next connect attempt starts at this time */
  private sleepUntil = 0;
  private sessionId: SessionId | null = null;
  private negotiatedTimeout = 0;
  private readTimeout: number;
  private connectTimeout: number;
  private lastZxid: Zxid = 0;
  private xid = 1;
  /** SendThread.isFirstConnect: no random sleep before a connect until a server has answered one */
  private isFirstConnect = true;
  /** ClientCnxn.closing: a closeSession was queued; never reconnect again */
  private closing = false;
  private closeZxid: Zxid | null = null;
  private outgoing: Packet[] = [];
  private pending: Packet[] = [];
  /** ClientCnxn.authInfo: every addauth, re-sent by primeConnection on each connect */
  private readonly authInfo: AuthData[] = [];
  /** EventThread.sessionState */
  private sessionState: KeeperState = 'Disconnected';
  private timerGen = 0;
  private timerAt: number | null = null;

  // ---- ZKWatchManager
  private readonly dataWatches = new Set<string>();
  private readonly existWatches = new Set<string>();
  private readonly childWatches = new Set<string>();
  /** ZKWatchManager.persistentWatches / persistentRecursiveWatches (addWatch) */
  private readonly persistentWatches = new Set<string>();
  private readonly persistentRecursiveWatches = new Set<string>();

  // ---- ZooKeeperMain console
  private readonly queue: QueuedCommand[] = [];
  /** the last server a command named (commands that name none run there) */
  private namedServer: number | null = null;
  private current: Running | null = null;
  /** the server a running `echo … | nc` waits on */
  private ncServer: number | null = null;
  /** ZooKeeperMain.history and commandCount: every non-empty zkCli line, numbered from 0 */
  private readonly history = new Map<number, string>();
  private commandCount = 0;
  /** ZooKeeperMain.printWatches: WATCHER:: blocks are printed (`printwatches on|off`) */
  private printWatches = true;

  /** which sids are servers of the ensemble (host names in a connect string) */
  private readonly knownServer: (sid: number) => boolean;

  // ---- read-only mode (ClientCnxn.readOnly, SendThread's r/w server search)
  /** ClientCnxn.readOnly: made with canBeReadOnly (zkCli -r) */
  private canBeReadOnly: boolean;
  /** a `zkCli.sh [-r]` line waiting for the live session's close: the new ZooKeeper's canBeReadOnly */
  private readOnlyAfterClose: boolean | null = null;
  /** ClientCnxn.seenRwServerBefore: primeConnection sends the session id only once this is true */
  private seenRwServerBefore = false;
  /** state CONNECTEDREADONLY (with state CONNECTED here) */
  private connectedReadOnly = false;
  /** SendThread.rwServerAddress: the server pingRwServer found read-write, tried next */
  private rwServerAddress: number | null = null;
  private pingRwTimeout = MIN_PING_RW_TIMEOUT;
  /** SendThread.run's lastPingRwServer: set when the thread starts and at every probe */
  private lastPingRwServer = 0;
  /** the server a probe (isro) waits on */
  private probeServer: number | null = null;

  constructor(
    readonly id: ClientId,
    private readonly rng: Random,
    opts: { sessionTimeoutMs: number; knownServer?: (sid: number) => boolean; canBeReadOnly?: boolean },
  ) {
    this.requestedTimeout = opts.sessionTimeoutMs;
    this.canBeReadOnly = opts.canBeReadOnly === true;
    this.knownServer = opts.knownServer ?? ((sid) => Number.isInteger(sid) && sid >= 1);
    // ClientCnxn's constructor: before a session is negotiated the requested timeout rules
    this.readTimeout = Math.trunc((opts.sessionTimeoutMs * 2) / 3);
    this.connectTimeout = opts.sessionTimeoutMs;
    this.expirationTimeout = Math.trunc((opts.sessionTimeoutMs * 4) / 3);
  }

  // =========================================================================================
  // inputs

  /** A scenario/console command. Commands run one at a time in order; later ones queue. */
  command(cmdLine: string, server: number | undefined, now: number): ClientEffect[] {
    this.begin(now);
    // the server this command will run on: the last one named so far (a move happens in order)
    if (server !== undefined) this.namedServer = server;
    const shown = this.namedServer ?? this.target ?? this.firstHostOf(cmdLine) ?? -1;
    const index = this.results.length;
    this.results.push({ at: null, id: this.id, server: shown, cmd: cmdLine, ok: false, output: '' });
    this.trace({ t: now, ev: 'client', id: this.id, server: shown, cmd: cmdLine });
    this.queue.push({ index, line: cmdLine, server: this.namedServer ?? undefined });
    this.settle();
    return this.flushEffects();
  }

  receive(server: number, msg: ServerToClient, now: number): ClientEffect[] {
    this.begin(now);
    if (
      this.probeServer === server &&
      ((msg.kind === 'fourLetter' && msg.probe === true) ||
        (msg.kind === 'connectionLost' && msg.probe === true))
    ) {
      this.onProbeAnswer(server, msg.kind === 'fourLetter' ? msg.output : null);
      this.settle();
      return this.flushEffects();
    }
    if (this.ncServer === server && (msg.kind === 'fourLetter' || msg.kind === 'connectionLost')) {
      // the answer to a running `echo … | nc`, or its connection refused (no process listening)
      this.ncServer = null;
      const out =
        msg.kind === 'fourLetter'
          ? { ok: true, output: msg.output.replace(/\n$/, ''), exitCode: 0 }
          : {
              ok: false,
              output: `nc: connect to server${server} port 2181 (tcp) failed: Connection refused`,
              exitCode: 1,
            };
      this.answer(out);
      this.settle();
      return this.flushEffects();
    }
    const sock = this.sock;
    // messages of a connection we no longer have (an older socket, another server) are void
    if (this.ending === null && sock !== null && sock.server === server) {
      sock.lastHeard = now;
      // a reset from a dead host is not hearing from a server; a refusal is (the TCP connect completed)
      if (msg.kind !== 'connectionLost') this.lastHeard = now;
      this.onMessage(sock, msg);
    }
    this.settle();
    return this.flushEffects();
  }

  onTimer(gen: number, now: number): ClientEffect[] {
    this.begin(now);
    if (gen !== this.timerGen) return this.flushEffects();
    this.timerAt = null;
    this.settle();
    return this.flushEffects();
  }

  view(): ClientView {
    let state: ClientView['state'];
    if (this.ending === 'closed') state = 'CLOSED';
    else if (this.ending === 'expired') state = 'EXPIRED';
    else if (this.ending === 'authFailed') state = 'AUTH_FAILED';
    else if (this.ending === 'gone' || this.target === null) state = 'DISCONNECTED';
    else state = this.state === 'CONNECTED' ? 'CONNECTED' : 'CONNECTING';
    const hosts = this.hosts !== null && this.hosts.size() > 1 ? [...this.hosts.list()] : undefined;
    const refusal = this.refusal;
    return {
      id: this.id,
      server: this.target,
      sessionId: this.sessionId,
      ...(hosts !== undefined ? { hosts } : {}),
      ...(this.canBeReadOnly ? { canBeReadOnly: true } : {}),
      ...(state === 'CONNECTED' && this.connectedReadOnly ? { readOnly: true } : {}),
      lastZxid: zxidToHex(this.lastZxid),
      ...(refusal !== null && state === 'CONNECTING'
        ? {
            refused: {
              server: refusal.server,
              at: refusal.at,
              lastZxidSeen: zxidToHex(refusal.lastZxidSeen),
              serverZxid: zxidToHex(refusal.serverZxid),
            },
          }
        : {}),
      state,
      transcript: this.transcript.slice(),
      busy: this.current !== null || this.queue.length > 0,
      watches: [
        ...[...this.dataWatches].map((path) => ({ path, kind: 'data' as const })),
        ...[...this.existWatches].map((path) => ({ path, kind: 'exist' as const })),
        ...[...this.childWatches].map((path) => ({ path, kind: 'child' as const })),
        ...[...this.persistentWatches].map((path) => ({ path, kind: 'persistent' as const })),
        ...[...this.persistentRecursiveWatches].map((path) => ({
          path,
          kind: 'persistentRecursive' as const,
        })),
      ],
    };
  }

  // =========================================================================================
  // the console (ZooKeeperMain)

  /** Runs queued commands until one has to wait for the server, then lets SendThread do its work. */
  private settle(): void {
    for (let guard = 0; guard < 100000; guard++) {
      while (this.current === null && this.queue.length > 0) {
        const next = this.queue.shift();
        if (next !== undefined) this.startCommand(next);
      }
      this.loop();
      if (this.current !== null || this.queue.length === 0) return;
    }
  }

  /** history and printwatches run even without a session; zkCli then also prints "Not connected". */
  private notConnectedTail(): string {
    const dead =
      this.ending === 'closed' ||
      this.ending === 'expired' ||
      this.ending === 'authFailed' ||
      this.target === null;
    return dead ? '\nNot connected' : '';
  }

  private startCommand(q: QueuedCommand): void {
    const word = q.line.trim().split(/\s+/)[0] ?? '';
    const local = (outcome: CliOutcome): void => {
      this.transcript.push(`zk> ${q.line}`);
      this.current = { index: q.index, kind: 'cli', cmd: null, replies: [], writeZxid: null };
      this.answer(outcome);
    };

    const nc = NC_LINE.exec(q.line);
    if (nc) {
      this.transcript.push(`$ ${q.line.trim()}`);
      this.current = { index: q.index, kind: 'cli', cmd: null, replies: [], writeZxid: null };
      const [, w, host, port] = nc;
      const sid = hostSid(host);
      if (sid === null) {
        this.answer({
          ok: false,
          output: `nc: getaddrinfo for host "${host}" port ${port}: Name or service not known`,
          exitCode: 1,
        });
        return;
      }
      if (port !== '2181') {
        this.answer({
          ok: false,
          output: `nc: connect to ${host} port ${port} (tcp) failed: Connection refused`,
          exitCode: 1,
        });
        return;
      }
      this.results[q.index].server = sid;
      this.ncServer = sid;
      // nc writes the word (echo adds a newline the server never reads) and waits for the close
      this.send(sid, { kind: 'fourLetter', word: w });
      return;
    }
    if (word === 'zkCli.sh') {
      this.runZkCli(q);
      return;
    }
    if (word === 'disconnect') {
      this.transcript.push(`zk> ${q.line}`);
      this.current = { index: q.index, kind: 'cli', cmd: null, replies: [], writeZxid: null };
      this.goAway();
      this.answer({ ok: true, output: '', exitCode: 0 });
      return;
    }

    // ZooKeeperMain.executeLine: a non-empty line goes into the history before it runs
    let line = q.line;
    if (line.trim() !== '') {
      const n = this.commandCount++;
      this.history.set(n, line);
      const args = splitCommandLine(line);
      if (args[0] === 'history') {
        // for (i = commandCount - 10; i <= commandCount; ++i): the last 11 lines, this one included
        const out: string[] = [];
        for (let i = Math.max(0, n - 10); i <= n; i++) out.push(`${i} - ${this.history.get(i)}`);
        local({ ok: true, output: out.join('\n') + this.notConnectedTail(), exitCode: 0 });
        return;
      }
      if (args[0] === 'printwatches') {
        if (args.length === 1) {
          local({
            ok: true,
            output: `printwatches is ${this.printWatches ? 'on' : 'off'}` + this.notConnectedTail(),
            exitCode: 0,
          });
        } else {
          this.printWatches = args[1] === 'on';
          local({ ok: true, output: this.notConnectedTail().replace(/^\n/, ''), exitCode: 0 });
        }
        return;
      }
      if (args[0] === 'redo' && args.length >= 2) {
        // Integer.decode; "Command index out of range"; "No redoing redos"; then run that line
        const i = /^[+-]?(0x|0X|#)?[0-9a-fA-F]+$/.test(args[1]) ? javaDecode(args[1]) : NaN;
        if (Number.isNaN(i)) {
          local({
            ok: false,
            output: `java.lang.NumberFormatException: For input string: "${args[1]}"`,
            exitCode: 1,
          });
          return;
        }
        if (n <= i || i < 0) {
          local({ ok: false, output: 'Command index out of range', exitCode: 1 });
          return;
        }
        const again = this.history.get(i) ?? '';
        if (splitCommandLine(again)[0] === 'redo') {
          local({ ok: false, output: 'No redoing redos', exitCode: 1 });
          return;
        }
        this.history.set(n, again);
        line = again;
      }
    }

    if (splitCommandLine(line)[0] === 'connect') {
      this.runConnect(q, line);
      return;
    }

    const parsed = parseCommand(line);
    // ZooKeeperMain.executeLine ignores an empty line; processZKCmd reports an unknown command
    // before it checks the connection
    if (!parsed.ok && (parsed.exitCode === 127 || (parsed.exitCode === 0 && parsed.output === ''))) {
      local({ ok: parsed.exitCode === 0, output: parsed.output, exitCode: parsed.exitCode });
      return;
    }
    // "Below commands all need a live connection"
    if (
      this.ending === 'closed' ||
      this.ending === 'expired' ||
      this.ending === 'authFailed' ||
      (this.target === null && q.server === undefined)
    ) {
      local({ ok: false, output: 'Not connected', exitCode: 0 });
      return;
    }
    if (!parsed.ok) {
      local({ ok: false, output: parsed.output, exitCode: parsed.exitCode });
      return;
    }

    this.useServer(q.server);
    this.transcript.push(`zk> ${q.line}`);

    if (isClose(parsed.cmd)) {
      this.current = { index: q.index, kind: 'close', cmd: null, replies: [], writeZxid: null };
      // ClientCnxn.queuePacket: a closeSession marks the connection as closing
      this.closing = true;
      this.outgoing.push({ kind: 'close', xid: 0 });
      return;
    }

    const cur = { index: q.index, kind: 'cli' as const, cmd: parsed.cmd, replies: [], writeZxid: null };
    this.current = cur;
    this.step(startThread(cur));
  }

  /**
   * zkCli's `connect [host:port,…]` (ZooKeeperMain.connectToZK): a live session is closed first
   * (zk.close()), then a new ZooKeeper starts on the connect string (without one: the last one).
   * zkCli prints nothing; the Closed and SyncConnected events tell what happened.
   */
  private runConnect(q: QueuedCommand, line: string): void {
    const args = splitCommandLine(line);
    const fail = (output: string): void => {
      this.transcript.push(`zk> ${q.line}`);
      this.current = { index: q.index, kind: 'cli', cmd: null, replies: [], writeZxid: null };
      this.answer({ ok: false, output, exitCode: 1 });
    };
    let servers: number[] | null;
    if (args.length >= 2) {
      const parsed = parseConnectString(args[1], this.knownServer);
      if (!parsed.ok) {
        fail(parsed.error);
        return;
      }
      servers = parsed.servers;
    } else {
      servers = this.hostSpec ?? (this.namedServer !== null ? [this.namedServer] : null);
    }
    if (servers === null) {
      fail('connect: name the servers, like connect server1:2181,server2:2181,server3:2181');
      return;
    }
    this.transcript.push(`zk> ${q.line}`);
    this.current = { index: q.index, kind: 'connect', cmd: null, replies: [], writeZxid: null };
    // from now on the connect string rules, not a server named by a command
    this.namedServer = null;
    if (this.ending === null && this.target !== null) {
      // zk.getState().isAlive(): close it first (its Closed event comes before the new session's)
      this.connectAfterClose = servers;
      this.closing = true;
      this.outgoing.push({ kind: 'close', xid: 0 });
      return;
    }
    this.newZooKeeper(servers);
    this.answer({ ok: true, output: '', exitCode: 0 });
  }

  /**
   * `zkCli.sh [-r] [-server host:port,…]` typed as a shell line: this console's zkCli starts again
   * (ZooKeeperMain.MyCommandOptions: `-r` puts "readonly", `-server` the connect string), so a new
   * ZooKeeper with canBeReadOnly = -r, after the live session, if any, is closed as `connect` does.
   * Without -server the last connect string is used. Other options are not modelled and refused.
   */
  private runZkCli(q: QueuedCommand): void {
    this.transcript.push(`$ ${q.line.trim()}`);
    this.current = { index: q.index, kind: 'cli', cmd: null, replies: [], writeZxid: null };
    const args = q.line.trim().split(/\s+/).slice(1);
    let readOnly = false;
    let spec: string | null = null;
    for (let i = 0; i < args.length; i++) {
      if (args[i] === '-r') readOnly = true;
      else if (args[i] === '-server') {
        const next = args[++i];
        if (next === undefined) {
          this.answer({ ok: false, output: 'Error: no argument found for option -server', exitCode: 1 });
          return;
        }
        spec = next;
      } else {
        this.answer({
          ok: false,
          output: `zkCli.sh: ZAB Lab models the options -r and -server host:port,… only (not ${args[i]})`,
          exitCode: 1,
        });
        return;
      }
    }
    let servers: number[] | null = this.hostSpec ?? (this.namedServer !== null ? [this.namedServer] : null);
    if (spec !== null) {
      const parsed = parseConnectString(spec, this.knownServer);
      if (!parsed.ok) {
        this.answer({ ok: false, output: parsed.error, exitCode: 1 });
        return;
      }
      servers = parsed.servers;
    }
    if (servers === null) {
      this.answer({
        ok: false,
        output: 'zkCli.sh: name the servers, like zkCli.sh -r -server server1:2181,server2:2181',
        exitCode: 1,
      });
      return;
    }
    this.current.kind = 'connect';
    this.namedServer = null;
    if (this.ending === null && this.target !== null) {
      this.connectAfterClose = servers;
      this.readOnlyAfterClose = readOnly;
      this.closing = true;
      this.outgoing.push({ kind: 'close', xid: 0 });
      return;
    }
    this.canBeReadOnly = readOnly;
    this.newZooKeeper(servers);
    this.transcript.push(`Connecting to ${this.connectString()}`);
    this.answer({ ok: true, output: '', exitCode: 0 });
  }

  /** new ZooKeeper(connectString, timeout, watcher): a new ClientCnxn and EventThread, no session yet. */
  private newZooKeeper(servers: number[]): void {
    this.ending = null;
    this.state = 'CONNECTING';
    this.sessionState = 'Disconnected';
    this.sessionId = null;
    this.negotiatedTimeout = 0;
    this.readTimeout = Math.trunc((this.requestedTimeout * 2) / 3);
    this.expirationTimeout = Math.trunc((this.requestedTimeout * 4) / 3);
    this.lastZxid = 0;
    this.xid = 1;
    this.sock = null;
    this.closing = false;
    this.closeZxid = null;
    this.outgoing = [];
    this.pending = [];
    this.authInfo.length = 0;
    this.dataWatches.clear();
    this.existWatches.clear();
    this.childWatches.clear();
    this.persistentWatches.clear();
    this.persistentRecursiveWatches.clear();
    this.isFirstConnect = true;
    this.seenRwServerBefore = false;
    this.resetReadOnlySearch();
    this.startHosts(servers);
    this.lastHeard = this.now;
  }

  /** A new SendThread: no r/w server found yet, probes from the minimum timeout again. */
  private resetReadOnlySearch(): void {
    this.connectedReadOnly = false;
    this.rwServerAddress = null;
    this.pingRwTimeout = MIN_PING_RW_TIMEOUT;
    this.lastPingRwServer = this.now;
    this.probeServer = null;
  }

  /** A StaticHostProvider over `servers`; the first server to try (the first next() never spins). */
  private startHosts(servers: readonly number[]): void {
    this.hostSpec = servers.slice();
    this.hosts = new StaticHostProvider(servers, this.rng);
    // connectTimeout = sessionTimeout / hostProvider.size() (the negotiated one once there is one)
    this.connectTimeout = Math.trunc((this.negotiatedTimeout || this.requestedTimeout) / this.hosts.size());
    this.target = this.hosts.next().server;
    this.sleepUntil = this.now;
    this.refusal = null;
  }

  /** `connect server1:2181,…`: its first server, for the command's record before it runs. */
  private firstHostOf(line: string): number | null {
    const args = splitCommandLine(line);
    if (args[0] !== 'connect' || args.length < 2) return null;
    const parsed = parseConnectString(args[1], this.knownServer);
    return parsed.ok ? parsed.servers[0] : null;
  }

  /** Feeds the generator's next op to the connection, or records its outcome. */
  private step(r: IteratorResult<Op, CliOutcome>): void {
    const cur = this.current;
    // ClientCnxn.queuePacket once the state is CLOSED (AUTH_FAILED): conLossPacket → SESSIONEXPIRED
    // (AUTHFAILED) at once
    while (
      r.done !== true &&
      (this.state === 'CLOSED' || this.state === 'AUTH_FAILED') &&
      cur !== null &&
      hasCommand(cur)
    ) {
      r = feed(cur, {
        err: this.state === 'CLOSED' ? Code.SESSIONEXPIRED : Code.AUTHFAILED,
        zxid: 0,
        result: null,
      });
    }
    if (r.done === true) {
      if (r.value.addAuth !== undefined) this.addAuthInfo(r.value.addAuth);
      this.answer(r.value);
      return;
    }
    this.outgoing.push({ kind: 'op', op: r.value, xid: 0 });
  }

  /** The current command is answered. */
  private answer(outcome: CliOutcome): void {
    const cur = this.current;
    if (cur === null) return;
    this.current = null;
    const res = this.results[cur.index];
    // zkCli's connect: the record names the server the new ZooKeeper tries first
    if (cur.kind === 'connect' && this.target !== null) res.server = this.target;
    res.at = this.now;
    res.ok = outcome.ok;
    res.output = outcome.output;
    if (cur.writeZxid !== null) res.zxid = zxidToHex(cur.writeZxid);
    if (outcome.output !== '') this.transcript.push(...outcome.output.split('\n'));
    const ev: TraceEvent = {
      t: this.now,
      ev: 'reply',
      client: this.id,
      server: res.server,
      ok: outcome.ok,
      output: outcome.output,
    };
    if (res.zxid !== undefined) ev.zxid = res.zxid;
    this.trace(ev);
  }

  /** ClientCnxn.addAuthInfo: remember the credential and queue its AuthPacket (zkCli does not wait). */
  private addAuthInfo(data: AuthData): void {
    if (this.state === 'CLOSED' || this.state === 'AUTH_FAILED') return; // !state.isAlive()
    this.authInfo.push(data);
    this.outgoing.push({ kind: 'auth', data, xid: AUTHPACKET_XID });
  }

  /** A packet of the current command finished (reply, or failed locally). */
  private packetDone(p: Packet, reply: OpReply, fromServer: boolean): void {
    const cur = this.current;
    if (cur === null) return;
    if (p.kind === 'auth') return;
    if (p.kind === 'close') {
      // a read-only server's sessions are local: their closeSession makes no txn
      if (fromServer && reply.err === Code.OK && !this.connectedReadOnly) {
        cur.writeZxid = reply.zxid;
        this.closeZxid = reply.zxid;
      }
      // ZooKeeper.close ignores the outcome and tears the client down (ClientCnxn.disconnect)
      this.finishClose();
      return;
    }
    // a write refused by a read-only server made no txn: its reply header carries only that
    // server's last zxid (ReadOnlyRequestProcessor.sendErrorResponse)
    if (fromServer && isWriteOp(p.op) && reply.zxid > 0 && reply.err !== Code.NOTREADONLY)
      cur.writeZxid = reply.zxid;
    if (p.op.op === 'removeWatches') reply = { ...reply, err: this.deregisterWatches(p.op, reply.err) };
    if (hasCommand(cur)) this.step(feed(cur, reply));
  }

  // =========================================================================================
  // the connection (ClientCnxn.SendThread)

  /** Moves to `server` if the command names another one (the session stays); starts a stopped client. */
  private useServer(server: number | undefined): void {
    if (this.ending === 'gone') {
      // a new ZooKeeper(connectString, timeout, watcher, sessionId, passwd): fresh client state
      this.ending = null;
      this.state = 'CONNECTING';
      this.sessionState = 'Disconnected';
      this.lastZxid = 0;
      this.dataWatches.clear();
      this.existWatches.clear();
      this.childWatches.clear();
      this.persistentWatches.clear();
      this.persistentRecursiveWatches.clear();
      this.isFirstConnect = true;
      // ZooKeeper(…, sessionId, sessionPasswd, canBeReadOnly): "since user has provided sessionId"
      this.seenRwServerBefore = true;
      this.resetReadOnlySearch();
      this.startHosts(server !== undefined ? [server] : (this.hostSpec ?? []));
      this.lastHeard = this.now;
      this.transcript.push(`Connecting to ${this.connectString()}`);
      return;
    }
    if (this.target === null) {
      if (server === undefined) return;
      this.startHosts([server]);
      this.lastHeard = this.now;
      this.lastPingRwServer = this.now;
      this.transcript.push(`Connecting to ${this.connectString()}`);
      return;
    }
    if (server === undefined || server === this.target) return;
    // the socket to the old server is closed (as on a server-list change): Disconnected, then
    // a connect to the new server right away with the same session, lastZxid and watches
    const sock = this.sock;
    this.sock = null;
    if (sock !== null) this.send(sock.server, { kind: 'disconnect' });
    this.state = 'CONNECTING';
    this.failPending(Code.CONNECTIONLOSS);
    this.queueSessionEvent('Disconnected');
    this.startHosts([server]);
  }

  /** What zkCli's "Connecting to …" names: one server as before, or the connect string. */
  private connectString(): string {
    const spec = this.hostSpec ?? [];
    if (spec.length <= 1) return `server ${this.target ?? '?'}`;
    return spec.map((sid) => `server${sid}:2181`).join(',');
  }

  /** `disconnect`: the client process goes away without closing its session. */
  private goAway(): void {
    if (this.ending !== null || this.target === null) return;
    const sock = this.sock;
    this.sock = null;
    if (sock !== null) this.send(sock.server, { kind: 'disconnect' });
    this.state = 'CONNECTING';
    this.ending = 'gone';
    this.pending = [];
    this.outgoing = [];
    this.disarm();
  }

  /**
   * One pass of SendThread.run's loop at `now`: (re)connect when it is time, detect a read or
   * connect timeout, send queued packets once connected, ping when due, and arm the wake-up.
   */
  private loop(): void {
    for (let pass = 0; pass < 4; pass++) {
      if (this.ending !== null || this.target === null) {
        this.disarm();
        return;
      }
      if (this.sock === null) {
        // "don't re-establish connection if we are closing"
        if (this.closing) {
          this.finishClose();
          return;
        }
        if (this.now < this.sleepUntil) {
          this.arm(this.sleepUntil);
          return;
        }
        this.startConnect(this.target);
      }
      const sock = this.sock;
      if (sock === null) return;
      if (this.sessionId !== null && this.now - this.lastHeard >= this.expirationTimeout) {
        // ZOOKEEPER-4508: "Client session timed out, have not heard from server in …ms"
        this.sessionTimedOut();
        return;
      }
      const connected = this.state === 'CONNECTED';
      let to = (connected ? this.readTimeout : this.connectTimeout) - (this.now - sock.lastHeard);
      if (to <= 0) {
        // SessionTimeoutException: "Client session timed out, have not heard from server in …"
        this.connectionLost(true);
        continue;
      }
      if (connected) {
        this.sendQueued(sock);
        if (this.sock !== sock) continue; // an oversize request closed the connection
        const idleSend = this.now - sock.lastSend;
        const timeToNextPing = Math.trunc(this.readTimeout / 2) - idleSend - (idleSend > 1000 ? 1000 : 0);
        if (timeToNextPing <= 0 || idleSend > MAX_SEND_PING_INTERVAL) {
          this.send(sock.server, { kind: 'ping' });
          sock.lastSend = this.now;
        } else if (timeToNextPing < to) {
          to = timeToNextPing;
        }
        // "If we are in read-only mode, seek for read/write server"
        if (this.connectedReadOnly) {
          let idlePingRwServer = this.now - this.lastPingRwServer;
          if (idlePingRwServer >= this.pingRwTimeout && this.probeServer === null) {
            this.lastPingRwServer = this.now;
            idlePingRwServer = 0;
            this.pingRwTimeout = Math.min(2 * this.pingRwTimeout, MAX_PING_RW_TIMEOUT);
            this.pingRwServer();
          }
          if (this.probeServer === null) to = Math.min(to, this.pingRwTimeout - idlePingRwServer);
        }
      }
      this.arm(this.now + to);
      return;
    }
  }

  /**
   * SendThread.pingRwServer: `isro` to the host provider's next server (next(0): no spin, but the
   * provider moves on). The answer comes to onProbeAnswer.
   */
  private pingRwServer(): void {
    const server = this.hosts?.next().server ?? this.target;
    if (server === null) return;
    this.probeServer = server;
    this.send(server, { kind: 'fourLetter', word: 'isro', probe: true });
  }

  /**
   * The isro answer (null: connection refused, "ignore, this just means server is not up"). "rw":
   * pingRwTimeout back to its minimum, rwServerAddress is that server, and the RWServerFoundException
   * ("Majority server found at …") closes the connection: the next connect goes there.
   */
  private onProbeAnswer(server: number, output: string | null): void {
    this.probeServer = null;
    const answer = output === null ? '' : output.replace(/\n$/, '');
    this.trace({ t: this.now, ev: 'pingRw', client: this.id, server, answer, next: this.pingRwTimeout });
    if (answer !== 'rw' || this.ending !== null || !this.connectedReadOnly) return;
    this.pingRwTimeout = MIN_PING_RW_TIMEOUT;
    this.rwServerAddress = server;
    this.connectionLost(true);
  }

  /** SendThread.startConnect + primeConnection: the connect request, with what a reconnect re-sends. */
  private startConnect(server: number): void {
    this.state = 'CONNECTING';
    this.sock = { server, primed: false, lastSend: this.now, lastHeard: this.now };
    this.send(server, {
      kind: 'connect',
      // primeConnection: `long sessId = (seenRwServerBefore) ? sessionId : 0`
      sessionId: this.seenRwServerBefore ? this.sessionId : null,
      timeout: this.requestedTimeout,
      lastZxidSeen: this.lastZxid,
      watches: {
        data: [...this.dataWatches],
        exist: [...this.existWatches],
        child: [...this.childWatches],
        // SetWatches2's lists, sent only when there are some
        ...(this.persistentWatches.size > 0 ? { persistent: [...this.persistentWatches] } : {}),
        ...(this.persistentRecursiveWatches.size > 0
          ? { persistentRecursive: [...this.persistentRecursiveWatches] }
          : {}),
      },
      ...(this.authInfo.length > 0 ? { auth: this.authInfo.map((a) => ({ ...a })) } : {}),
      ...(this.canBeReadOnly ? { readOnly: true } : {}),
    });
  }

  /** ClientCnxnSocketNIO.doIO's write side: queued packets go out once the session is established. */
  private sendQueued(sock: Socket): void {
    while (this.outgoing.length > 0 && this.sock === sock) {
      const p = this.outgoing.shift();
      if (p === undefined) return;
      if (p.kind === 'auth') {
        this.send(sock.server, { kind: 'auth', data: p.data });
        sock.lastSend = this.now;
        continue;
      }
      p.xid = this.nextXid();
      this.pending.push(p);
      // the command's record names the server that got its request (a host list may have moved on)
      const cur = this.current;
      if (cur !== null && p.kind === 'op') this.results[cur.index].server = sock.server;
      if (p.kind === 'op' && requestSize(p.op) > JUTE_MAXBUFFER) {
        // the server reads the length, finds it over jute.maxbuffer ("Len error") and closes the
        // connection before reading the request: nothing reaches its pipeline
        this.connectionLost(true);
        return;
      }
      this.send(
        sock.server,
        p.kind === 'op' ? { kind: 'request', xid: p.xid, op: p.op } : { kind: 'close', xid: p.xid },
      );
      sock.lastSend = this.now;
    }
  }

  private onMessage(sock: Socket, msg: ServerToClient): void {
    switch (msg.kind) {
      case 'connected': {
        if (this.state !== 'CONNECTING' || sock.primed) return;
        sock.primed = true;
        this.isFirstConnect = false;
        if (msg.timeout <= 0) {
          this.onExpired();
          return;
        }
        // SendThread.onConnected
        this.negotiatedTimeout = msg.timeout;
        this.readTimeout = Math.trunc((msg.timeout * 2) / 3);
        this.expirationTimeout = Math.trunc((msg.timeout * 4) / 3);
        this.connectTimeout = Math.trunc(msg.timeout / (this.hosts?.size() ?? 1));
        this.hosts?.onConnected();
        this.refusal = null;
        this.sessionId = msg.sessionId;
        this.state = 'CONNECTED';
        // changeZkState(isRO ? CONNECTEDREADONLY : CONNECTED); seenRwServerBefore |= !isRO
        const isRO = msg.readOnly === true;
        this.connectedReadOnly = isRO;
        this.seenRwServerBefore ||= !isRO;
        this.queueSessionEvent(isRO ? 'ConnectedReadOnly' : 'SyncConnected');
        return;
      }
      case 'refused':
        // the server accepted the socket, read the ConnectRequest and closed it
        if (msg.reason === 'zxidAhead')
          this.refusal = {
            server: sock.server,
            at: this.now,
            lastZxidSeen: msg.lastZxidSeen,
            serverZxid: msg.ourLastZxid,
          };
        sock.primed = true;
        this.isFirstConnect = false;
        this.connectionLost(false);
        return;
      case 'expired':
        sock.primed = true;
        this.isFirstConnect = false;
        this.onExpired();
        return;
      case 'connectionLost':
        this.connectionLost(false);
        return;
      case 'watch':
        if (this.state === 'CONNECTED') this.onWatchEvent(msg.type, msg.path);
        return;
      case 'reply':
      case 'closed': {
        if (this.state !== 'CONNECTED') return;
        if (msg.kind === 'reply' && msg.xid === PING_XID) return; // ping response
        if (msg.kind === 'reply' && msg.xid === AUTHPACKET_XID) {
          if (msg.err === Code.AUTHFAILED) this.onAuthFailed();
          return;
        }
        const head = this.pending[0];
        // a late answer to a request of an older connection (TCP would never deliver it here)
        if (head === undefined || msg.xid < head.xid) return;
        if (msg.xid !== head.xid || (msg.kind === 'closed') !== (head.kind === 'close')) {
          // "Xid out of order. Got Xid … expected Xid …": IOException → connection loss
          this.connectionLost(true);
          return;
        }
        this.pending.shift();
        if (msg.zxid > 0) this.lastZxid = msg.zxid;
        if (msg.kind === 'closed') {
          this.packetDone(head, { err: Code.OK, zxid: msg.zxid, result: null }, true);
          return;
        }
        if (head.kind === 'op') this.registerWatch(head.op, msg.err, msg.result);
        this.packetDone(head, { err: msg.err, zxid: msg.zxid, result: msg.result }, true);
        return;
      }
    }
  }

  /**
   * The connection is gone (cleanAndNotifyState): sent requests fail with CONNECTIONLOSS,
   * Disconnected is announced (once), and — unless closing — a reconnect is scheduled after the
   * host provider's spin and startConnect's random sleep. `closeSocket`: we close it ourselves
   * (timeout, oversize request, protocol error), so the server is told.
   */
  private connectionLost(closeSocket: boolean): void {
    const sock = this.sock;
    if (sock === null) return;
    this.sock = null;
    if (closeSocket) this.send(sock.server, { kind: 'disconnect' });
    this.state = 'CONNECTING';
    this.connectedReadOnly = false;
    this.failPending(Code.CONNECTIONLOSS);
    if (this.closing) {
      // cleanup() also fails what is still queued: the closeSession that never went out
      this.failOutgoing(Code.CONNECTIONLOSS);
      return;
    }
    this.queueSessionEvent('Disconnected');
    // SendThread.run: the r/w server pingRwServer found, else hostProvider.next(1000); then
    // startConnect's random sleep
    const rw = this.rwServerAddress;
    this.rwServerAddress = null;
    const next =
      rw !== null ? { server: rw, spin: false } : (this.hosts?.next() ?? { server: sock.server, spin: true });
    this.target = next.server;
    const jitter = this.isFirstConnect ? 0 : this.rng.int(0, RECONNECT_JITTER - 1);
    this.sleepUntil = this.now + (next.spin ? HOST_SPIN_DELAY : 0) + jitter;
  }

  /**
   * ZOOKEEPER-4508: nothing heard from any server for expirationTimeout (4/3 of the negotiated
   * session timeout): the SendThread sets CLOSED and throws SessionTimeoutException; cleanup fails
   * every request with SESSIONEXPIRED (conLossPacket in state CLOSED), then Expired is queued.
   */
  private sessionTimedOut(): void {
    const sock = this.sock;
    this.sock = null;
    if (sock !== null) this.send(sock.server, { kind: 'disconnect' });
    this.state = 'CLOSED';
    this.ending = 'expired';
    this.failPending(Code.SESSIONEXPIRED);
    this.failOutgoing(Code.SESSIONEXPIRED);
    this.queueSessionEvent('Expired');
    this.disarm();
  }

  /** SendThread.onConnected with a timeout ≤ 0 (or the server's "expired"): the session is gone for good. */
  private onExpired(): void {
    this.sock = null;
    this.state = 'CLOSED';
    this.ending = 'expired';
    this.queueSessionEvent('Expired');
    // conLossPacket in state CLOSED: SESSIONEXPIRED for everything sent or queued
    this.failPending(Code.SESSIONEXPIRED);
    this.failOutgoing(Code.SESSIONEXPIRED);
    this.disarm();
  }

  /**
   * readResponse for an AuthPacket answered AUTHFAILED: state AUTH_FAILED, the AuthFailed event,
   * and the SendThread stops; cleanup fails every request with AUTHFAILED (conLossPacket). The
   * server closed the connection; the session is left to expire.
   */
  private onAuthFailed(): void {
    this.sock = null;
    this.state = 'AUTH_FAILED';
    this.ending = 'authFailed';
    this.queueSessionEvent('AuthFailed');
    this.failPending(Code.AUTHFAILED);
    this.failOutgoing(Code.AUTHFAILED);
    this.disarm();
  }

  /** ClientCnxn.disconnect after the closeSession: state CLOSED, "Closed" announced, nothing more is sent. */
  private finishClose(): void {
    this.closing = false;
    if (this.ending === null) {
      this.sock = null;
      this.state = 'CLOSED';
      this.ending = 'closed';
      this.pending = [];
      this.outgoing = [];
      this.disarm();
      this.queueSessionEvent('Closed');
    }
    // ZooKeeper.close returns whatever became of the closeSession: zkCli prints nothing
    const cur = this.current;
    if (cur !== null && (cur.kind === 'close' || cur.kind === 'connect')) {
      if (this.closeZxid !== null) cur.writeZxid = this.closeZxid;
      const servers = this.connectAfterClose;
      this.connectAfterClose = null;
      if (cur.kind === 'connect' && servers !== null) {
        // a `zkCli.sh [-r]` line: the new ZooKeeper is made with its -r
        if (this.readOnlyAfterClose !== null) this.canBeReadOnly = this.readOnlyAfterClose;
        this.readOnlyAfterClose = null;
        this.newZooKeeper(servers);
      }
      this.answer({ ok: true, output: '', exitCode: 0 });
    }
  }

  private failPending(err: number): void {
    const failed = this.pending;
    this.pending = [];
    for (const p of failed) this.packetDone(p, { err, zxid: 0, result: null }, false);
  }

  private failOutgoing(err: number): void {
    const failed = this.outgoing;
    this.outgoing = [];
    for (const p of failed) this.packetDone(p, { err, zxid: 0, result: null }, false);
  }

  private nextXid(): number {
    // ClientCnxn.getXid: never negative (-1, -2, -4, -8 are special); skips from MAX to 1
    if (this.xid === 0x7fffffff) this.xid = 1;
    return this.xid++;
  }

  // =========================================================================================
  // watches and events (ZKWatchManager, EventThread, ZooKeeperMain.MyWatcher)

  /** WatchRegistration.register(rc), called by finishPacket for a read that asked to watch. */
  private registerWatch(op: Op, err: number, result: OpResult | null): void {
    switch (op.op) {
      case 'getData':
        if (op.watch && err === Code.OK) this.dataWatches.add(op.path);
        return;
      case 'getChildren':
        if (op.watch && err === Code.OK) this.childWatches.add(op.path);
        return;
      case 'exists': {
        if (!op.watch) return;
        // ExistsWatchRegistration: data watch if the node is there, exist watch on NONODE
        const missing =
          err === Code.NONODE || (err === Code.OK && result?.op === 'exists' && result.stat === null);
        if (missing) this.existWatches.add(op.path);
        else if (err === Code.OK) this.dataWatches.add(op.path);
        return;
      }
      case 'addWatch':
        // AddWatchRegistration
        if (err !== Code.OK) return;
        if (op.mode === 'PERSISTENT') this.persistentWatches.add(op.path);
        else this.persistentRecursiveWatches.add(op.path);
        return;
      default:
        return;
    }
  }

  /**
   * WatchDeregistration.unregister(rc) in finishPacket → ZKWatchManager.removeWatcher(path, null,
   * type, local, rc): NOWATCHER when the client holds no such watch; the server's error unless
   * `local` (-l), which removes them anyway; then one <Child|Data|Persistent>WatchRemoved event per
   * kind removed (state Disconnected when rc was a connection loss) and the call succeeds.
   */
  private deregisterWatches(op: Extract<Op, { op: 'removeWatches' }>, rc: number): number {
    const path = op.path;
    const t = op.watcherType;
    const groups: [Set<string>, string][] = [];
    if (t === 'Children' || t === 'Any') groups.push([this.childWatches, 'ChildWatchRemoved']);
    if (t === 'Data' || t === 'Any') {
      groups.push([this.dataWatches, 'DataWatchRemoved'], [this.existWatches, 'DataWatchRemoved']);
    }
    if (t === 'Persistent' || t === 'Any') groups.push([this.persistentWatches, 'PersistentWatchRemoved']);
    if (t === 'PersistentRecursive' || t === 'Any') {
      groups.push([this.persistentRecursiveWatches, 'PersistentWatchRemoved']);
    }
    if (!groups.some(([set]) => set.has(path))) return Code.NOWATCHER; // containsWatcher
    if (rc !== Code.OK && op.local !== true) return rc;
    const removed = new Set<string>();
    for (const [set, ev] of groups) if (set.delete(path)) removed.add(ev);
    if (removed.size === 0) return Code.NOWATCHER;
    const state = rc === Code.SESSIONEXPIRED || rc === Code.CONNECTIONLOSS ? 'Disconnected' : 'SyncConnected';
    for (const ev of ['ChildWatchRemoved', 'DataWatchRemoved', 'PersistentWatchRemoved']) {
      if (removed.has(ev)) this.deliver(state, ev, path);
    }
    return Code.OK;
  }

  /** ZKWatchManager.materialize for a node event: the one-shot watches it consumes. */
  private onWatchEvent(type: WatchEventType, path: string): void {
    let hit = false;
    const take = (set: Set<string>): void => {
      if (set.delete(path)) hit = true;
    };
    switch (type) {
      case 'NodeDataChanged':
      case 'NodeCreated':
        take(this.dataWatches);
        take(this.existWatches);
        break;
      case 'NodeChildrenChanged':
        take(this.childWatches);
        break;
      case 'NodeDeleted':
        take(this.dataWatches);
        take(this.existWatches);
        take(this.childWatches);
        break;
    }
    // addPersistentWatches: persistent ones stay; recursive ones on the path or any ancestor,
    // never for NodeChildrenChanged (filtered on the client too)
    if (this.persistentWatches.has(path)) hit = true;
    if (type !== 'NodeChildrenChanged' && this.persistentRecursiveWatches.size > 0) {
      for (let p = path; ; p = p.substring(0, Math.max(1, p.lastIndexOf('/')))) {
        if (this.persistentRecursiveWatches.has(p)) hit = true;
        if (p === '/') break;
      }
    }
    // zkCli registers every watch with its one default watcher: one WATCHER:: block per event
    if (hit) this.deliver('SyncConnected', type, path);
  }

  /** EventThread.queueEvent for a session event: the same state twice in a row is dropped. */
  private queueSessionEvent(state: KeeperState): void {
    if (this.sessionState === state) return;
    this.sessionState = state;
    this.deliver(state, 'None', null);
  }

  private deliver(state: string, type: string, path: string | null): void {
    // never changed once made (seal: copies of the model share it)
    this.events.push(seal({ at: this.now, id: this.id, state, type, path }));
    // ZooKeeperMain.printMessage prints "\n" + msg: a blank line before "WATCHER::" and the event
    // (MyWatcher prints only while printwatches is on)
    if (this.printWatches) this.transcript.push('', ...formatWatchEvent(state, type, path).split('\n'));
    this.trace({ t: this.now, ev: 'watch', client: this.id, state, type, path });
  }

  // =========================================================================================
  // effects

  private begin(now: number): void {
    this.now = now;
    this.fx = [];
  }

  private flushEffects(): ClientEffect[] {
    const out = this.fx;
    this.fx = [];
    return out;
  }

  private send(server: number, msg: ClientToServer): void {
    this.fx.push({ kind: 'send', server, msg });
  }

  private trace(ev: TraceEvent): void {
    this.fx.push({ kind: 'trace', ev });
  }

  private arm(at: number): void {
    if (this.timerAt === at) return;
    this.timerGen++;
    this.timerAt = at;
    this.fx.push({ kind: 'setTimer', gen: this.timerGen, delay: Math.max(0, at - this.now) });
  }

  private disarm(): void {
    if (this.timerAt === null) return;
    this.timerGen++;
    this.timerAt = null;
  }

  /** negotiated session timeout (0 before the first session establishment) */
  get sessionTimeout(): number {
    return this.negotiatedTimeout;
  }
}
