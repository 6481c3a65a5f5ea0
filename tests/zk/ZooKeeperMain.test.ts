import { describe, expect, it } from 'vitest';
import {
  cliErrorText,
  formatStat,
  formatWatchEvent,
  javaDateString,
  keeperCodeMessage,
  keeperExceptionMessage,
  parseCommand,
  runCommand,
  splitCommandLine,
  statTimeToEpochMs,
  usageText,
  type CliCommand,
} from '../../src/zk/cli/ZooKeeperMain';
import { SIM_EPOCH_MS } from '../../src/zk/Clock';
import { DataTree } from '../../src/zk/DataTree';
import { Code } from '../../src/zk/ZooDefs';
import { FakeServer } from './fakeServer';

function parsed(line: string): CliCommand {
  const p = parseCommand(line);
  if (!p.ok) throw new Error(`did not parse: ${line}: ${p.output}`);
  return p.cmd;
}

/** zkCli's non-interactive mode: each command is a new session that is never closed. */
function oneShot(s: FakeServer, line: string, at?: number) {
  if (at !== undefined) s.now = at;
  const sid = s.createSession();
  return s.cli('c-' + sid, sid, line);
}

describe('zkCli: line splitting (MyCommandOptions.parseCommand)', () => {
  it('splits on blanks and strips matching quotes', () => {
    expect(splitCommandLine('create /a x')).toEqual(['create', '/a', 'x']);
    expect(splitCommandLine('  set   /a   "hello world"  ')).toEqual(['set', '/a', 'hello world']);
    expect(splitCommandLine("create /b 'x y' ")).toEqual(['create', '/b', 'x y']);
    expect(splitCommandLine('create /c ""')).toEqual(['create', '/c', '']);
    expect(splitCommandLine('create /d a"b c"')).toEqual(['create', '/d', 'a"b', 'c"']);
    expect(splitCommandLine('create /e "unterminated x')).toEqual(['create', '/e', 'unterminated', 'x']);
    expect(splitCommandLine('')).toEqual([]);
    // like Java's regex, a blank-only line leaves one blank word (parseCommand ignores such lines)
    expect(splitCommandLine('   ')).toEqual([' ']);
  });
});

