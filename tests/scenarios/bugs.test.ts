/**
 * ZOOKEEPER-4643 (zk-reference §8.2): the checker must have teeth. The same schedule loses a
 * committed txn under "3.9.1" NEWLEADER handling and is safe under "3.9.5".
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runScenarioText } from '../../src/sim/run';

function run(file: string) {
  const r = runScenarioText(readFileSync(file, 'utf8'));
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.summary;
}

describe('ZOOKEEPER-4643: currentEpoch persisted before the synced txns are durable', () => {
  it('under 3.9.1 the new epoch-3 leader lacks a committed txn and the old leader is truncated past it', () => {
    const s = run('scenarios/bugs/zookeeper-4643-391.json');
    expect(s.clients.find((c) => c.cmd.startsWith('create /t'))).toMatchObject({
      ok: true,
      zxid: '0x100000003',
    });
    expect(s.leader).toBe(1);
    expect(s.servers.find((x) => x.sid === 1)!.currentEpoch).toBe(3);
    expect(s.syncs.at(-1)).toMatchObject({ leader: 1, learner: 3, mode: 'TRUNC', zxid: '0x100000002' });
    const names = s.violations.map((v) => v.invariant).sort();
    expect(names).toEqual(['Durability', 'TruncBelowCommitted']);
    expect(s.servers.every((x) => x.tree['/t'] === undefined)).toBe(true);
  });

  it('under 3.9.5 the same schedule keeps the txn: no violation', () => {
    const s = run('scenarios/bugs/zookeeper-4643-395.json');
    expect(s.violations).toEqual([]);
    expect(s.leader).toBe(3);
    for (const x of s.servers.filter((x) => x.up)) expect(x.tree['/t']).toBeDefined();
  });
});
