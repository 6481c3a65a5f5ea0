/**
 * ACLs and authentication against ZooKeeper 3.9.5's code: DigestAuthenticationProvider's digest,
 * IPAuthenticationProvider's matching, ZooKeeperServer.checkACL, PrepRequestProcessor.fixupACL and
 * the order of its checks, FinalRequestProcessor's read checks, and zkCli's texts for each.
 */
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sha1 } from '../../src/zk/auth/sha1';
import {
  base64Encode,
  DigestAuthenticationProvider,
  generateDigest,
} from '../../src/zk/auth/DigestAuthenticationProvider';
import { IPAuthenticationProvider } from '../../src/zk/auth/IPAuthenticationProvider';
import { checkACL, fixupACL } from '../../src/zk/auth/ACLChecks';
import { formatAcl, getPermString, parseAcl } from '../../src/zk/cli/AclParser';
import { DataTree } from '../../src/zk/DataTree';
import { Code, OPEN_ACL_UNSAFE, Perms, type ACL, type Id } from '../../src/zk/ZooDefs';
import { FakeServer } from './fakeServer';

const IP: Id = { scheme: 'ip', id: '127.0.0.1' };
const ALICE = generateDigest('alice:secret');
const aliceId: Id = { scheme: 'digest', id: ALICE };
const acl = (scheme: string, id: string, perms: number): ACL => ({ perms, id: { scheme, id } });

describe('digest: DigestAuthenticationProvider.generateDigest (SHA-1, base64)', () => {
  it('equals Java MessageDigest SHA1 + base64 of "user:password"', () => {
    // the same computation as `java DigestAuthenticationProvider alice:secret`
    expect(ALICE).toBe('alice:' + createHash('sha1').update('alice:secret').digest('base64'));
    expect(ALICE).toBe('alice:aYXlLOpEooaV1cRAvUL1fp9Qt7E=');
    // FIPS 180 test vectors
    const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
    expect(hex(sha1(new Uint8Array()))).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
    expect(hex(sha1(new TextEncoder().encode('abc')))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
  });

  it('SHA-1 and base64Encode agree with node:crypto for any bytes (lengths across block edges)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), (n) => {
        const b = new Uint8Array(randomBytes(n));
        const want = createHash('sha1').update(b).digest();
        expect(Buffer.from(sha1(b)).equals(want)).toBe(true);
        expect(base64Encode(b)).toBe(Buffer.from(b).toString('base64'));
      }),
      { numRuns: 200 },
    );
  });

  it('the user is what comes before the first colon; ids are valid only as user:hash', () => {
    expect(generateDigest('bob:a:b').startsWith('bob:')).toBe(true);
    expect(generateDigest('nocolon')).toBe(
      'nocolon:' + createHash('sha1').update('nocolon').digest('base64'),
    );
    expect(DigestAuthenticationProvider.isValid('alice:xyz=')).toBe(true);
    expect(DigestAuthenticationProvider.isValid('alice')).toBe(false);
    expect(DigestAuthenticationProvider.isValid('alice:')).toBe(false); // split drops the trailing ""
    expect(DigestAuthenticationProvider.isValid('a:b:c')).toBe(false);
    expect(DigestAuthenticationProvider.getUserName(ALICE)).toBe('alice');
    // addauth digest with no credential: new String(null) throws → AUTHFAILED
    expect(DigestAuthenticationProvider.handleAuthentication(null, '127.0.0.1')).toBeNull();
  });
});

