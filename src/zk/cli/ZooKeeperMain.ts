/**
 * The zkCli shell, minus the connection — mirrors org.apache.zookeeper.ZooKeeperMain (line
 * parsing, the command table, usage) and the cli/*Command classes (CreateCommand, GetCommand,
 * SetCommand, DeleteCommand, DeleteAllCommand + ZKUtil.deleteRecursive, LsCommand +
 * ZKUtil.visitSubTreeDFS, StatCommand, SyncCommand, CloseCommand, GetAclCommand, SetAclCommand,
 * AddAuthCommand, WhoAmICommand, AddWatchCommand, RemoveWatchesCommand, SetQuotaCommand,
 * ListQuotaCommand, DelQuotaCommand, GetConfigCommand, StatPrinter, CliWrapperException) of
 * ZooKeeper 3.9.5.
 *
 * Pure: `parseCommand` turns a line into a command (or zkCli's error text), `runCommand` is a
 * generator that yields the requests the real zkCli would send, one at a time, receives each
 * reply, and returns what zkCli prints. The client model (elsewhere) owns the session, the
 * connection and the wire.
 */
import type { ACL, AddWatchMode, CreateMode, WatcherType } from '../ZooDefs';
import { Code, OPEN_ACL_UNSAFE } from '../ZooDefs';
import { ttlRangeMessage, ttlToEphemeralOwner } from '../EphemeralType';
import {
  LIMIT_NODE,
  QUOTA_ZOOKEEPER,
  StatsTrack,
  limitPath,
  quotaPath,
  statPath,
  trimQuotaPath,
} from '../StatsTrack';
import type { AuthData } from '../PeerIO';
import { formatAcl, parseAcl } from './AclParser';
import type { Op, OpResult, Stat } from '../txn';
import { zxidToHex } from '../Zxid';
import { SIM_EPOCH_MS } from '../Clock';
import { validatePath } from '../PathUtils';

/** A parsed zkCli command. `warnings` are the deprecation notes zkCli prints while parsing. */
export type CliCommand =
  /** `acl`: the 4th word as typed (AclParser runs when the command executes); null = OPEN_ACL_UNSAFE */
  | {
      cmd: 'create';
      path: string;
      data: string;
      mode: CreateMode;
      acl: string | null;
      /** `-t ttl` (the TTL modes only) */
      ttl?: number;
      warnings: string[];
    }
  | { cmd: 'get'; path: string; stat: boolean; watch: boolean; warnings: string[] }
  | { cmd: 'set'; path: string; data: string; version: number; stat: boolean; warnings: string[] }
  | { cmd: 'delete'; path: string; version: number; warnings: string[] }
  | { cmd: 'deleteall'; path: string; batchSize: number; warnings: string[] }
  | { cmd: 'ls'; path: string; stat: boolean; watch: boolean; recursive: boolean; warnings: string[] }
  | { cmd: 'stat'; path: string; watch: boolean; warnings: string[] }
  | { cmd: 'sync'; path: string; warnings: string[] }
  | { cmd: 'getAcl'; path: string; stat: boolean; warnings: string[] }
  | {
      cmd: 'setAcl';
      path: string;
      acl: string;
      version: number;
      stat: boolean;
      recursive: boolean;
      warnings: string[];
    }
  /** AddAuthCommand: zk.addAuthInfo(scheme, auth) — runCommand returns it as `addAuth` */
  | { cmd: 'addauth'; scheme: string; auth: string | null; warnings: string[] }
  | { cmd: 'whoami'; warnings: string[] }
  /** GetEphemeralsCommand: path null = zk.getEphemerals() (all of the session's) */
  | { cmd: 'getEphemerals'; path: string | null; warnings: string[] }
  | { cmd: 'getAllChildrenNumber'; path: string | null; warnings: string[] }
  /** AddWatchCommand: zk.addWatch(path, mode) with the default watcher */
  | { cmd: 'addWatch'; path: string; mode: AddWatchMode; warnings: string[] }
  /** RemoveWatchesCommand: zk.removeAllWatches(path, type, local) */
  | { cmd: 'removewatches'; path: string; watcherType: WatcherType; local: boolean; warnings: string[] }
  /** SetQuotaCommand: the one option of its group (n, b soft; N, B hard) and its value as typed */
  | { cmd: 'setquota'; option: QuotaOption; value: string; path: string; warnings: string[] }
  | { cmd: 'listquota'; path: string; warnings: string[] }
  /** DelQuotaCommand: option null = the whole quota */
  | { cmd: 'delquota'; option: QuotaOption | null; path: string; warnings: string[] }
  /** GetConfigCommand */
  | { cmd: 'config'; watch: boolean; stat: boolean; client: boolean; warnings: string[] }
  /**
   * CloseCommand: zk.close(). runCommand yields nothing for it and returns `{ close: true }`; the
   * caller then sends the closeSession (and later prints the "Closed" event).
   */
  | { cmd: 'close'; warnings: string[] };

/** SetQuotaCommand / DelQuotaCommand's option group: -n -b (soft), -N -B (hard) */
export type QuotaOption = 'n' | 'b' | 'N' | 'B';

export type ParseResult = { ok: true; cmd: CliCommand } | { ok: false; output: string; exitCode: number };

/** The server's answer to one yielded request (err is a KeeperException.Code). */
export interface OpReply {
  err: number;
  zxid: number;
  result: OpResult | null;
}

/** What zkCli printed (stdout and stderr lines in order, joined by "\n") and its exit code. */
export interface CliOutcome {
  ok: boolean;
  output: string;
  exitCode: number;
  /** set for `close`: the caller must close the session */
  close?: true;
  /** set for `addauth`: the caller queues the AuthPacket (ClientCnxn.addAuthInfo) */
  addAuth?: AuthData;
}

// ---------------------------------------------------------------- the command table

/**
 * cmd → option string, as ZooKeeperMain.commandMap holds them (3.8). Looked up with
 * `isCommand` (own properties only): `toString` or `__proto__` must be "Command not found".
 */
const COMMAND_MAP: Readonly<Record<string, string>> = {
  addWatch:
    '[-m mode] path # optional mode is one of [PERSISTENT, PERSISTENT_RECURSIVE] - default is PERSISTENT_RECURSIVE',
  addauth: 'scheme auth',
  close: '',
  config: '[-c] [-w] [-s]',
  connect: 'host:port',
  create: '[-s] [-e] [-c] [-t ttl] path [data] [acl]',
  delete: '[-v version] path',
  deleteall: 'path [-b batch size]',
  delquota: '[-n|-b|-N|-B] path',
  get: '[-s] [-w] path',
  getAcl: '[-s] path',
  getAllChildrenNumber: 'path',
  getEphemerals: 'path',
  history: '',
  listquota: 'path',
  ls: '[-s] [-w] [-R] path',
  printwatches: 'on|off',
  quit: '',
  reconfig:
    '[-s] [-v version] [[-file path] | [-members serverID=host:port1:port2;port3[,...]*]] | ' +
    '[-add serverId=host:port1:port2;port3[,...]]* [-remove serverId[,...]*]',
  redo: 'cmdno',
  removewatches: 'path [-c|-d|-a] [-l]',
  set: '[-s] [-v version] path data',
  setAcl: '[-s] [-v version] [-R] path acl',
  setquota: '-n|-b|-N|-B val path',
  stat: '[-w] path',
  sync: 'path',
  version: '',
  whoami: '',
};

