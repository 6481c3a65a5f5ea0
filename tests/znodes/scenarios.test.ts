/**
 * Persistent and recursive watches, containers, TTL nodes, quotas and `config` through the CLI's
 * own path (scenario file → runScenarioText → summary), held to ZooKeeper 3.9.5's texts and order.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runScenarioText } from '../../src/sim/run';
import type { Summary } from '../../src/sim/Summary';

function run(file: string): Summary {
  const r = runScenarioText(readFileSync(file, 'utf8'));
  if (!r.ok) throw new Error(r.errors.join('\n'));
  expect(r.summary.violations).toEqual([]);
  return r.summary;
}
const out = (s: Summary, id: string, cmd: string) =>
  s.clients.filter((c) => c.id === id && c.cmd === cmd).map((c) => c.output);
const events = (s: Summary, id: string) =>
  s.events.filter((e) => e.id === id && e.type !== 'None').map((e) => `${e.type} ${e.path}`);

describe('scenarios/znodes/persistent-watches.json', () => {
  const s = run('scenarios/znodes/persistent-watches.json');

  it('a PERSISTENT watch fires for the node and its children and stays; a recursive one fires for every descendant, never NodeChildrenChanged', () => {
    expect(events(s, 'w').slice(0, 9)).toEqual([
      'NodeCreated /app',
      'NodeChildrenChanged /app',
      'NodeDataChanged /app',
      'NodeCreated /tree',
      'NodeCreated /tree/a',
      'NodeCreated /tree/a/b',
      'NodeDataChanged /tree/a/b',
      'NodeDeleted /tree/a/b',
      // after the failover (server 1 crashed): SetWatches2 re-registered both on the new server
      'NodeDataChanged /app',
    ]);
  });

  it('after the failover the same session keeps both watches (re-sent in SetWatches2)', () => {
    const sessionEvents = s.events.filter((e) => e.id === 'w' && e.type === 'None').map((e) => e.state);
    expect(sessionEvents).toEqual(['SyncConnected', 'Disconnected', 'SyncConnected']);
    expect(events(s, 'w')).toContain('NodeCreated /tree/z');
  });

  it('removewatches: NOWATCHER text for a kind the client does not hold, a PersistentWatchRemoved event otherwise, and nothing fires after', () => {
    expect(out(s, 'w', 'removewatches /app -d')).toEqual(['KeeperErrorCode = No such watcher for /app']);
    expect(out(s, 'w', 'removewatches /app -p')).toEqual(['']);
    expect(out(s, 'w', 'removewatches /tree')).toEqual(['']);
    expect(events(s, 'w').slice(-2)).toEqual(['PersistentWatchRemoved /app', 'PersistentWatchRemoved /tree']);
    // "set /app d" and "delete /tree/z" came after the removals: no event for them
    expect(events(s, 'w').filter((e) => e === 'NodeDeleted /tree/z')).toEqual([]);
  });
});

describe('scenarios/znodes/containers-ttl.json', () => {
  const s = run('scenarios/znodes/containers-ttl.json');

  it("create -c / -t print zkCli's words; a container shows ephemeralOwner 0x0", () => {
    expect(out(s, 'c', 'create -c /locks')).toEqual(['Created /locks']);
    expect(out(s, 'c', 'create -s -t 6000 /lease- x')).toEqual(['Created /lease-0000000002']);
    expect(out(s, 'c', 'create -c -s /bad')).toEqual([
      '-c cannot be combined with -s or -e. Containers cannot be ephemeral or sequential.',
    ]);
    expect(out(s, 'c', 'create -t 0 /bad')).toEqual([
      'ttl must be positive and cannot be larger than: 1099511627775',
    ]);
    expect(out(s, 'c', 'stat /locks')[0]).toContain('ephemeralOwner = 0x0\n');
  });

  it('server 2 was wiped and SNAP-synced, then led: its ContainerManager deleted the expired TTL nodes and the emptied container', () => {
    expect(s.syncs.some((x) => x.learner === 2 && x.mode === 'SNAP' && x.at > 2000)).toBe(true);
    expect(s.leader).toBe(2);
    expect(out(s, 'd', 'ls /')).toEqual(['[lease, lease-0000000002, locks, zookeeper]', '[zookeeper]']);
    for (const server of s.servers.filter((x) => x.up)) expect(Object.keys(server.tree)).toEqual([]);
  });
});

describe('scenarios/znodes/quotas.json', () => {
  const s = run('scenarios/znodes/quotas.json');
  const o = (cmd: string) => out(s, 'c', cmd);

  it('a soft count limit is passed without an error; listquota shows limits and the subtree stats', () => {
    expect(o('create /app/b 1')).toEqual(['Created /app/b']);
    expect(o('listquota /app')[0]).toBe(
      'absolute path is /zookeeper/quota/app/zookeeper_limits\n' +
        'Output quota for /app count=2,bytes=-1=;byteHardLimit=-1;countHardLimit=-1\n' +
        'Output stat for /app count=3,bytes=6',
    );
  });

  it('hard limits refuse with "Quota has exceeded : <path>" (create and setData)', () => {
    expect(o('setquota -N 3 /app')).toEqual([
      '[Warning]: the count quota you create is less than the existing count:3',
    ]);
    expect(o('create /app/c 1')[0]).toBe('Quota has exceeded : /app/c');
    expect(o('set /app/a 123456789012')).toEqual(['Quota has exceeded : /app/a']);
    // delquota -N lifts the hard limit: the same create goes through
    expect(o('create /app/c 1')[1]).toBe('Created /app/c');
  });

  it("SetQuotaCommand's refusals", () => {
    expect(o('setquota -n 5 /app/a')).toEqual(['/app/a has a parent /app which has a quota']);
    expect(o('setquota -n 5 /')).toEqual(['Path must not end with / character']);
    expect(o('setquota -n 0 /app')).toEqual(['the num quota must be greater than zero']);
    expect(o('setquota -n 1 -b 2 /app')).toEqual([
      "The option 'b' was specified but an option from this group has already been selected: 'n'",
    ]);
    expect(o('setquota /app')).toEqual([
      'Missing required option: [-n num soft quota, -b bytes soft quota, -N num hard quota, -B bytes hard quota]',
    ]);
    expect(o('setquota -n 1 /nope')).toEqual(['/nope does not exist.']);
  });

  it('delquota removes the quota nodes up to /zookeeper/quota', () => {
    expect(o('listquota /app').at(-1)).toBe(
      'absolute path is /zookeeper/quota/app/zookeeper_limits\nquota for /app does not exist.',
    );
    expect(o('delquota /app')).toEqual(['', 'Quota does not exist for /app']);
    expect(o('ls -R /zookeeper/quota')).toEqual(['/zookeeper/quota']);
  });
});