describe('ip: IPAuthenticationProvider', () => {
  const ip = IPAuthenticationProvider;
  it('matches exact addresses and CIDR prefixes, IPv4 and IPv6', () => {
    expect(ip.matches('127.0.0.1', '127.0.0.1')).toBe(true);
    expect(ip.matches('127.0.0.1', '127.0.0.2')).toBe(false);
    expect(ip.matches('127.0.0.1', '127.0.0.0/8')).toBe(true);
    expect(ip.matches('10.1.2.3', '127.0.0.0/8')).toBe(false);
    expect(ip.matches('10.1.2.3', '10.1.0.0/16')).toBe(true);
    expect(ip.matches('10.1.2.3', '0.0.0.0/0')).toBe(true);
    expect(ip.matches('::1', '0:0:0:0:0:0:0:1')).toBe(true);
    expect(ip.matches('127.0.0.1', '::1')).toBe(false); // different lengths
  });
  it('isValid refuses what is not an address or a prefix out of range', () => {
    expect(ip.isValid('10.0.0.0/8')).toBe(true);
    expect(ip.isValid('fe80::1/64')).toBe(true);
    expect(ip.isValid('10.0.0.0/33')).toBe(false);
    expect(ip.isValid('256.0.0.1')).toBe(false);
    expect(ip.isValid('1.2.3')).toBe(false);
    expect(ip.isValid('localhost')).toBe(false);
    expect(ip.isValid('1::2::3')).toBe(false);
    // `addauth ip anything` adds the connection's own address; ip ids are not "authenticated"
    expect(ip.handleAuthentication('9.9.9.9', '127.0.0.1')).toEqual([IP]);
    expect(ip.isAuthenticated()).toBe(false);
  });
});

describe('ZooKeeperServer.checkACL', () => {
  it('world:anyone with the perm, or a matching id of the same scheme; an empty ACL allows all', () => {
    expect(checkACL(OPEN_ACL_UNSAFE, Perms.ADMIN, [])).toBe(Code.OK);
    expect(checkACL([acl('world', 'anyone', Perms.READ)], Perms.WRITE, [])).toBe(Code.NOAUTH);
    expect(checkACL([acl('digest', ALICE, Perms.ALL)], Perms.READ, [IP])).toBe(Code.NOAUTH);
    expect(checkACL([acl('digest', ALICE, Perms.ALL)], Perms.READ, [IP, aliceId])).toBe(Code.OK);
    expect(checkACL([acl('digest', ALICE, Perms.READ)], Perms.WRITE, [aliceId])).toBe(Code.NOAUTH);
    expect(checkACL([acl('ip', '127.0.0.0/8', Perms.READ)], Perms.READ, [IP])).toBe(Code.OK);
    // an entry of a scheme without a provider never matches (world:foo is not world:anyone)
    expect(checkACL([acl('world', 'foo', Perms.ALL)], Perms.READ, [IP])).toBe(Code.NOAUTH);
    expect(checkACL([], Perms.ADMIN, [])).toBe(Code.OK);
    expect(checkACL([acl('digest', ALICE, Perms.ALL)], Perms.READ, [{ scheme: 'super', id: '' }])).toBe(
      Code.OK,
    );
  });
});

describe('PrepRequestProcessor.fixupACL', () => {
  it('keeps world:anyone and valid ids, drops duplicates, expands auth to authenticated ids', () => {
    expect(fixupACL([IP], [...OPEN_ACL_UNSAFE, ...OPEN_ACL_UNSAFE])).toEqual(OPEN_ACL_UNSAFE);
    expect(fixupACL([IP, aliceId], [acl('auth', '', Perms.ALL)])).toEqual([acl('digest', ALICE, Perms.ALL)]);
    expect(fixupACL([IP], [acl('ip', '10.0.0.0/8', Perms.READ)])).toEqual([
      acl('ip', '10.0.0.0/8', Perms.READ),
    ]);
  });
  it('is INVALIDACL for empty lists, unknown schemes, bad ids, and auth without an authenticated id', () => {
    expect(fixupACL([IP], [])).toBe(Code.INVALIDACL);
    expect(fixupACL([IP], [acl('auth', '', Perms.ALL)])).toBe(Code.INVALIDACL); // ip is not authenticated
    expect(fixupACL([IP], [acl('world', 'foo', Perms.ALL)])).toBe(Code.INVALIDACL);
    expect(fixupACL([IP], [acl('super', 'x', Perms.ALL)])).toBe(Code.INVALIDACL);
    expect(fixupACL([IP], [acl('digest', 'alice', Perms.ALL)])).toBe(Code.INVALIDACL);
    expect(fixupACL([IP], [acl('ip', 'nowhere', Perms.ALL)])).toBe(Code.INVALIDACL);
  });
});