describe('zkCli: parseCommand', () => {
  it('parses the supported commands and their options', () => {
    expect(parsed('create /a x')).toEqual({
      cmd: 'create',
      path: '/a',
      data: 'x',
      mode: 'PERSISTENT',
      acl: null,
      warnings: [],
    });
    expect(parsed('create -e -s /a/b- "x y"')).toMatchObject({ mode: 'EPHEMERAL_SEQUENTIAL', data: 'x y' });
    expect(parsed('create -se /a/b-')).toMatchObject({ mode: 'EPHEMERAL_SEQUENTIAL', data: '' });
    expect(parsed('create /a -e')).toMatchObject({ mode: 'EPHEMERAL' }); // options anywhere, like commons-cli
    expect(parsed('create -s /q/')).toMatchObject({ mode: 'PERSISTENT_SEQUENTIAL', path: '/q/' });
    expect(parsed('get -s -w /a')).toEqual({ cmd: 'get', path: '/a', stat: true, watch: true, warnings: [] });
    expect(parsed('set -s -v 3 /a data')).toEqual({
      cmd: 'set',
      path: '/a',
      data: 'data',
      version: 3,
      stat: true,
      warnings: [],
    });
    expect(parsed('set -v -1 /a d')).toMatchObject({ version: -1 });
    expect(parsed('set -v7 /a d')).toMatchObject({ version: 7 });
    expect(parsed('delete -v 0 /a')).toEqual({ cmd: 'delete', path: '/a', version: 0, warnings: [] });
    expect(parsed('delete /a')).toMatchObject({ version: -1 });
    expect(parsed('deleteall /a')).toEqual({ cmd: 'deleteall', path: '/a', batchSize: 1000, warnings: [] });
    expect(parsed('deleteall /a -b 5')).toMatchObject({ batchSize: 5 });
    expect(parsed('ls -s -w -R /')).toEqual({
      cmd: 'ls',
      path: '/',
      stat: true,
      watch: true,
      recursive: true,
      warnings: [],
    });
    expect(parsed('stat -w /a')).toEqual({ cmd: 'stat', path: '/a', watch: true, warnings: [] });
    expect(parsed('sync /')).toEqual({ cmd: 'sync', path: '/', warnings: [] });
    expect(parsed('close')).toEqual({ cmd: 'close', warnings: [] });
    expect(parsed('create -- /a -x')).toMatchObject({ path: '/a', data: '-x' });
  });

  it('unknown command: the usage list, then "Command not found", exit 127', () => {
    const p = parseCommand('frobnicate /');
    expect(p).toEqual({
      ok: false,
      output: usageText() + '\nCommand not found: Command not found frobnicate',
      exitCode: 127,
    });
    const lines = usageText().split('\n');
    expect(lines[0]).toBe('ZooKeeper -server host:port -client-configuration properties-file cmd args');
    expect(lines.slice(1).map((l) => l.split(' ')[0].trim())).toEqual([
      'addWatch',
      'addauth',
      'close',
      'config',
      'connect',
      'create',
      'delete',
      'deleteall',
      'delquota',
      'get',
      'getAcl',
      'getAllChildrenNumber',
      'getEphemerals',
      'history',
      'listquota',
      'ls',
      'printwatches',
      'quit',
      'reconfig',
      'redo',
      'removewatches',
      'set',
      'setAcl',
      'setquota',
      'stat',
      'sync',
      'version',
      'whoami',
    ]);
    expect(lines).toContain('\tls [-s] [-w] [-R] path');
    expect(lines).toContain('\tclose ');
  });

  it('missing arguments: the command usage, exit 1', () => {
    expect(parseCommand('ls')).toEqual({ ok: false, output: 'ls [-s] [-w] [-R] path', exitCode: 1 });
    expect(parseCommand('create')).toEqual({
      ok: false,
      output: 'create [-s] [-e] [-c] [-t ttl] path [data] [acl]',
      exitCode: 1,
    });
    expect(parseCommand('get -s')).toMatchObject({ output: 'get [-s] [-w] path', exitCode: 1 });
    expect(parseCommand('set /a')).toMatchObject({ output: 'set [-s] [-v version] path data', exitCode: 1 });
    expect(parseCommand('delete')).toMatchObject({ output: 'delete [-v version] path', exitCode: 1 });
    expect(parseCommand('deleteall')).toMatchObject({
      output: 'deleteall path [-b batch size]',
      exitCode: 1,
    });
    expect(parseCommand('stat')).toMatchObject({ output: 'stat [-w] path', exitCode: 1 });
    expect(parseCommand('sync')).toMatchObject({ output: 'sync path', exitCode: 1 });
  });

  it("commons-cli's option errors", () => {
    expect(parseCommand('get -x /a')).toEqual({ ok: false, output: 'Unrecognized option: -x', exitCode: 1 });
    expect(parseCommand('ls --all /')).toMatchObject({ output: 'Unrecognized option: --all', exitCode: 1 });
    expect(parseCommand('create /a -1')).toMatchObject({ output: 'Unrecognized option: -1' });
    expect(parseCommand('set /a x -v')).toMatchObject({
      output: 'Missing argument for option: v',
      exitCode: 1,
    });
    expect(parseCommand('delete -v')).toMatchObject({ output: 'Missing argument for option: v' });
  });

  it('bad version numbers and batch sizes', () => {
    expect(parseCommand('set -v abc /a x')).toEqual({
      ok: false,
      output: 'java.lang.NumberFormatException: For input string: "abc"',
      exitCode: 1,
    });
    expect(parseCommand('delete -v 99999999999 /a')).toMatchObject({
      output: 'java.lang.NumberFormatException: For input string: "99999999999"',
    });
    expect(parseCommand('deleteall /a -b x')).toMatchObject({ output: '-b argument must be an int value' });
  });

  it('client-side path validation', () => {
    expect(parseCommand('create noslash 1')).toEqual({
      ok: false,
      output: 'Path must start with / character',
      exitCode: 1,
    });
    expect(parseCommand('get /a/')).toMatchObject({ output: 'Path must not end with / character' });
    expect(parseCommand('ls /a//b')).toMatchObject({
      output: 'Invalid path string "/a//b" caused by empty node name specified @3',
    });
    expect(parseCommand('create /q/ x')).toMatchObject({ output: 'Path must not end with / character' });
  });

  it("create -c/-t: zkCli's own checks first, then the CreateMode (CreateCommand.exec)", () => {
    expect(parseCommand('create -c -s /x')).toMatchObject({
      output: '-c cannot be combined with -s or -e. Containers cannot be ephemeral or sequential.',
    });
    expect(parseCommand('create -t 5 -e /x')).toMatchObject({
      output: 'TTLs cannot be used with Ephemeral znodes',
    });
    expect(parseCommand('create -t x /x')).toMatchObject({ output: '-t argument must be a long value' });
    expect(parseCommand('create -c /container')).toMatchObject({ ok: true, cmd: { mode: 'CONTAINER' } });
    expect(parseCommand('create -t 100 /x')).toMatchObject({
      ok: true,
      cmd: { mode: 'PERSISTENT_WITH_TTL', ttl: 100 },
    });
    expect(parseCommand('create -s -t 100 /x')).toMatchObject({
      ok: true,
      cmd: { mode: 'PERSISTENT_SEQUENTIAL_WITH_TTL', ttl: 100 },
    });
    // EphemeralType.TTL.toEphemeralOwner's IllegalArgumentException
    expect(parseCommand('create -t 0 /x')).toMatchObject({
      ok: false,
      output: 'ttl must be positive and cannot be larger than: 1099511627775',
    });
  });

  it('other zkCli commands are reported as unsupported; empty lines are ignored', () => {
    expect(parseCommand('reconfig -remove 3')).toEqual({
      ok: false,
      output: 'Command not supported in ZAB Lab: reconfig',
      exitCode: 1,
    });
    expect(parseCommand('')).toEqual({ ok: false, output: '', exitCode: 0 });
    expect(parseCommand('  \t ')).toEqual({ ok: false, output: '', exitCode: 0 });
  });

  it('names inherited from Object.prototype are "Command not found", not a command (issue 15)', () => {
    for (const name of ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf']) {
      expect(parseCommand(`${name} /a`)).toEqual({
        ok: false,
        output: usageText() + '\nCommand not found: Command not found ' + name,
        exitCode: 127,
      });
    }
    // an option letter is looked up the same way
    expect(parseCommand('ls -_ /')).toMatchObject({ ok: false, output: 'Unrecognized option: -_' });
  });

  it('keeps the deprecated "cmd path [watch]" forms with their warning', () => {
    expect(parsed('get /a 1')).toEqual({
      cmd: 'get',
      path: '/a',
      stat: false,
      watch: true,
      warnings: ["'get path [watch]' has been deprecated. Please use 'get [-s] [-w] path' instead."],
    });
    expect(parsed('ls /a true')).toMatchObject({
      watch: true,
      warnings: ["'ls path [watch]' has been deprecated. Please use 'ls [-w] path' instead."],
    });
    expect(parsed('stat /a 1')).toMatchObject({ watch: true });
    // delete's old positional version is parsed away and ignored, as in zkCli
    expect(parsed('delete /a 3')).toMatchObject({
      version: -1,
      warnings: [expect.stringContaining('deprecated')],
    });
  });
});

