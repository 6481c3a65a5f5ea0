/**
 * The random chaos schedules carry ACL changes (RandomScenario's stream 81): in about 40% of the
 * seeds a1 runs addauth digest first, then creates with auth::cdrwa and setAcl's; a2 writes to the
 * same nodes from random servers. The schedule stays sorted by time and the other streams unchanged.
 */
import { describe, expect, it } from 'vitest';
import { randomScenario } from '../../src/sim/RandomScenario';
import { runScenarioText } from '../../src/sim/run';

const shape = { voters: 3, observers: 0, chaosMs: 12000, settleMs: 12000 };
const aclCmds = (seed: number) =>
  randomScenario(seed, shape).actions.flatMap((a) =>
    'client' in a && (a.client.id === 'a1' || a.client.id === 'a2') ? [a.client.cmd] : [],
  );

describe('RandomScenario: ACL changes', () => {
  it('about 40% of the seeds; addauth comes first; actions stay sorted', () => {
    let with_ = 0;
    for (let seed = 0; seed < 200; seed++) {
      const cmds = aclCmds(seed);
      const acts = randomScenario(seed, shape).actions;
      for (let i = 1; i < acts.length; i++) expect(acts[i].at).toBeGreaterThanOrEqual(acts[i - 1].at);
      if (cmds.length === 0) continue;
      with_++;
      expect(cmds[0]).toBe('addauth digest alice:secret');
      expect(cmds.slice(1).every((c) => /^(create \/acl|setAcl|getAcl|set \/n)/.test(c))).toBe(true);
    }
    expect(with_).toBeGreaterThan(50);
    expect(with_).toBeLessThan(110);
  });

  it('a seed with ACL changes runs through the checker without a violation', () => {
    const seed = [...Array(50).keys()].find((s) => aclCmds(s).some((c) => c.startsWith('setAcl')))!;
    const r = runScenarioText(JSON.stringify(randomScenario(seed, shape)));
    if (!r.ok) throw new Error(r.errors.join('\n'));
    expect(r.summary.violations).toEqual([]);
    const outs = r.summary.clients.filter((c) => c.id === 'a1' || c.id === 'a2').map((c) => c.output);
    // every command was answered with one of zkCli's texts (or nothing)
    for (const o of outs) expect(o).not.toMatch(/internal error|undefined/);
  });
});