/** ZooKeeperMain.usage(): the header and every command, sorted like Java's String order. */
export function usageText(): string {
  const cmds = Object.keys(COMMAND_MAP).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const lines = ['ZooKeeper -server host:port -client-configuration properties-file cmd args'];
  for (const c of cmds) lines.push('\t' + c + ' ' + COMMAND_MAP[c]);
  return lines.join('\n');
}

/** commandMap.containsKey: an own entry, never something inherited from Object.prototype. */
function isCommand(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(COMMAND_MAP, name);
}

function usageOf(cmd: string): string {
  return cmd + ' ' + COMMAND_MAP[cmd];
}

// ---------------------------------------------------------------- line parsing

// MyCommandOptions.ARGS_PATTERN / QUOTED_PATTERN
const ARGS_PATTERN = /\s*([^"']\S*|"[^"]*"|'[^']*')\s*/g;
const QUOTED_PATTERN = /^(['"])(.*)(\1)$/;

/** MyCommandOptions.parseCommand: splits a line into words; "a b" and 'a b' are one word. */
export function splitCommandLine(line: string): string[] {
  const args: string[] = [];
  ARGS_PATTERN.lastIndex = 0;
  for (let m = ARGS_PATTERN.exec(line); m !== null; m = ARGS_PATTERN.exec(line)) {
    let value = m[1];
    if (QUOTED_PATTERN.test(value)) value = value.substring(1, value.length - 1);
    args.push(value);
    if (m[0].length === 0) ARGS_PATTERN.lastIndex++;
  }
  return args;
}

class CliError {
  constructor(
    readonly message: string,
    readonly exitCode = 1,
  ) {}
}

type OptSpec = Record<string, boolean>; // short option → takes an argument

interface ParsedOptions {
  opts: Map<string, string | true>;
  args: string[];
}

/**
 * commons-cli (PosixParser / DefaultParser, as the commands use them): options may appear
 * anywhere, short flags can be bundled (-se), "--" ends options, a negative number can be an
 * option's value. Errors carry commons-cli's messages.
 */
function parseOptions(tokens: readonly string[], spec: OptSpec): ParsedOptions {
  const opts = new Map<string, string | true>();
  const args: string[] = [];
  const has = (ch: string): boolean => Object.prototype.hasOwnProperty.call(spec, ch);
  const isKnownOption = (t: string): boolean => t.length === 2 && t[0] === '-' && has(t[1]);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t === '--') {
      args.push(...tokens.slice(i + 1));
      break;
    }
    if (t.length < 2 || t[0] !== '-') {
      args.push(t);
      continue;
    }
    if (t[1] === '-' || !has(t[1])) throw new CliError(`Unrecognized option: ${t}`);
    for (let j = 1; j < t.length; j++) {
      const ch = t[j];
      if (!has(ch)) throw new CliError(`Unrecognized option: ${t}`);
      if (!spec[ch]) {
        if (!opts.has(ch)) opts.set(ch, true);
        continue;
      }
      let value: string | undefined;
      if (j + 1 < t.length) value = t.substring(j + 1);
      else if (i + 1 < tokens.length && !isKnownOption(tokens[i + 1])) value = tokens[++i];
      if (value === undefined) throw new CliError(`Missing argument for option: ${ch}`);
      if (!opts.has(ch)) opts.set(ch, value);
      break;
    }
  }
  return { opts, args };
}

/** Integer.parseInt; zkCli lets the NumberFormatException escape, which ends the shell. */
function parseJavaInt(s: string): number {
  if (/^[+-]?\d+$/.test(s)) {
    const n = Number(s);
    if (n >= -2147483648 && n <= 2147483647) return n;
  }
  throw new CliError(`java.lang.NumberFormatException: For input string: "${s}"`);
}

function optValue(p: ParsedOptions, o: string): string | null {
  const v = p.opts.get(o);
  return typeof v === 'string' ? v : null;
}

/** The "cmd path [watch]" forms zkCli still accepts: the third word becomes -w. */
function retainWatchCompatibility(
  name: string,
  tokens: string[],
  spec: OptSpec,
  p: ParsedOptions,
  warnings: string[],
  newForm: string,
): ParsedOptions {
  if (p.args.length <= 2) return p;
  const rewritten = [...tokens];
  rewritten[2] = '-w';
  warnings.push(`'${name} path [watch]' has been deprecated. Please use '${newForm}' instead.`);
  return parseOptions(rewritten, spec);
}

function checkPath(path: string, sequential = false): void {
  const msg = validatePath(path, sequential);
  if (msg !== null) throw new CliError(msg); // MalformedPathException
}

const SUPPORTED = new Set([
  'create',
  'get',
  'set',
  'delete',
  'deleteall',
  'ls',
  'stat',
  'sync',
  'close',
  'getAcl',
  'setAcl',
  'addauth',
  'whoami',
  'getEphemerals',
  'getAllChildrenNumber',
  'addWatch',
  'removewatches',
  'setquota',
  'listquota',
  'delquota',
  'config',
]);

/** commons-cli's OptionGroup.toString of the quota commands' group (MissingOptionException). */
const QUOTA_GROUP = '[-n num soft quota, -b bytes soft quota, -N num hard quota, -B bytes hard quota]';

/** The one quota option of a parsed line; AlreadySelectedException when two of the group are given. */
function quotaOption(p: ParsedOptions): QuotaOption | null {
  const given = [...p.opts.keys()].filter(
    (k): k is QuotaOption => k === 'n' || k === 'b' || k === 'N' || k === 'B',
  );
  if (given.length > 1) {
    throw new CliError(
      `The option '${given[1]}' was specified but an option from this group has already been selected: '${given[0]}'`,
    );
  }
  return given[0] ?? null;
}

/**
 * ZooKeeperMain.processZKCmd up to exec: the command, or the text zkCli prints instead of
 * running one (usage, parse errors, bad version numbers, invalid paths). An empty (or blank)
 * line is `{ ok: false, output: '', exitCode: 0 }`: zkCli ignores it.
 */
export function parseCommand(line: string): ParseResult {
  // zkCli skips only "" lines; a blank-only line would become the command " " — we skip it too.
  if (line.trim() === '') return { ok: false, output: '', exitCode: 0 };
  const tokens = splitCommandLine(line);
  const name = tokens[0];
  if (!isCommand(name)) {
    // usage() then CommandNotFoundException
    return {
      ok: false,
      output: usageText() + '\nCommand not found: Command not found ' + name,
      exitCode: 127,
    };
  }
  if (name === 'history' || name === 'redo' || name === 'printwatches') {
    // ZooKeeperMain runs these itself, with the console's history (src/sim/ClientCnxn.ts); what
    // reaches here (redo without an index) prints nothing, as in processZKCmd
    return { ok: false, output: '', exitCode: 0 };
  }
  if (!SUPPORTED.has(name)) {
    return { ok: false, output: `Command not supported in ZAB Lab: ${name}`, exitCode: 1 };
  }
  const warnings: string[] = [];
  try {
    return { ok: true, cmd: parseKnown(name, tokens, warnings) };
  } catch (e) {
    if (!(e instanceof CliError)) throw e;
    return { ok: false, output: [...warnings, e.message].join('\n'), exitCode: e.exitCode };
  }
}

function parseKnown(name: string, tokens: string[], warnings: string[]): CliCommand {
  switch (name) {
    case 'create': {
      const p = parseOptions(tokens, { e: false, s: false, c: false, t: true });
      if (p.args.length < 2) throw new CliError(usageOf('create'));
      const hasE = p.opts.has('e');
      const hasS = p.opts.has('s');
      const hasC = p.opts.has('c');
      const hasT = p.opts.has('t');
      if (hasC && (hasE || hasS)) {
        throw new CliError(
          '-c cannot be combined with -s or -e. Containers cannot be ephemeral or sequential.',
        );
      }
      if (hasT && !/^[+-]?\d+$/.test(optValue(p, 't') ?? '')) {
        throw new CliError('-t argument must be a long value');
      }
      if (hasT && hasE) throw new CliError('TTLs cannot be used with Ephemeral znodes');
      if (hasT && hasC) throw new CliError('TTLs cannot be used with Container znodes');
      // CreateCommand.exec's choice of CreateMode
      const mode: CreateMode =
        hasE && hasS
          ? 'EPHEMERAL_SEQUENTIAL'
          : hasE
            ? 'EPHEMERAL'
            : hasS
              ? hasT
                ? 'PERSISTENT_SEQUENTIAL_WITH_TTL'
                : 'PERSISTENT_SEQUENTIAL'
              : hasC
                ? 'CONTAINER'
                : hasT
                  ? 'PERSISTENT_WITH_TTL'
                  : 'PERSISTENT';
      const ttl = hasT ? Number(optValue(p, 't')) : undefined;
      // EphemeralType.TTL.toEphemeralOwner(ttl)'s IllegalArgumentException → MalformedCommandException
      if (ttl !== undefined && ttlToEphemeralOwner(ttl) === null) throw new CliError(ttlRangeMessage());
      const path = p.args[1];
      checkPath(path, hasS);
      // No data argument is a null byte[] in ZooKeeper; we store "" (get prints "null" for both).
      const cmd: CliCommand = {
        cmd: 'create',
        path,
        data: p.args[2] ?? '',
        mode,
        acl: p.args[3] ?? null,
        warnings,
      };
      if (ttl !== undefined) cmd.ttl = ttl;
      return cmd;
    }
    case 'get': {
      const spec = { s: false, w: false };
      let p = parseOptions(tokens, spec);
      if (p.args.length < 2) throw new CliError(usageOf('get'));
      p = retainWatchCompatibility('get', tokens, spec, p, warnings, 'get [-s] [-w] path');
      const path = p.args[1];
      checkPath(path);
      return { cmd: 'get', path, stat: p.opts.has('s'), watch: p.opts.has('w'), warnings };
    }
    case 'set': {
      const p = parseOptions(tokens, { s: false, v: true });
      if (p.args.length < 3) throw new CliError(usageOf('set'));
      const v = optValue(p, 'v');
      const version = v === null ? -1 : parseJavaInt(v);
      const path = p.args[1];
      checkPath(path);
      return { cmd: 'set', path, data: p.args[2], version, stat: p.opts.has('s'), warnings };
    }
    case 'delete': {
      const p = parseOptions(tokens, { v: true });
      if (p.args.length < 2) throw new CliError(usageOf('delete'));
      if (p.args.length > 2) {
        // retainCompatibility re-parses the same words: the old positional version is ignored.
        warnings.push(
          "'delete path [version]' has been deprecated. Please use 'delete [-v version] path' instead.",
        );
      }
      const v = optValue(p, 'v');
      const version = v === null ? -1 : parseJavaInt(v);
      const path = p.args[1];
      checkPath(path);
      return { cmd: 'delete', path, version, warnings };
    }
    case 'deleteall': {
      const p = parseOptions(tokens, { b: true });
      if (p.args.length < 2) throw new CliError(usageOf('deleteall'));
      const b = optValue(p, 'b');
      let batchSize = 1000;
      if (b !== null) {
        try {
          batchSize = parseJavaInt(b);
        } catch {
          throw new CliError('-b argument must be an int value');
        }
      }
      const path = p.args[1];
      checkPath(path);
      return { cmd: 'deleteall', path, batchSize, warnings };
    }
    case 'ls': {
      const spec = { s: false, w: false, R: false };
      let p = parseOptions(tokens, spec);
      p = retainWatchCompatibility('ls', tokens, spec, p, warnings, 'ls [-w] path');
      if (p.args.length < 2) throw new CliError(usageOf('ls'));
      const path = p.args[1];
      checkPath(path);
      return {
        cmd: 'ls',
        path,
        stat: p.opts.has('s'),
        watch: p.opts.has('w'),
        recursive: p.opts.has('R'),
        warnings,
      };
    }
    case 'stat': {
      const spec = { w: false };
      let p = parseOptions(tokens, spec);
      if (p.args.length < 2) throw new CliError(usageOf('stat'));
      p = retainWatchCompatibility('stat', tokens, spec, p, warnings, 'stat [-w] path');
      const path = p.args[1];
      checkPath(path);
      return { cmd: 'stat', path, watch: p.opts.has('w'), warnings };
    }
    case 'sync': {
      const p = parseOptions(tokens, {});
      if (p.args.length < 2) throw new CliError(usageOf('sync'));
      const path = p.args[1];
      checkPath(path);
      return { cmd: 'sync', path, warnings };
    }
    case 'getAcl': {
      const p = parseOptions(tokens, { s: false });
      if (p.args.length < 2) throw new CliError(usageOf('getAcl'));
      return { cmd: 'getAcl', path: p.args[1], stat: p.opts.has('s'), warnings };
    }
    case 'setAcl': {
      const p = parseOptions(tokens, { s: false, v: true, R: false });
      if (p.args.length < 3) throw new CliError(usageOf('setAcl'));
      const v = optValue(p, 'v');
      return {
        cmd: 'setAcl',
        path: p.args[1],
        acl: p.args[2],
        // Integer.parseInt runs in exec, after AclParser; a bad number ends the shell either way
        version: v === null ? -1 : parseJavaInt(v),
        stat: p.opts.has('s'),
        recursive: p.opts.has('R'),
        warnings,
      };
    }
    case 'addauth': {
      const p = parseOptions(tokens, {});
      if (p.args.length < 2) throw new CliError(usageOf('addauth'));
      return { cmd: 'addauth', scheme: p.args[1], auth: p.args[2] ?? null, warnings };
    }
    case 'whoami':
      // WhoAmICommand.parse ignores its arguments
      return { cmd: 'whoami', warnings };
    case 'getEphemerals':
    case 'getAllChildrenNumber': {
      // both check their arguments in exec, not in parse
      const p = parseOptions(tokens, {});
      return { cmd: name, path: p.args[1] ?? null, warnings };
    }
    case 'addWatch': {
      const p = parseOptions(tokens, { m: true });
      const usage = usageOf('addWatch');
      if (p.args.length !== 2) throw new CliError(usage);
      let mode: AddWatchMode = 'PERSISTENT_RECURSIVE';
      const m = optValue(p, 'm');
      if (m !== null) {
        // AddWatchMode.valueOf(value.toUpperCase()); anything else prints the usage
        const up = m.toUpperCase();
        if (up !== 'PERSISTENT' && up !== 'PERSISTENT_RECURSIVE') throw new CliError(usage);
        mode = up;
      }
      return { cmd: 'addWatch', path: p.args[1], mode, warnings };
    }
    case 'removewatches': {
      const p = parseOptions(tokens, { c: false, d: false, p: false, r: false, a: false, l: false });
      if (p.args.length < 2) throw new CliError(usageOf('removewatches'));
      // RemoveWatchesCommand.exec: the first of -c, -d, -p, -r, -a wins; none is Any
      const watcherType: WatcherType = p.opts.has('c')
        ? 'Children'
        : p.opts.has('d')
          ? 'Data'
          : p.opts.has('p')
            ? 'Persistent'
            : p.opts.has('r')
              ? 'PersistentRecursive'
              : 'Any';
      return { cmd: 'removewatches', path: p.args[1], watcherType, local: p.opts.has('l'), warnings };
    }
    case 'setquota': {
      const p = parseOptions(tokens, { n: true, b: true, N: true, B: true });
      const option = quotaOption(p);
      // the group is required: DefaultParser's checkRequiredOptions after the tokens
      if (option === null) throw new CliError(`Missing required option: ${QUOTA_GROUP}`);
      if (p.args.length < 2) throw new CliError(usageOf('setquota'));
      return { cmd: 'setquota', option, value: optValue(p, option) ?? '', path: p.args[1], warnings };
    }
    case 'listquota': {
      const p = parseOptions(tokens, {});
      if (p.args.length < 2) throw new CliError(usageOf('listquota'));
      return { cmd: 'listquota', path: p.args[1], warnings };
    }
    case 'delquota': {
      const p = parseOptions(tokens, { n: false, b: false, N: false, B: false });
      const option = quotaOption(p);
      if (p.args.length < 2) throw new CliError(usageOf('delquota'));
      return { cmd: 'delquota', option, path: p.args[1], warnings };
    }
    case 'config': {
      const p = parseOptions(tokens, { s: false, w: false, c: false });
      return {
        cmd: 'config',
        watch: p.opts.has('w'),
        stat: p.opts.has('s'),
        client: p.opts.has('c'),
        warnings,
      };
    }
    default:
      return { cmd: 'close', warnings };
  }
}

// ---------------------------------------------------------------- output formats

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

/**
 * java.util.Date.toString() in a UTC JVM ("EEE MMM dd HH:mm:ss zzz yyyy") of epoch ms — civil
 * date from days since 1970 (Howard Hinnant's algorithm), so the core needs no Date object.
 */
export function javaDateString(epochMs: number): string {
  const ms = Math.floor(epochMs);
  const days = Math.floor(ms / 86_400_000);
  const secOfDay = Math.floor((ms - days * 86_400_000) / 1000);
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const weekday = (((days + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
  const hh = Math.floor(secOfDay / 3600);
  const mi = Math.floor((secOfDay % 3600) / 60);
  const ss = secOfDay % 60;
  return (
    `${DAYS[weekday]} ${MONTHS[month - 1]} ${pad2(day)} ` + `${pad2(hh)}:${pad2(mi)}:${pad2(ss)} UTC ${year}`
  );
}

/**
 * Stat times are virtual ms; zkCli shows them on the simulation's wall clock (SIM_EPOCH_MS +
 * t). A 0 is the system nodes' never-set time and prints as the Unix epoch, as in ZooKeeper.
 */
export function statTimeToEpochMs(t: number): number {
  return t === 0 ? 0 : SIM_EPOCH_MS + t;
}

/** StatPrinter.print (a client-visible stat), one line per field. */
export function formatStat(stat: Stat): string {
  return [
    `cZxid = ${zxidToHex(stat.czxid)}`,
    `ctime = ${javaDateString(statTimeToEpochMs(stat.ctime))}`,
    `mZxid = ${zxidToHex(stat.mzxid)}`,
    `mtime = ${javaDateString(statTimeToEpochMs(stat.mtime))}`,
    `pZxid = ${zxidToHex(stat.pzxid)}`,
    `cversion = ${stat.cversion}`,
    `dataVersion = ${stat.version}`,
    `aclVersion = ${stat.aversion}`,
    `ephemeralOwner = ${stat.ephemeralOwner}`,
    `dataLength = ${stat.dataLength}`,
    `numChildren = ${stat.numChildren}`,
  ].join('\n');
}

/** MyWatcher.process: "WATCHER::", a blank line, then WatchedEvent.toString(). */
export function formatWatchEvent(state: string, type: string, path: string | null): string {
  return `WATCHER::\n\nWatchedEvent state:${state} type:${type} path:${path === null ? 'null' : path}`;
}

/** KeeperException.getCodeMessage (3.9). */
export function keeperCodeMessage(code: number): string {
  switch (code) {
    case Code.OK:
      return 'ok';
    case Code.SYSTEMERROR:
      return 'SystemError';
    case Code.RUNTIMEINCONSISTENCY:
      return 'RuntimeInconsistency';
    case Code.DATAINCONSISTENCY:
      return 'DataInconsistency';
    case Code.CONNECTIONLOSS:
      return 'ConnectionLoss';
    case Code.MARSHALLINGERROR:
      return 'MarshallingError';
    case -13:
      return 'NewConfigNoQuorum';
    case -14:
      return 'ReconfigInProgress';
    case Code.UNIMPLEMENTED:
      return 'Unimplemented';
    case Code.OPERATIONTIMEOUT:
      return 'OperationTimeout';
    case Code.BADARGUMENTS:
      return 'BadArguments';
    case Code.APIERROR:
      return 'APIError';
    case Code.NONODE:
      return 'NoNode';
    case Code.NOAUTH:
      return 'NoAuth';
    case Code.BADVERSION:
      return 'BadVersion';
    case Code.NOCHILDRENFOREPHEMERALS:
      return 'NoChildrenForEphemerals';
    case Code.NODEEXISTS:
      return 'NodeExists';
    case Code.INVALIDACL:
      return 'InvalidACL';
    case -115:
      return 'AuthFailed';
    case Code.NOTEMPTY:
      return 'Directory not empty';
    case Code.SESSIONEXPIRED:
      return 'Session expired';
    case -113:
      return 'Invalid callback';
    case Code.SESSIONMOVED:
      return 'Session moved';
    case -119:
      return 'Not a read-only call';
    case Code.EPHEMERALONLOCALSESSION:
      return 'Ephemeral node on local session';
    case -121:
      return 'No such watcher';
    case -123:
      return 'Reconfig is disabled';
    case -124:
      return 'Session closed because client failed to authenticate';
    case Code.QUOTAEXCEEDED:
      return 'Quota has exceeded';
    case -127:
      return 'Op throttled due to high load';
    // Codes without a message print as "Unknown error <enum name>".
    case Code.UNKNOWNSESSION:
      return 'Unknown error UNKNOWNSESSION';
    case -122:
      return 'Unknown error REQUESTTIMEOUT';
    default:
      return `Unknown error ${code}`;
  }
}

/** KeeperException.getMessage: "KeeperErrorCode = <message> for <path>". */
export function keeperExceptionMessage(code: number, path: string | null): string {
  const base = 'KeeperErrorCode = ' + keeperCodeMessage(code);
  return path ? `${base} for ${path}` : base;
}

/** CliWrapperException.getMessage (3.9.5): zkCli's wording for a failed call on `path` (null: none). */
export function cliErrorText(code: number, path: string | null): string {
  switch (code) {
    case Code.NONODE:
      return 'Node does not exist: ' + path;
    case Code.NOCHILDRENFOREPHEMERALS:
      return 'Ephemerals cannot have children: ' + path;
    case Code.NODEEXISTS:
      return 'Node already exists: ' + path;
    case Code.NOTEMPTY:
      return 'Node not empty: ' + path;
    case -119:
      return 'Not a read-only call: ' + path;
    case Code.INVALIDACL:
      return 'Acl is not valid : ' + path;
    case Code.NOAUTH:
      return 'Insufficient permission : ' + path;
    case Code.BADARGUMENTS:
      return 'Arguments are not valid : ' + path;
    case Code.BADVERSION:
      return 'version No is not valid : ' + path;
    case Code.QUOTAEXCEEDED:
      return 'Quota has exceeded : ' + path;
    default:
      return keeperExceptionMessage(code, path);
  }
}

// ---------------------------------------------------------------- running a command

/** A KeeperException thrown by a client call (path = the client's path; null when thrown without one). */
class KeeperFailure {
  constructor(
    readonly code: number,
    readonly path: string | null,
  ) {}
}

/** ZooKeeper.validateACL: an empty list fails in the client, with no path. */
function validateACL(acl: readonly ACL[]): void {
  if (acl.length === 0) throw new KeeperFailure(Code.INVALIDACL, null);
}

function mismatch(op: Op, reply: OpReply): Error {
  return new Error(`zkCli: unexpected reply ${JSON.stringify(reply.result)} to ${op.op}`);
}

/** Sends one request; a non-OK reply becomes a KeeperFailure for `op`'s path. */
function* call(op: Op & { path: string }): Generator<Op, OpResult, OpReply> {
  const reply = yield op;
  if (reply.err !== Code.OK) throw new KeeperFailure(reply.err, op.path);
  if (!reply.result || reply.result.op !== op.op) throw mismatch(op, reply);
  return reply.result;
}

function* getChildren(path: string, watch: boolean): Generator<Op, string[], OpReply> {
  const r = yield* call({ op: 'getChildren', path, watch });
  if (r.op !== 'getChildren') throw new Error('unreachable');
  return r.children;
}

/** "[a, b]" — LsCommand.printChildren sorts first. */
function formatChildren(children: readonly string[]): string {
  return '[' + [...children].sort().join(', ') + ']';
}

/**
 * Runs a parsed command: yields each request zkCli would send (in order) and expects the reply
 * back from `next(reply)`; returns what zkCli prints. `close` yields nothing (see CliCommand).
 */
export function* runCommand(cmd: CliCommand): Generator<Op, CliOutcome, OpReply> {
  const out: string[] = [...cmd.warnings];
  const done = (exitCode: number, extra?: Partial<CliOutcome>): CliOutcome => ({
    ok: exitCode === 0,
    output: out.join('\n'),
    exitCode,
    ...extra,
  });
  try {
    switch (cmd.cmd) {
      case 'create': {
        let acl: ACL[] | null = null;
        if (cmd.acl !== null) {
          const parsed = parseAcl(cmd.acl);
          out.push(...parsed.errors);
          acl = parsed.acl;
        }
        checkPath(
          cmd.path,
          cmd.mode === 'PERSISTENT_SEQUENTIAL' ||
            cmd.mode === 'EPHEMERAL_SEQUENTIAL' ||
            cmd.mode === 'PERSISTENT_SEQUENTIAL_WITH_TTL',
        );
        try {
          if (acl !== null) validateACL(acl);
          const op: Op & { op: 'create' } = { op: 'create', path: cmd.path, data: cmd.data, mode: cmd.mode };
          if (acl !== null) op.acl = acl;
          if (cmd.ttl !== undefined) op.ttl = cmd.ttl;
          const r = yield* call(op);
          if (r.op !== 'create') throw new Error('unreachable');
          out.push('Created ' + r.path);
        } catch (e) {
          // CreateCommand prints an InvalidACLException's message before zkCli's own line
          if (e instanceof KeeperFailure && e.code === Code.INVALIDACL) {
            out.push(keeperExceptionMessage(e.code, e.path));
          }
          throw e;
        }
        return done(0);
      }
      case 'get': {
        checkPath(cmd.path);
        const r = yield* call({ op: 'getData', path: cmd.path, watch: cmd.watch });
        if (r.op !== 'getData') throw new Error('unreachable');
        // GetCommand prints "null" for a null byte[]; we can't tell null from "" (see create).
        out.push(r.data === '' ? 'null' : r.data);
        if (cmd.stat) out.push(formatStat(r.stat));
        return done(0);
      }
      case 'set': {
        checkPath(cmd.path);
        const r = yield* call({ op: 'setData', path: cmd.path, data: cmd.data, version: cmd.version });
        if (r.op !== 'setData') throw new Error('unreachable');
        if (cmd.stat) out.push(formatStat(r.stat));
        return done(0);
      }
      case 'delete': {
        checkPath(cmd.path);
        yield* call({ op: 'delete', path: cmd.path, version: cmd.version });
        return done(0);
      }
      case 'deleteall': {
        checkPath(cmd.path);
        const ok = yield* deleteRecursive(cmd.path, cmd.batchSize);
        if (!ok) out.push('Failed to delete some node(s) in the subtree!');
        return done(0);
      }
      case 'ls': {
        checkPath(cmd.path);
        if (cmd.recursive) {
          yield* visitSubTreeDFS(cmd.path, cmd.watch, (p) => {
            out.push(p);
          });
          return done(0);
        }
        const r = yield* call({ op: 'getChildren', path: cmd.path, watch: cmd.watch });
        if (r.op !== 'getChildren') throw new Error('unreachable');
        out.push(formatChildren(r.children));
        if (cmd.stat) out.push(formatStat(r.stat));
        return done(0);
      }
      case 'stat': {
        checkPath(cmd.path);
        const reply = yield { op: 'exists', path: cmd.path, watch: cmd.watch };
        // exists() turns NONODE into a null stat; StatCommand turns that into NoNodeException.
        if (reply.err !== Code.OK && reply.err !== Code.NONODE) throw new KeeperFailure(reply.err, cmd.path);
        const stat = reply.err === Code.OK && reply.result?.op === 'exists' ? reply.result.stat : null;
        if (!stat) throw new KeeperFailure(Code.NONODE, cmd.path);
        out.push(formatStat(stat));
        return done(0);
      }
      case 'sync': {
        checkPath(cmd.path);
        const reply = yield { op: 'sync', path: cmd.path };
        out.push(reply.err === Code.OK ? 'Sync is OK' : `Sync has failed. rc=${reply.err}`);
        return done(0);
      }
      case 'getAcl': {
        checkPath(cmd.path);
        const r = yield* call({ op: 'getACL', path: cmd.path });
        if (r.op !== 'getACL') throw new Error('unreachable');
        out.push(...formatAcl(r.acl));
        if (cmd.stat) out.push(formatStat(r.stat));
        return done(0);
      }
      case 'setAcl': {
        const parsed = parseAcl(cmd.acl);
        out.push(...parsed.errors);
        const acl = parsed.acl;
        if (cmd.recursive) {
          // ZKUtil.visitSubTreeDFS with a callback that setACLs each node and prints (without a
          // newline) the message of whatever KeeperException that throws
          let printed = '';
          yield* visitSubTreeDFS(cmd.path, false, function* (p) {
            try {
              validateACL(acl);
              yield* call({ op: 'setACL', path: p, acl, version: cmd.version });
            } catch (e) {
              if (!(e instanceof KeeperFailure)) throw e;
              printed += keeperExceptionMessage(e.code, e.path);
            }
          });
          if (printed !== '') out.push(printed);
          return done(0);
        }
        checkPath(cmd.path);
        validateACL(acl);
        const r = yield* call({ op: 'setACL', path: cmd.path, acl, version: cmd.version });
        if (r.op !== 'setACL') throw new Error('unreachable');
        if (cmd.stat) out.push(formatStat(r.stat));
        return done(0);
      }
      case 'addauth':
        return done(0, { addAuth: { scheme: cmd.scheme, auth: cmd.auth } });
      case 'whoami': {
        const reply = yield { op: 'whoAmI' };
        // WhoAmICommand wraps any exception: its message is KeeperException.getMessage()
        if (reply.err !== Code.OK) {
          out.push(keeperExceptionMessage(reply.err, null));
          return done(1);
        }
        if (reply.result?.op !== 'whoAmI') throw mismatch({ op: 'whoAmI' }, reply);
        out.push('Auth scheme: User');
        for (const c of reply.result.clientInfo) out.push(c.authScheme + ': ' + c.user);
        return done(0);
      }
      case 'getEphemerals': {
        // ZooKeeper.getEphemerals(prefixPath) validates the path; without one it asks for "/"
        if (cmd.path !== null) checkPath(cmd.path);
        const prefixPath = cmd.path ?? '/';
        const reply = yield { op: 'getEphemerals', prefixPath };
        if (reply.err !== Code.OK) throw new KeeperFailure(reply.err, prefixPath);
        if (reply.result?.op !== 'getEphemerals') throw mismatch({ op: 'getEphemerals', prefixPath }, reply);
        out.push('[' + reply.result.ephemerals.join(', ') + ']'); // List.toString
        return done(0);
      }
      case 'getAllChildrenNumber': {
        if (cmd.path === null) throw new CliError(usageOf('getAllChildrenNumber'));
        checkPath(cmd.path);
        const r = yield* call({ op: 'getAllChildrenNumber', path: cmd.path });
        if (r.op !== 'getAllChildrenNumber') throw new Error('unreachable');
        out.push(String(r.number));
        return done(0);
      }
      case 'addWatch': {
        // ZooKeeper.addWatch validates the path and AddWatchCommand does not catch the
        // IllegalArgumentException: it ends zkCli (the model prints it and goes on)
        const bad = validatePath(cmd.path);
        if (bad !== null) throw new CliError(`java.lang.IllegalArgumentException: ${bad}`);
        const reply = yield { op: 'addWatch', path: cmd.path, mode: cmd.mode };
        if (reply.err !== Code.OK) throw new KeeperFailure(reply.err, cmd.path);
        return done(0);
      }
      case 'removewatches': {
        checkPath(cmd.path);
        // the client's ZKWatchManager drops its own watches when the reply comes (WatchDeregistration)
        // `local` is the client's own WatchDeregistration flag (not on the wire)
        const op: Op = { op: 'removeWatches', path: cmd.path, watcherType: cmd.watcherType };
        if (cmd.local) op.local = true;
        const reply = yield op;
        if (reply.err !== Code.OK) throw new KeeperFailure(reply.err, cmd.path);
        return done(0);
      }
      case 'setquota':
        return yield* setQuota(cmd.option, cmd.value, cmd.path, out, done);
      case 'listquota': {
        out.push('absolute path is ' + limitPath(cmd.path));
        checkPath(limitPath(cmd.path));
        const limits = yield { op: 'getData', path: limitPath(cmd.path), watch: false };
        if (limits.err === Code.NONODE) {
          out.push(`quota for ${cmd.path} does not exist.`);
          return done(0);
        }
        if (limits.err !== Code.OK || limits.result?.op !== 'getData')
          throw new KeeperFailure(limits.err, limitPath(cmd.path));
        const stats = yield { op: 'getData', path: statPath(cmd.path), watch: false };
        if (stats.err === Code.NONODE) {
          out.push(`quota for ${cmd.path} does not exist.`);
          return done(0);
        }
        if (stats.err !== Code.OK || stats.result?.op !== 'getData')
          throw new KeeperFailure(stats.err, statPath(cmd.path));
        out.push(`Output quota for ${cmd.path} ${new StatsTrack(limits.result.data).toString()}`);
        out.push(`Output stat for ${cmd.path} ${new StatsTrack(stats.result.data).toString()}`);
        return done(0);
      }
      case 'delquota':
        return yield* delQuota(cmd.option, cmd.path, out, done);
      case 'config': {
        // ZooKeeper.getConfig: getData on /zookeeper/config (ZooDefs.CONFIG_NODE)
        const path = '/zookeeper/config';
        const r = yield* call({ op: 'getData', path, watch: cmd.watch });
        if (r.op !== 'getData') throw new Error('unreachable');
        out.push(cmd.client ? clientConfigStr(r.data) : r.data === '' ? 'null' : r.data);
        if (cmd.stat) out.push(formatStat(r.stat));
        return done(0);
      }
      case 'close':
        return done(0, { close: true });
    }
  } catch (e) {
    if (e instanceof KeeperFailure) {
      out.push(cliErrorText(e.code, e.path));
      return done(1);
    }
    if (e instanceof CliError) {
      out.push(e.message);
      return done(e.exitCode);
    }
    throw e;
  }
}

/** ConfigUtils.getClientConfigStr: "<version> <clientHost:port>,…" from the config text. */
function clientConfigStr(data: string): string {
  let version = '';
  const clients: string[] = [];
  for (const line of data.split('\n')) {
    const i = line.indexOf('=');
    if (i < 0) continue;
    const key = line.substring(0, i).trim();
    const value = line.substring(i + 1).trim();
    if (key === 'version') version = value;
    if (!key.startsWith('server.')) continue;
    const semi = value.indexOf(';');
    if (semi >= 0) clients.push(value.substring(semi + 1));
  }
  return version + ' ' + clients.join(',');
}

/** A failed call whose message a quota command prints itself (MalformedPathException). */
type Done = (exitCode: number, extra?: Partial<CliOutcome>) => CliOutcome;

/** exists(path): the stat, null on NONODE; other errors are KeeperFailures. */
function* exists(path: string): Generator<Op, Stat | null, OpReply> {
  checkPath(path);
  const reply = yield { op: 'exists', path, watch: false };
  if (reply.err === Code.NONODE) return null;
  if (reply.err !== Code.OK) throw new KeeperFailure(reply.err, path);
  return reply.result?.op === 'exists' ? reply.result.stat : null;
}

function* getDataText(path: string): Generator<Op, string, OpReply> {
  checkPath(path);
  const r = yield* call({ op: 'getData', path, watch: false });
  if (r.op !== 'getData') throw new Error('unreachable');
  return r.data;
}

/** getChildren, or null on NONODE. */
function* childrenOrNull(path: string): Generator<Op, string[] | null, OpReply> {
  checkPath(path);
  const reply = yield { op: 'getChildren', path, watch: false };
  if (reply.err === Code.NONODE) return null;
  if (reply.err !== Code.OK) throw new KeeperFailure(reply.err, path);
  return reply.result?.op === 'getChildren' ? reply.result.children : [];
}

/**
 * SetQuotaCommand.exec + createQuota (3.9.5): the option's value checked, the path must exist
 * and have no quota above or below it (checkIfChildQuota walks /zookeeper/quota<path> with
 * ZKUtil.visitSubTreeDFS; checkIfParentQuota its ancestors), then /zookeeper/quota<path> is
 * created level by level and zookeeper_limits (the limits) + zookeeper_stats written — or, when
 * a quota is there already, its limits merged and set. checkQuota's warnings go to stdout.
 */
function* setQuota(
  option: QuotaOption,
  value: string,
  path: string,
  out: string[],
  done: Done,
): Generator<Op, CliOutcome, OpReply> {
  if (path.startsWith(QUOTA_ZOOKEEPER)) {
    out.push('cannot set a quota under the path: ' + QUOTA_ZOOKEEPER);
    return done(0);
  }
  const quota = new StatsTrack();
  quota.count = -1;
  quota.bytes = -1;
  quota.countHardLimit = -1;
  quota.byteHardLimit = -1;
  // checkOptionValue: Integer.parseInt for counts, Long.parseLong for bytes
  const isInt = option === 'n' || option === 'N';
  const n = /^[+-]?\d+$/.test(value) ? Number(value) : NaN;
  if (Number.isNaN(n) || (isInt && (n < -2147483648 || n > 2147483647))) {
    out.push('NumberFormatException happens when parsing the option value');
    return done(0);
  }
  if (isInt && n <= 0) {
    out.push('the num quota must be greater than zero');
    return done(0);
  }
  if (!isInt && n < 0) {
    out.push('the bytes quota must be greater than or equal to zero');
    return done(0);
  }
  if (option === 'n') quota.count = n;
  else if (option === 'b') quota.bytes = n;
  else if (option === 'N') quota.countHardLimit = n;
  else quota.byteHardLimit = n;

  if ((yield* exists(path)) === null) throw new CliError(`${path} does not exist.`);
  // checkIfChildQuota: a zookeeper_limits anywhere below /zookeeper/quota<path> but at its top
  const realPath = quotaPath(path);
  checkPath(realPath);
  const root = yield { op: 'getData', path: realPath, watch: false };
  if (root.err !== Code.NONODE) {
    if (root.err !== Code.OK) throw new KeeperFailure(root.err, realPath);
    const visit = function* (qp: string): Generator<Op, void, OpReply> {
      const children = yield* childrenOrNull(qp);
      if (children === null) return;
      for (const child of children) {
        if (qp !== QUOTA_ZOOKEEPER + path && child === LIMIT_NODE) {
          throw new CliError(`${path} has a child ${trimQuotaPath(qp)} which has a quota`);
        }
      }
    };
    yield* visit(realPath);
    yield* visitHelper(realPath, false, visit);
  }
  // checkIfParentQuota
  const splits = path.split('/');
  while (splits.length > 1 && splits[splits.length - 1] === '') splits.pop(); // String.split
  let qp = QUOTA_ZOOKEEPER;
  for (let i = 1; i < splits.length - 1; i++) {
    qp += '/' + splits[i];
    const children = yield* childrenOrNull(qp);
    if (children === null || children.length === 0) break;
    for (const child of children) {
      if (qp !== quotaPath(path) && child === LIMIT_NODE) {
        throw new CliError(`${path} has a parent ${trimQuotaPath(qp)} which has a quota`);
      }
    }
  }
  if ((yield* exists(QUOTA_ZOOKEEPER)) === null) {
    // never on a real server (DataTree makes /zookeeper/quota), as in createQuota
    for (const p of ['/zookeeper', QUOTA_ZOOKEEPER]) {
      const r = yield { op: 'create', path: p, data: '', mode: 'PERSISTENT', acl: [...OPEN_ACL_UNSAFE] };
      if (r.err !== Code.OK && r.err !== Code.NODEEXISTS) throw new KeeperFailure(r.err, p);
    }
  }
  let level = QUOTA_ZOOKEEPER;
  for (let i = 1; i < splits.length; i++) {
    level += '/' + splits[i];
    if ((yield* exists(level)) === null) {
      const r = yield { op: 'create', path: level, data: '', mode: 'PERSISTENT' };
      if (r.err !== Code.OK && r.err !== Code.NODEEXISTS) throw new KeeperFailure(r.err, level);
    }
  }
  const sp = level + '/zookeeper_stats';
  const lp = level + '/' + LIMIT_NODE;
  let limits: StatsTrack;
  if ((yield* exists(lp)) === null) {
    yield* call({ op: 'create', path: lp, data: quota.toString(), mode: 'PERSISTENT' });
    const stats = new StatsTrack();
    stats.count = 0;
    stats.bytes = 0;
    yield* call({ op: 'create', path: sp, data: stats.toString(), mode: 'PERSISTENT' });
    limits = new StatsTrack(yield* getDataText(lp));
    checkQuota(limits, new StatsTrack(yield* getDataText(sp)), out);
  } else {
    limits = new StatsTrack(yield* getDataText(lp));
    if (quota.count > -1) limits.count = quota.count;
    if (quota.bytes > -1) limits.bytes = quota.bytes;
    if (quota.countHardLimit > -1) limits.countHardLimit = quota.countHardLimit;
    if (quota.byteHardLimit > -1) limits.byteHardLimit = quota.byteHardLimit;
    checkQuota(limits, new StatsTrack(yield* getDataText(sp)), out);
    yield* call({ op: 'setData', path: lp, data: limits.toString(), version: -1 });
  }
  return done(0);
}

/** SetQuotaCommand.checkQuota: warnings when a limit is already below what the subtree uses. */
function checkQuota(q: StatsTrack, s: StatsTrack, out: string[]): void {
  if ((q.count > -1 && q.count < s.count) || (q.countHardLimit > -1 && q.countHardLimit < s.count)) {
    out.push('[Warning]: the count quota you create is less than the existing count:' + s.count);
  }
  if ((q.bytes > -1 && q.bytes < s.bytes) || (q.byteHardLimit > -1 && q.byteHardLimit < s.bytes)) {
    out.push('[Warning]: the bytes quota you create is less than the existing bytes:' + s.bytes);
  }
}

/**
 * DelQuotaCommand.exec + delQuota: without an option the quota's nodes go (its children, then
 * every now-empty level up to /zookeeper/quota: trimProcQuotas); with one, that limit is set
 * back to -1. "quota for <path> does not exist." on a NoNodeException.
 */
function* delQuota(
  option: QuotaOption | null,
  path: string,
  out: string[],
  done: Done,
): Generator<Op, CliOutcome, OpReply> {
  const parentPath = quotaPath(path);
  const lp = limitPath(path);
  try {
    if ((yield* exists(lp)) === null) {
      out.push('Quota does not exist for ' + path);
      return done(0);
    }
    const strack = new StatsTrack(yield* getDataText(lp));
    if (option === null) {
      const children = yield* childrenOrNull(parentPath);
      if (children === null) throw new KeeperFailure(Code.NONODE, parentPath);
      for (const child of children)
        yield* call({ op: 'delete', path: parentPath + '/' + child, version: -1 });
      // trimProcQuotas
      let p = parentPath;
      while (p !== QUOTA_ZOOKEEPER) {
        const kids = yield* childrenOrNull(p);
        if (kids === null) throw new KeeperFailure(Code.NONODE, p);
        if (kids.length > 0) break;
        yield* call({ op: 'delete', path: p, version: -1 });
        p = p.substring(0, p.lastIndexOf('/'));
      }
    } else {
      if (option === 'n') strack.count = -1;
      if (option === 'b') strack.bytes = -1;
      if (option === 'N') strack.countHardLimit = -1;
      if (option === 'B') strack.byteHardLimit = -1;
      yield* call({ op: 'setData', path: lp, data: strack.toString(), version: -1 });
    }
  } catch (e) {
    if (e instanceof KeeperFailure && e.code === Code.NONODE) {
      out.push(`quota for ${path} does not exist.`);
      return done(0);
    }
    throw e;
  }
  return done(0);
}

/**
 * ZKUtil.deleteRecursive(zk, path, batchSize): list the subtree breadth-first, then delete it
 * leaves-first in multi batches of `batchSize` deletes (one plain delete each if batchSize ≤ 0,
 * where a failure is an error). A failed batch stops the rest and makes it return false.
 */
function* deleteRecursive(pathRoot: string, batchSize: number): Generator<Op, boolean, OpReply> {
  const tree: string[] = [pathRoot];
  for (let i = 0; i < tree.length; i++) {
    const node = tree[i];
    const children = yield* getChildren(node, false);
    for (const child of children) tree.push((node === '/' ? '' : node) + '/' + child);
  }
  if (batchSize <= 0) {
    for (let i = tree.length - 1; i >= 0; i--) yield* call({ op: 'delete', path: tree[i], version: -1 });
    return true;
  }
  let ops: Op[] = [];
  for (let i = tree.length - 1; i >= 0; i--) {
    ops.push({ op: 'delete', path: tree[i], version: -1 });
    if (ops.length === batchSize || i === 0) {
      const reply = yield { op: 'multi', ops };
      // The async multi callback sees the first non-OK result as its rc.
      const results = reply.result?.op === 'multi' ? reply.result.results : [];
      if (reply.err !== Code.OK || results.some((r) => r.err !== Code.OK)) return false;
      ops = [];
    }
  }
  return true;
}

/** The callback ZKUtil.visitSubTreeDFS calls per node (a generator when it sends requests of its own). */
type Visit = (path: string) => Generator<Op, void, OpReply> | void;

/**
 * ZKUtil.visitSubTreeDFS (LsCommand -R, SetAclCommand -R): getData on the root (so a missing or
 * unreadable root is an error), visit it, then per node: visit all its children (sorted), then
 * descend into each. A node that vanished meanwhile is skipped; any other error ends the walk.
 */
function* visitSubTreeDFS(path: string, watch: boolean, cb: Visit): Generator<Op, void, OpReply> {
  checkPath(path);
  yield* call({ op: 'getData', path, watch });
  const g = cb(path);
  if (g) yield* g;
  yield* visitHelper(path, watch, cb);
}

function* visitHelper(path: string, watch: boolean, cb: Visit): Generator<Op, void, OpReply> {
  const reply = yield { op: 'getChildren', path, watch };
  if (reply.err === Code.NONODE) return;
  if (reply.err !== Code.OK) throw new KeeperFailure(reply.err, path);
  if (reply.result?.op !== 'getChildren') throw new Error('zkCli: unexpected reply to getChildren');
  const children = [...reply.result.children].sort();
  const prefix = path.length === 1 ? path : path + '/';
  for (const c of children) {
    const g = cb(prefix + c);
    if (g) yield* g;
  }
  for (const c of children) yield* visitHelper(prefix + c, watch, cb);
}

/** True for `close`: runCommand yields nothing for it; the caller closes the session. */
export function isClose(cmd: CliCommand): boolean {
  return cmd.cmd === 'close';
}
