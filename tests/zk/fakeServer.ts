/**
 * A one-server stand-in for tests: PrepRequestProcessor + DataTree, every write committed at once
 * (leader-only "ensemble"). Serves the ops zkCli's runCommand yields, with ZooKeeper's reply
 * shapes, and records the watch events it fires.
 */
import { DataTree, type FiredWatch } from '../../src/zk/DataTree';
import {
  PrepRequestProcessor,
  type PrepRequest,
  exceedsJuteMaxBuffer,
} from '../../src/zk/PrepRequestProcessor';
import { Code } from '../../src/zk/ZooDefs';
import { makeZxid, type Zxid } from '../../src/zk/Zxid';
import type { Op, OpResult, SessionId, TxnRecord } from '../../src/zk/txn';
import type { ProcessTxnResult } from '../../src/zk/DataTree';
import { parseCommand, runCommand, type CliOutcome, type OpReply } from '../../src/zk/cli/ZooKeeperMain';
import { processRead } from '../../src/zk/FinalRequestProcessor';
import { addAuthInfo } from '../../src/zk/auth/ACLChecks';
import { getServerProvider } from '../../src/zk/auth/ProviderRegistry';
import { CLIENT_ADDRESS, type AuthData } from '../../src/zk/PeerIO';
import type { Id } from '../../src/zk/ZooDefs';

export class FakeServer {
  tree = new DataTree();
  readonly prep: PrepRequestProcessor;
  /** the last zxid handed out */
  zxid: Zxid = makeZxid(1, 0);
  /** virtual ms; the txn time of every write */
  now = 0;
  readonly live = new Set<SessionId>();
  readonly closing = new Set<SessionId>();
  readonly events: FiredWatch[] = [];
  readonly log: TxnRecord[] = [];
  private cxid = 0;
  private readonly auth = new Map<string, Id[]>();
  private nextSession = 1;

  constructor() {
    this.prep = new PrepRequestProcessor(this.tree, (id) =>
      this.closing.has(id) ? Code.SESSIONEXPIRED : this.live.has(id) ? Code.OK : Code.UNKNOWNSESSION,
    );
  }

  /** Prepares, logs, applies and commits one request; returns the txn and what applying did. */
  submit(req: PrepRequest): { rec: TxnRecord; rc: ProcessTxnResult } {
    this.zxid += 1;
    const rec = this.prep.pRequest(req, this.zxid, this.now);
    this.log.push(rec);
    if (req.kind === 'closeSession') this.closing.add(req.sessionId);
    const rc = this.tree.processTxn(rec);
    this.prep.committed(rec.hdr.zxid);
    if (rec.txn.type === 'createSession') this.live.add(rec.hdr.clientId);
    if (rec.txn.type === 'closeSession') this.live.delete(rec.hdr.clientId);
    this.events.push(...rc.fired);
    return { rec, rc };
  }

  createSession(timeout = 30000): SessionId {
    const id = '0x' + (this.nextSession++).toString(16);
    this.submit({ sessionId: id, cxid: 0, kind: 'createSession', timeout });
    return id;
  }

  closeSession(id: SessionId): void {
    this.submit({ sessionId: id, cxid: ++this.cxid, kind: 'closeSession' });
  }

  /** One client request, answered like FinalRequestProcessor would (client = watcher id). */
  execute(client: string, sessionId: SessionId, op: Op): OpReply {
    if (exceedsJuteMaxBuffer(op)) return { err: Code.CONNECTIONLOSS, zxid: this.zxid, result: null };
    const t = this.tree;
    switch (op.op) {
      case 'getData':
      case 'exists':
      case 'getChildren':
      case 'getACL':
      case 'whoAmI':
      case 'getEphemerals':
      case 'getAllChildrenNumber': {
        const { err, result } = processRead(t, op, this.authOf(client), client, sessionId);
        return { err, zxid: t.lastProcessedZxid, result };
      }
      case 'sync':
        return { err: Code.OK, zxid: t.lastProcessedZxid, result: { op: 'sync', path: op.path } };
      default: {
        const { rec, rc } = this.submit({
          sessionId,
          cxid: ++this.cxid,
          kind: 'op',
          op,
          authInfo: this.authOf(client),
        });
        const txn = rec.txn;
        if (txn.type === 'error') return { err: txn.err, zxid: rec.hdr.zxid, result: null };
        let result: OpResult;
        switch (op.op) {
          case 'create':
            result = { op: 'create', path: rc.path as string, stat: rc.stat as NonNullable<typeof rc.stat> };
            break;
          case 'delete':
            result = { op: 'delete' };
            break;
          case 'setData':
            result = { op: 'setData', stat: rc.stat as NonNullable<typeof rc.stat> };
            break;
          case 'check':
            result = { op: 'check' };
            break;
          case 'setACL':
            result = { op: 'setACL', stat: rc.stat as NonNullable<typeof rc.stat> };
            break;
          default:
            result = { op: 'multi', results: (rc.multiResult ?? []).map((r) => ({ err: r.err })) };
        }
        return { err: op.op === 'multi' ? Code.OK : rc.err, zxid: rec.hdr.zxid, result };
      }
    }
  }

  /** The credentials of `client`'s connection (NIOServerCnxn: ip first, then each addauth). */
  authOf(client: string): Id[] {
    let a = this.auth.get(client);
    if (!a) this.auth.set(client, (a = [{ scheme: 'ip', id: CLIENT_ADDRESS }]));
    return a;
  }

  /** ZooKeeperServer.processPacket for an AuthPacket: AUTHFAILED or OK. */
  addAuth(client: string, data: AuthData): number {
    const ap = getServerProvider(data.scheme);
    const ids = ap === null ? null : ap.handleAuthentication(data.auth, CLIENT_ADDRESS);
    if (ids === null) return Code.AUTHFAILED;
    for (const id of ids) addAuthInfo(this.authOf(client), id);
    return Code.OK;
  }

  /** zkCli: parse a line and run it against this server as `client` with `sessionId`. */
  cli(client: string, sessionId: SessionId, line: string): CliOutcome & { ops: Op[] } {
    const parsed = parseCommand(line);
    if (!parsed.ok) return { ok: false, output: parsed.output, exitCode: parsed.exitCode, ops: [] };
    const gen = runCommand(parsed.cmd);
    const ops: Op[] = [];
    let step = gen.next();
    while (!step.done) {
      ops.push(step.value);
      step = gen.next(this.execute(client, sessionId, step.value));
    }
    if (step.value.addAuth) this.addAuth(client, step.value.addAuth);
    return { ...step.value, ops };
  }
}