describe('zkCli output formats', () => {
  it('javaDateString is Date.toString() of a UTC JVM', () => {
    expect(javaDateString(0)).toBe('Thu Jan 01 00:00:00 UTC 1970');
    expect(javaDateString(SIM_EPOCH_MS + 50_000)).toBe('Sat Nov 21 21:52:50 UTC 2026');
    expect(javaDateString(Date.UTC(2024, 1, 29, 23, 59, 59, 999))).toBe('Thu Feb 29 23:59:59 UTC 2024');
    const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
    const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    let x = 12345;
    for (let i = 0; i < 2000; i++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      const ms = Math.floor((x / 2147483648) * 8e12) - 1e12; // 1938 … 2223
      const d = new Date(ms);
      const p = (n: number) => String(n).padStart(2, '0');
      const want =
        `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${p(d.getUTCDate())} ` +
        `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
      expect(javaDateString(ms), String(ms)).toBe(want);
    }
  });

  it('stat times are virtual ms on the simulation clock; 0 is 1970', () => {
    expect(statTimeToEpochMs(0)).toBe(0);
    expect(statTimeToEpochMs(27_000)).toBe(SIM_EPOCH_MS + 27_000);
  });

  it('formatStat prints a fresh root like zkCli', () => {
    expect(formatStat(new DataTree().statNode('/')!)).toBe(
      [
        'cZxid = 0x0',
        'ctime = Thu Jan 01 00:00:00 UTC 1970',
        'mZxid = 0x0',
        'mtime = Thu Jan 01 00:00:00 UTC 1970',
        'pZxid = 0x0',
        'cversion = -1',
        'dataVersion = 0',
        'aclVersion = 0',
        'ephemeralOwner = 0x0',
        'dataLength = 0',
        'numChildren = 1',
      ].join('\n'),
    );
  });

  it('formatWatchEvent', () => {
    expect(formatWatchEvent('SyncConnected', 'NodeDataChanged', '/a')).toBe(
      'WATCHER::\n\nWatchedEvent state:SyncConnected type:NodeDataChanged path:/a',
    );
    expect(formatWatchEvent('SyncConnected', 'None', null)).toBe(
      'WATCHER::\n\nWatchedEvent state:SyncConnected type:None path:null',
    );
  });

  it('error texts: CliWrapperException wording, else KeeperException.getMessage', () => {
    expect(cliErrorText(Code.NODEEXISTS, '/a')).toBe('Node already exists: /a');
    expect(cliErrorText(Code.NONODE, '/x')).toBe('Node does not exist: /x');
    expect(cliErrorText(Code.NOTEMPTY, '/a')).toBe('Node not empty: /a');
    expect(cliErrorText(Code.BADVERSION, '/a')).toBe('version No is not valid : /a');
    expect(cliErrorText(Code.NOCHILDRENFOREPHEMERALS, '/e/child')).toBe(
      'Ephemerals cannot have children: /e/child',
    );
    expect(cliErrorText(Code.BADARGUMENTS, '/a')).toBe('Arguments are not valid : /a');
    // 3.9's wording (3.8 said "Authentication is not valid : /a")
    expect(cliErrorText(Code.NOAUTH, '/a')).toBe('Insufficient permission : /a');
    expect(cliErrorText(Code.INVALIDACL, '/a')).toBe('Acl is not valid : /a');
    expect(cliErrorText(Code.CONNECTIONLOSS, '/big2')).toBe('KeeperErrorCode = ConnectionLoss for /big2');
    expect(cliErrorText(Code.SESSIONEXPIRED, '/a')).toBe('KeeperErrorCode = Session expired for /a');
    expect(cliErrorText(Code.SESSIONMOVED, '/a')).toBe('KeeperErrorCode = Session moved for /a');
    expect(cliErrorText(Code.UNKNOWNSESSION, '/a')).toBe(
      'KeeperErrorCode = Unknown error UNKNOWNSESSION for /a',
    );
    expect(cliErrorText(Code.OPERATIONTIMEOUT, '/a')).toBe('KeeperErrorCode = OperationTimeout for /a');
    expect(keeperExceptionMessage(Code.CONNECTIONLOSS, null)).toBe('KeeperErrorCode = ConnectionLoss');
    for (const c of Object.values(Code)) expect(keeperCodeMessage(c)).not.toMatch(/Unknown error -/);
  });
});

describe('zkCli against a server: zkcli-transcript.md, one command at a time', () => {
  it('reproduces the outputs and exit codes', () => {
    const s = new FakeServer();
    expect(oneShot(s, 'create /a x', 27_000)).toMatchObject({ ok: true, output: 'Created /a', exitCode: 0 });
    expect(oneShot(s, 'create /a y')).toMatchObject({
      ok: false,
      output: 'Node already exists: /a',
      exitCode: 1,
    });
    expect(oneShot(s, 'create -s /a/s- d').output).toBe('Created /a/s-0000000000');
    expect(oneShot(s, 'create -s /a/s- d').output).toBe('Created /a/s-0000000001');
    expect(oneShot(s, 'create -e /e 1')).toMatchObject({ output: 'Created /e', exitCode: 0 });
    expect(oneShot(s, 'create /e/child 1')).toMatchObject({
      output: 'Ephemerals cannot have children: /e/child',
      exitCode: 1,
    });
    const statA = [
      'cZxid = 0x100000002',
      'ctime = Sat Nov 21 21:52:27 UTC 2026',
      'mZxid = 0x100000002',
      'mtime = Sat Nov 21 21:52:27 UTC 2026',
      'pZxid = 0x100000008',
      'cversion = 2',
      'dataVersion = 0',
      'aclVersion = 0',
      'ephemeralOwner = 0x0',
      'dataLength = 1',
      'numChildren = 2',
    ].join('\n');
    expect(oneShot(s, 'get -s /a')).toMatchObject({ output: 'x\n' + statA, exitCode: 0 });
    expect(oneShot(s, 'stat /a')).toMatchObject({ output: statA, exitCode: 0 });
    expect(oneShot(s, 'set /a z', 31_000)).toMatchObject({ ok: true, output: '', exitCode: 0 });
    expect(oneShot(s, 'set -v 0 /a q')).toMatchObject({
      output: 'version No is not valid : /a',
      exitCode: 1,
    });
    const setS = oneShot(s, 'set -s /a w', 32_000);
    expect(setS.exitCode).toBe(0);
    expect(setS.output.split('\n')).toEqual([
      'cZxid = 0x100000002',
      'ctime = Sat Nov 21 21:52:27 UTC 2026',
      `mZxid = 0x${s.zxid.toString(16)}`,
      'mtime = Sat Nov 21 21:52:32 UTC 2026',
      'pZxid = 0x100000008',
      'cversion = 2',
      'dataVersion = 2',
      'aclVersion = 0',
      'ephemeralOwner = 0x0',
      'dataLength = 1',
      'numChildren = 2',
    ]);
    expect(oneShot(s, 'get /a')).toMatchObject({ output: 'w', exitCode: 0 });
    expect(oneShot(s, 'delete /a')).toMatchObject({ output: 'Node not empty: /a', exitCode: 1 });
    expect(oneShot(s, 'ls /a')).toMatchObject({ output: '[s-0000000000, s-0000000001]', exitCode: 0 });
    expect(oneShot(s, 'ls -s /a').output.split('\n')[0]).toBe('[s-0000000000, s-0000000001]');
    expect(oneShot(s, 'deleteall /a')).toMatchObject({ ok: true, output: '', exitCode: 0 });
    expect(oneShot(s, 'ls /')).toMatchObject({ output: '[e, zookeeper]' });
    for (const line of ['stat /nonexistent', 'get /nonexistent', 'ls /nonexistent', 'delete /nonexistent']) {
      expect(oneShot(s, line), line).toMatchObject({
        output: 'Node does not exist: /nonexistent',
        exitCode: 1,
      });
    }
    expect(oneShot(s, 'set /nonexistent v')).toMatchObject({ output: 'Node does not exist: /nonexistent' });
    expect(oneShot(s, 'create /p/q/r 1')).toMatchObject({
      output: 'Node does not exist: /p/q/r',
      exitCode: 1,
    });
    expect(oneShot(s, 'create noslash 1')).toMatchObject({
      output: 'Path must start with / character',
      exitCode: 1,
    });
    expect(oneShot(s, 'create /')).toMatchObject({ output: 'Node already exists: /', exitCode: 1 });
    expect(oneShot(s, 'create /nodata', 41_000)).toMatchObject({ output: 'Created /nodata', exitCode: 0 });
    const nodata = oneShot(s, 'get -s /nodata').output.split('\n');
    expect(nodata[0]).toBe('null');
    expect(nodata[2]).toBe('ctime = Sat Nov 21 21:52:41 UTC 2026');
    expect(nodata.slice(6)).toEqual([
      'cversion = 0',
      'dataVersion = 0',
      'aclVersion = 0',
      'ephemeralOwner = 0x0',
      'dataLength = 0',
      'numChildren = 0',
    ]);
    expect(oneShot(s, 'sync /')).toMatchObject({ output: 'Sync is OK', exitCode: 0 });
    expect(oneShot(s, 'delete -v 5 /nodata')).toMatchObject({
      output: 'version No is not valid : /nodata',
      exitCode: 1,
    });
    expect(oneShot(s, 'delete /nodata')).toMatchObject({ output: '', exitCode: 0 });
  });

  it('ls -R / on a fresh ensemble', () => {
    const s = new FakeServer();
    expect(oneShot(s, 'ls -R /')).toMatchObject({
      output: '/\n/zookeeper\n/zookeeper/config\n/zookeeper/quota',
      exitCode: 0,
    });
  });

  it('ls -s / shows the root with its 1970 times', () => {
    const s = new FakeServer();
    const out = oneShot(s, 'ls -s /').output.split('\n');
    expect(out[0]).toBe('[zookeeper]');
    expect(out.slice(1, 4)).toEqual(['cZxid = 0x0', 'ctime = Thu Jan 01 00:00:00 UTC 1970', 'mZxid = 0x0']);
    expect(out).toContain('cversion = -1');
  });
});

describe('zkCli against a server: the interactive session', () => {
  it('prints watch events in zkCli form and keeps one-shot semantics', () => {
    const s = new FakeServer();
    const a = s.createSession();
    const b = s.createSession();
    s.cli('A', a, 'create /a x');
    s.cli('A', a, 'create -s /a/s- d');
    s.cli('A', a, 'create -s /a/s- d');
    expect(s.cli('A', a, 'create -s -e /a/es- d').output).toBe('Created /a/es-0000000002');
    expect(s.cli('A', a, 'get -w /a').output).toBe('x');
    s.cli('B', b, 'set /a watched');
    s.cli('B', b, 'set /a again');
    const mine = () =>
      s.events.filter((e) => e.watcher === 'A').map((e) => formatWatchEvent('SyncConnected', e.type, e.path));
    expect(mine()).toEqual(['WATCHER::\n\nWatchedEvent state:SyncConnected type:NodeDataChanged path:/a']);
    expect(s.cli('A', a, 'ls -w /a').output).toBe('[es-0000000002, s-0000000000, s-0000000001]');
    s.cli('A', a, 'create /a/child c');
    expect(mine()[1]).toBe('WATCHER::\n\nWatchedEvent state:SyncConnected type:NodeChildrenChanged path:/a');
    expect(s.cli('A', a, 'stat -w /a/child').output.split('\n')[0]).toMatch(/^cZxid = 0x1000000/);
    s.cli('A', a, 'delete /a/child');
    expect(mine()[2]).toBe('WATCHER::\n\nWatchedEvent state:SyncConnected type:NodeDeleted path:/a/child');
    expect(mine()).toHaveLength(3);
  });

  it('a large create passes, a too-large one is a lost connection and consumes no zxid', () => {
    const s = new FakeServer();
    const sid = s.createSession();
    expect(s.cli('A', sid, 'create /big1 ' + 'x'.repeat(1_000_000)).output).toBe('Created /big1');
    expect(s.cli('A', sid, 'stat /big1').output).toContain('dataLength = 1000000');
    const before = s.zxid;
    expect(s.cli('A', sid, 'create /big2 ' + 'x'.repeat(1_048_577))).toMatchObject({
      ok: false,
      output: 'KeeperErrorCode = ConnectionLoss for /big2',
      exitCode: 1,
    });
    expect(s.zxid).toBe(before);
    expect(s.cli('A', sid, 'ls /').output).toBe('[big1, zookeeper]');
  });

  it('an expired session', () => {
    const s = new FakeServer();
    const sid = s.createSession();
    s.closing.add(sid);
    expect(s.cli('A', sid, 'create /a 1')).toMatchObject({
      output: 'KeeperErrorCode = Session expired for /a',
      exitCode: 1,
    });
  });

  it('close yields nothing and asks the caller to close the session', () => {
    const gen = runCommand(parsed('close'));
    const step = gen.next();
    expect(step).toEqual({ done: true, value: { ok: true, output: '', exitCode: 0, close: true } });
  });
});

describe('zkCli: the requests each command sends', () => {
  it('get/ls/stat/set/delete/sync send one request each', () => {
    const s = new FakeServer();
    const sid = s.createSession();
    s.cli('A', sid, 'create /a x');
    expect(s.cli('A', sid, 'get -w /a').ops).toEqual([{ op: 'getData', path: '/a', watch: true }]);
    expect(s.cli('A', sid, 'ls /a').ops).toEqual([{ op: 'getChildren', path: '/a', watch: false }]);
    expect(s.cli('A', sid, 'stat -w /zz').ops).toEqual([{ op: 'exists', path: '/zz', watch: true }]);
    expect(s.cli('A', sid, 'set -v 0 /a y').ops).toEqual([
      { op: 'setData', path: '/a', data: 'y', version: 0 },
    ]);
    expect(s.cli('A', sid, 'sync /a').ops).toEqual([{ op: 'sync', path: '/a' }]);
    expect(s.cli('A', sid, 'delete /a').ops).toEqual([{ op: 'delete', path: '/a', version: -1 }]);
    expect(s.cli('A', sid, 'create -e /e').ops).toEqual([
      { op: 'create', path: '/e', data: '', mode: 'EPHEMERAL' },
    ]);
  });

  it('deleteall: BFS listing, then leaves-first deletes in multi batches', () => {
    const s = new FakeServer();
    const sid = s.createSession();
    for (const p of ['/a', '/a/b', '/a/c', '/a/b/x']) s.cli('A', sid, `create ${p}`);
    const r = s.cli('A', sid, 'deleteall /a');
    expect(r).toMatchObject({ ok: true, output: '', exitCode: 0 });
    expect(r.ops).toEqual([
      { op: 'getChildren', path: '/a', watch: false },
      { op: 'getChildren', path: '/a/b', watch: false },
      { op: 'getChildren', path: '/a/c', watch: false },
      { op: 'getChildren', path: '/a/b/x', watch: false },
      {
        op: 'multi',
        ops: [
          { op: 'delete', path: '/a/b/x', version: -1 },
          { op: 'delete', path: '/a/c', version: -1 },
          { op: 'delete', path: '/a/b', version: -1 },
          { op: 'delete', path: '/a', version: -1 },
        ],
      },
    ]);
    expect(s.tree.userPaths()).toEqual([]);
    // one zxid for the whole batch
    expect(s.log[s.log.length - 1].txn.type).toBe('multi');
  });

  it('deleteall -b 2 sends several batches; -b 0 sends plain deletes', () => {
    const s = new FakeServer();
    const sid = s.createSession();
    for (const p of ['/a', '/a/b', '/a/c']) s.cli('A', sid, `create ${p}`);
    const r = s.cli('A', sid, 'deleteall /a -b 2');
    expect(r.ops.filter((o) => o.op === 'multi').map((o) => (o.op === 'multi' ? o.ops.length : 0))).toEqual([
      2, 1,
    ]);
    for (const p of ['/a', '/a/b']) s.cli('A', sid, `create ${p}`);
    const r0 = s.cli('A', sid, 'deleteall /a -b 0');
    expect(r0.ops.slice(2)).toEqual([
      { op: 'delete', path: '/a/b', version: -1 },
      { op: 'delete', path: '/a', version: -1 },
    ]);
    expect(s.tree.userPaths()).toEqual([]);
  });

  it('deleteall that loses a race prints a warning but exits 0', () => {
    const s = new FakeServer();
    const sid = s.createSession();
    s.cli('A', sid, 'create /a');
    const gen = runCommand(parsed('deleteall /a'));
    let step = gen.next();
    expect(step.value).toEqual({ op: 'getChildren', path: '/a', watch: false });
    step = gen.next(s.execute('A', sid, { op: 'getChildren', path: '/a', watch: false }));
    s.cli('B', sid, 'create /a/late'); // sneaks in before the multi
    if (step.done) throw new Error('expected the multi');
    step = gen.next(s.execute('A', sid, step.value));
    expect(step).toEqual({
      done: true,
      value: { ok: true, output: 'Failed to delete some node(s) in the subtree!', exitCode: 0 },
    });
    expect(s.tree.userPaths()).toEqual(['/a', '/a/late']);
  });

  it('deleteall of a missing node is an error', () => {
    const s = new FakeServer();
    const sid = s.createSession();
    expect(s.cli('A', sid, 'deleteall /nope')).toMatchObject({
      output: 'Node does not exist: /nope',
      exitCode: 1,
    });
  });

  it('ls -R: getData on the root, then each level listed before descending', () => {
    const s = new FakeServer();
    const sid = s.createSession();
    for (const p of ['/a', '/a/c', '/a/b', '/a/b/x']) s.cli('A', sid, `create ${p}`);
    const r = s.cli('A', sid, 'ls -R -w /a');
    expect(r.output).toBe('/a\n/a/b\n/a/c\n/a/b/x');
    expect(r.ops).toEqual([
      { op: 'getData', path: '/a', watch: true },
      { op: 'getChildren', path: '/a', watch: true },
      { op: 'getChildren', path: '/a/b', watch: true },
      { op: 'getChildren', path: '/a/b/x', watch: true },
      { op: 'getChildren', path: '/a/c', watch: true },
    ]);
    expect(s.cli('A', sid, 'ls -R /nope')).toMatchObject({
      output: 'Node does not exist: /nope',
      exitCode: 1,
    });
  });

  it('sync reports a failure code instead of throwing', () => {
    const gen = runCommand(parsed('sync /'));
    gen.next();
    expect(gen.next({ err: Code.CONNECTIONLOSS, zxid: 0, result: null }).value).toEqual({
      ok: true,
      output: 'Sync has failed. rc=-4',
      exitCode: 0,
    });
  });

  it('stat of a missing node: exists() gives null → "Node does not exist"', () => {
    const gen = runCommand(parsed('stat /x'));
    gen.next();
    expect(gen.next({ err: Code.OK, zxid: 0, result: { op: 'exists', stat: null } }).value).toMatchObject({
      output: 'Node does not exist: /x',
      exitCode: 1,
    });
  });

  it('deprecation warnings come first in the output', () => {
    const s = new FakeServer();
    const sid = s.createSession();
    s.cli('A', sid, 'create /a hi');
    expect(s.cli('A', sid, 'get /a 1').output).toBe(
      "'get path [watch]' has been deprecated. Please use 'get [-s] [-w] path' instead.\nhi",
    );
  });
});

describe('zkCli: NOAUTH on /zookeeper/config', () => {
  it('prints "Insufficient permission" (3.9.5 CliWrapperException)', () => {
    const s = new FakeServer();
    const sid = s.createSession();
    expect(s.cli('A', sid, 'create /zookeeper/config/x 1')).toMatchObject({
      output: 'Insufficient permission : /zookeeper/config/x',
      exitCode: 1,
    });
  });
});