describe('zkCli AclParser, getPermString and getAcl layout', () => {
  it('parses scheme:id:perm lists, reporting what it skips on stderr', () => {
    expect(parseAcl('world:anyone:cdrwa')).toEqual({ acl: [...OPEN_ACL_UNSAFE], errors: [] });
    expect(parseAcl('digest:' + ALICE + ':rw,ip:10.0.0.1:r')).toEqual({
      acl: [acl('digest', ALICE, Perms.READ | Perms.WRITE), acl('ip', '10.0.0.1', Perms.READ)],
      errors: [],
    });
    expect(parseAcl('foo')).toEqual({ acl: [], errors: ['foo does not have the form scheme:id:perm'] });
    expect(parseAcl('world:anyone:rq')).toEqual({
      acl: [acl('world', 'anyone', Perms.READ)],
      errors: ['Unknown perm type: q'],
    });
    expect(parseAcl(',')).toEqual({ acl: [], errors: [] }); // ",".split(",") is empty in Java
    expect(parseAcl('')).toEqual({ acl: [], errors: [' does not have the form scheme:id:perm'] });
  });
  it("prints each entry as the jute Id record, then ': perms'", () => {
    expect(getPermString(Perms.ALL)).toBe('cdrwa');
    expect(getPermString(Perms.READ | Perms.ADMIN)).toBe('ra');
    expect(formatAcl(OPEN_ACL_UNSAFE)).toEqual(["'world,'anyone", ': cdrwa']);
    expect(formatAcl([acl('ip', 'a,b%', Perms.READ)])).toEqual(["'ip,'a%2Cb%25", ': r']);
  });
});

/** Two zkCli consoles on one server: alice (authenticated) and mallory (not). */
function ensemble() {
  const s = new FakeServer();
  const a = s.createSession();
  const m = s.createSession();
  s.cli('alice', a, 'addauth digest alice:secret');
  return {
    s,
    alice: (line: string) => s.cli('alice', a, line),
    mallory: (line: string) => s.cli('mallory', m, line),
  };
}

