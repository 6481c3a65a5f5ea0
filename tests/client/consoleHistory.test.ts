/**
 * zkCli's console-only commands as ZooKeeperMain.processZKCmd runs them: history (the last 11
 * lines, itself included), redo N (index checks, "No redoing redos"), printwatches on|off.
 */
import { describe, expect, it } from 'vitest';
import { runScenarioText } from '../../src/sim/run';

function run(cmds: { at: number; cmd: string }[]) {
  const r = runScenarioText(
    JSON.stringify({
      format: 1,
      seed: 1,
      ensemble: { voters: 3, observers: 0 },
      config: { latencyMs: [1, 1] },
      actions: [
        { at: 0, start: [1, 2, 3] },
        ...cmds.map((c, i) => ({
          at: c.at,
          client: { id: 'c', ...(i === 0 ? { server: 1 } : {}), cmd: c.cmd },
        })),
        { at: 1500, client: { id: 'w', server: 2, cmd: 'set /a changed' } },
      ],
      until: 3000,
    }),
  );
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r;
}

describe('history, redo, printwatches', () => {
  const r = run([
    { at: 1000, cmd: 'create /a x' },
    { at: 1000, cmd: 'ls /' },
    { at: 1000, cmd: 'printwatches' },
    { at: 1000, cmd: 'printwatches off' },
    { at: 1000, cmd: 'get -w /a' },
    { at: 1000, cmd: 'history' },
    { at: 1000, cmd: 'redo 1' },
    { at: 1000, cmd: 'redo 9' },
    { at: 1000, cmd: 'redo 6' },
    { at: 1000, cmd: 'redo 7' },
  ]);
  const out = (cmd: string) =>
    r.summary.clients.filter((c) => c.id === 'c' && c.cmd === cmd).map((c) => c.output);

  it('history numbers every line from 0 and includes itself', () => {
    expect(out('history')).toEqual([
      '0 - create /a x\n1 - ls /\n2 - printwatches\n3 - printwatches off\n4 - get -w /a\n5 - history',
    ]);
    expect(out('printwatches')).toEqual(['printwatches is on']);
  });

  it('redo runs the numbered line again; an index out of range or a redo is refused', () => {
    expect(out('redo 1')).toEqual(['[a, zookeeper]']);
    expect(out('redo 9')).toEqual(['Command index out of range']);
    // a redo's history entry becomes the line it ran (history.put(commandCount, …)): 6 is "ls /"
    expect(out('redo 6')).toEqual(['[a, zookeeper]']);
    // a redo that failed stays "redo 9" in the history
    expect(out('redo 7')).toEqual(['No redoing redos']);
  });

  it('printwatches off: the watch fires (event recorded) but no WATCHER:: block is printed', () => {
    expect(r.summary.events.some((e) => e.id === 'c' && e.type === 'NodeDataChanged')).toBe(true);
    const view = r.sim.view().clients.find((c) => c.id === 'c')!;
    expect(view.transcript.filter((l) => l.includes('NodeDataChanged'))).toEqual([]);
    expect(view.transcript.filter((l) => l === 'WATCHER::')).toHaveLength(1); // the SyncConnected one
  });
});
