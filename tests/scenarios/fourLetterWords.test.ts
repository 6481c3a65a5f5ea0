/**
 * Four-letter words through the CLI path (`echo <word> | nc serverN 2181` lines in a scenario)
 * against ZooKeeper 3.9.5's command classes: srvr's layout and values from the model, the
 * whitelist refusal text, "not currently serving" before a leader exists, and a dead server.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runScenarioText } from '../../src/sim/run';
import { isEnabled } from '../../src/zk/server/command/FourLetterCommands';

const r = runScenarioText(readFileSync('scenarios/four-letter-words/srvr-and-whitelist.json', 'utf8'));
if (!r.ok) throw new Error(r.errors.join('\n'));
const s = r.summary;
const ops = s.clients.filter((c) => c.id === 'ops');
const answer = (cmd: string, nth = 0) => ops.filter((c) => c.cmd === cmd)[nth];

describe('four-letter words', () => {
  it('the whitelist rule: srvr always; listed words (trimmed) or "*"; nothing else', () => {
    expect(isEnabled('srvr', undefined)).toBe(true);
    expect(isEnabled('ruok', undefined)).toBe(false);
    expect(isEnabled('ruok', ' stat , ruok ')).toBe(true);
    expect(isEnabled('mntr', '*')).toBe(true);
    expect(isEnabled('xyzw', '*')).toBe(false);
  });

  it('srvr before the ensemble serves: "This ZooKeeper instance is not currently serving requests"', () => {
    expect(answer('echo srvr | nc server1 2181')).toMatchObject({
      ok: true,
      server: 1,
      output: 'This ZooKeeper instance is not currently serving requests',
    });
  });

  it("srvr prints StatCommand's lines, from the model: zxid, mode, connections, node count", () => {
    expect(answer('echo srvr | nc server1 2181', 1).output.split('\n')).toEqual([
      'Zookeeper version: 3.9.5-293c895a8d966a3ecb92872be4a1daf87d725da2, built on 2026-02-11 20:15 UTC',
      'Latency min/avg/max: 0/0.0/0',
      'Received: 0',
      'Sent: 0',
      'Connections: 1',
      'Outstanding: 0',
      'Zxid: 0x100000002',
      'Mode: follower',
      'Node count: 6',
    ]);
    const leader = answer('echo srvr | nc server3 2181').output;
    expect(leader).toContain('Mode: leader');
    expect(leader).toContain('Connections: 0');
    expect(leader.endsWith('Proposal sizes last/min/max: -1/-1/-1')).toBe(true);
  });

  it("a word not in the whitelist gets NopCommand's text; listed ones answer", () => {
    expect(answer('echo stat | nc server2 2181').output).toBe(
      'stat is not executed because it is not in the whitelist.',
    );
    expect(answer('echo ruok | nc server2 2181').output).toBe('imok');
    expect(answer('echo mntr | nc server3 2181').output).toContain('zk_server_state\tleader');
    expect(answer('echo mntr | nc server3 2181').output).toContain('zk_ephemerals_count\t1');
    expect(answer('echo wchs | nc server1 2181').output).toBe(
      '1 connections watching 1 paths\nTotal watches:1\n',
    );
    const dump = answer('echo dump | nc server3 2181').output;
    expect(dump).toContain('Sessions with Ephemerals (1):');
    expect(dump).toMatch(/\n\t\/e\n/);
  });

  it('a crashed server refuses the connection, as nc reports it', () => {
    expect(answer('echo ruok | nc server2 2181', 1)).toMatchObject({
      ok: false,
      output: 'nc: connect to server2 port 2181 (tcp) failed: Connection refused',
    });
  });

  it('an nc line changes nothing in the ensemble: no request, no zxid', () => {
    expect(ops.every((c) => c.zxid === undefined)).toBe(true);
    expect(s.violations).toEqual([]);
  });
});