describe('zkCli over the ACL checks (texts and order as 3.9.5)', () => {
  it('getAcl / shows the default ACL; /zookeeper/config is world:anyone:r with aclVersion -1', () => {
    const { alice } = ensemble();
    expect(alice('getAcl /').output).toBe("'world,'anyone\n: cdrwa");
    const cfg = alice('getAcl -s /zookeeper/config').output;
    expect(cfg).toContain("'world,'anyone\n: r\n");
    expect(cfg).toContain('aclVersion = -1');
  });

  it('a digest-protected node: the owner reads and writes, anyone else gets "Insufficient permission"', () => {
    const { alice, mallory } = ensemble();
    expect(alice('create /lock held auth::cdrwa').output).toBe('Created /lock');
    expect(alice('getAcl /lock').output).toBe(`'digest,'${ALICE}\n: cdrwa`);
    expect(alice('get /lock').output).toBe('held');
    expect(alice('whoami').output).toBe('Auth scheme: User\nip: 127.0.0.1\ndigest: alice');
    for (const cmd of [
      'get /lock',
      'ls /lock',
      'stat /lock',
      'set /lock x',
      'getAcl /lock',
      'setAcl /lock world:anyone:cdrwa',
    ]) {
      expect(mallory(cmd)).toMatchObject({ ok: false, output: 'Insufficient permission : /lock' });
    }
    expect(mallory('create /lock/child x').output).toBe('Insufficient permission : /lock/child');
    expect(mallory('whoami').output).toBe('Auth scheme: User\nip: 127.0.0.1');
    // DELETE is the parent's permission: "/" is world:anyone:cdrwa, so the lock itself can go
    expect(mallory('delete /lock')).toMatchObject({ ok: true, output: '' });
  });

  it('getAcl with READ but not ADMIN masks digests as user:x (FinalRequestProcessor)', () => {
    const { alice, mallory } = ensemble();
    alice(`create /r x digest:${ALICE}:cdrwa,world:anyone:r`);
    expect(mallory('getAcl /r').output).toBe("'digest,'alice:x\n: cdrwa\n'world,'anyone\n: r");
    expect(alice('getAcl /r').output).toBe(`'digest,'${ALICE}\n: cdrwa\n'world,'anyone\n: r`);
  });

  it('setAcl bumps aversion; -v checks it; -s prints the stat', () => {
    const { alice } = ensemble();
    alice('create /a x');
    expect(alice('setAcl -v 1 /a world:anyone:r').output).toBe('version No is not valid : /a');
    expect(alice('setAcl -s -v 0 /a world:anyone:cdra').output).toContain('aclVersion = 1');
    expect(alice('setAcl -v 0 /a world:anyone:cdra').output).toBe('version No is not valid : /a');
    expect(alice('stat /a').output).toContain('aclVersion = 1');
    // no WRITE any more: set fails, getAcl shows the new ACL
    expect(alice('set /a y').output).toBe('Insufficient permission : /a');
    expect(alice('getAcl /a').output).toBe("'world,'anyone\n: cdra");
  });

  it('invalid ACLs: the client refuses an empty list, the server an invalid one', () => {
    const { alice, mallory } = ensemble();
    // AclParser skipped everything → ZooKeeper.validateACL throws InvalidACLException() with no path
    expect(alice('create /b x foo').output).toBe(
      'foo does not have the form scheme:id:perm\nKeeperErrorCode = InvalidACL\nAcl is not valid : null',
    );
    expect(alice('create /b x digest:alice:cdrwa').output).toBe(
      'KeeperErrorCode = InvalidACL for /b\nAcl is not valid : /b',
    );
    expect(mallory('create /b x auth::cdrwa').output).toBe(
      'KeeperErrorCode = InvalidACL for /b\nAcl is not valid : /b',
    );
    expect(alice('create /b x world:anyone:rq').output).toBe('Unknown perm type: q\nCreated /b');
    expect(alice('setAcl /b bogus').output).toBe(
      'bogus does not have the form scheme:id:perm\nAcl is not valid : null',
    );
    expect(alice('setAcl /b world:nobody:r').output).toBe('Acl is not valid : /b');
  });

  it("checks come in pRequest2Txn's order", () => {
    const { alice, mallory } = ensemble();
    alice('create /p x auth::cdrwa');
    alice('create /p/c x');
    // setACL: fixupACL before the node lookup → INVALIDACL beats NONODE
    expect(alice('setAcl /missing world:nobody:r').output).toBe('Acl is not valid : /missing');
    // create: fixupACL, then the parent (NONODE), then CREATE on the parent, then NODEEXISTS
    expect(alice('create /nope/x x world:nobody:r').output).toContain('Acl is not valid : /nope/x');
    expect(mallory('create /nope/x x').output).toBe('Node does not exist: /nope/x');
    expect(mallory('create /p/c x').output).toBe('Insufficient permission : /p/c');
    // delete: DELETE on the parent before the node's version; setData: WRITE before the version
    expect(mallory('delete -v 7 /p/c').output).toBe('Insufficient permission : /p/c');
    alice('setAcl /p/c world:anyone:r');
    expect(mallory('set -v 7 /p/c y').output).toBe('Insufficient permission : /p/c');
    // setACL: ADMIN before the aversion
    expect(mallory('setAcl -v 9 /p/c world:anyone:cdrwa').output).toBe('Insufficient permission : /p/c');
  });

  it('setAcl -R walks the subtree with getData/getChildren and setACLs each node', () => {
    const { alice, s } = ensemble();
    alice('create /t x');
    alice('create /t/a x');
    alice('create /t/a/b x');
    expect(alice('setAcl -R /t auth::cdrwa').output).toBe('');
    for (const p of ['/t', '/t/a', '/t/a/b']) {
      expect(s.tree.getACL(p)?.acl).toEqual([acl('digest', ALICE, Perms.ALL)]);
    }
    // without READ left on the root, the walk's getChildren fails after the first setACL
    expect(alice('setAcl -R /t world:anyone:w').output).toBe('Insufficient permission : /t');
    expect(s.tree.getACL('/t/a')?.acl).toEqual([acl('digest', ALICE, Perms.ALL)]);
  });

  it('deleteall of an unreadable subtree stops at its first getChildren', () => {
    const { alice, mallory } = ensemble();
    alice('create /q x auth::cdrwa');
    expect(mallory('deleteall /q').output).toBe('Insufficient permission : /q');
  });
});

describe('DataTree: ACLs in txns and snapshots', () => {
  it('a snapshot keeps non-default ACLs and reads back equal; default ones are not written', () => {
    const { alice, s } = ensemble();
    alice('create /open x');
    alice('create /lock x auth::cdrwa');
    alice('setAcl /open world:anyone:r');
    const snap = s.tree.serialize();
    const byPath = new Map(snap.nodes.map((n) => [n.path, n]));
    expect(byPath.get('/')?.acl).toBeUndefined();
    expect(byPath.get('/zookeeper/config')?.acl).toBeUndefined();
    expect(byPath.get('/lock')?.acl).toEqual([acl('digest', ALICE, Perms.ALL)]);
    const back = DataTree.deserialize(JSON.parse(JSON.stringify(snap)));
    for (const p of s.tree.allPaths()) expect(back.getACL(p)).toEqual(s.tree.getACL(p));
    expect(back.serialize()).toEqual(snap);
  });

  it('a CreateTxn carries the ACL only when it is not OPEN_ACL_UNSAFE; setACL is its own txn', () => {
    const { alice, s } = ensemble();
    alice('create /open x');
    alice('create /lock x auth::cdrwa');
    alice('setAcl /open world:anyone:r');
    const txns = s.log.slice(-3).map((r) => r.txn);
    expect(txns[0]).toEqual({
      type: 'create',
      path: '/open',
      data: 'x',
      ephemeralOwner: '0x0',
      parentCVersion: 1,
    });
    expect(txns[1]).toMatchObject({ type: 'create', path: '/lock', acl: [acl('digest', ALICE, Perms.ALL)] });
    expect(txns[2]).toEqual({
      type: 'setACL',
      path: '/open',
      acl: [acl('world', 'anyone', Perms.READ)],
      version: 1,
    });
  });
});

describe('zkCli getEphemerals and getAllChildrenNumber (3.9.5 commands)', () => {
  it("getEphemerals lists the session's own ephemeral nodes, optionally under a prefix", () => {
    const { alice, mallory } = ensemble();
    alice('create /app x');
    alice('create -e /app/a x');
    alice('create -e /b x');
    mallory('create -e /m x');
    expect(alice('getEphemerals').output).toBe('[/app/a, /b]');
    expect(alice('getEphemerals /app').output).toBe('[/app/a]');
    expect(alice('getEphemerals /zz').output).toBe('[]');
    expect(mallory('getEphemerals /').output).toBe('[/m]');
    expect(alice('getEphemerals app').output).toBe('Path must start with / character');
  });

  it('getAllChildrenNumber counts every node below the path; READ is checked; the path is required', () => {
    const { alice, mallory } = ensemble();
    alice('create /t x');
    alice('create /t/a x');
    alice('create /t/a/b x');
    expect(alice('getAllChildrenNumber /t').output).toBe('2');
    // "/": every node but the root (/zookeeper, /zookeeper/config, /zookeeper/quota, /t, /t/a, /t/a/b)
    expect(alice('getAllChildrenNumber /').output).toBe('6');
    expect(alice('getAllChildrenNumber /nope').output).toBe('Node does not exist: /nope');
    expect(alice('getAllChildrenNumber')).toMatchObject({ ok: false, output: 'getAllChildrenNumber path' });
    alice('setAcl /t auth::cdrwa');
    expect(mallory('getAllChildrenNumber /t').output).toBe('Insufficient permission : /t');
  });
});
