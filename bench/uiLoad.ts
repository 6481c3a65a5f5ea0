/**
 * The UI bench's write load, as a scenario: what `npm run bench` plays with 7 servers, both through
 * the UI (ui-bench.ts: frame times) and straight on the runtime (the harness's playback figure).
 * Browser-safe: no Node imports.
 */
import { validateScenario, type Scenario } from '../src/sim/Scenario';

/**
 * 5 voters + 2 observers under a steady write load: 28 sessions spread over the servers each set
 * their own znode every 800 virtual ms, over slow links, so that 50–140 messages are in the air.
 */
export function writeLoadScenario(until = 40_000): Scenario {
  const clients = 28;
  const period = 800;
  const actions: Record<string, unknown>[] = [{ at: 0, start: [1, 2, 3, 4, 5, 6, 7] }];
  for (let c = 0; c < clients; c++)
    actions.push({ at: 3000, client: { id: `c${c}`, server: (c % 7) + 1, cmd: `create /k${c} 0` } });
  for (let t = 4000; t < until - 2000; t += period)
    for (let c = 0; c < clients; c++)
      actions.push({
        at: t + c * Math.floor(period / clients),
        client: { id: `c${c}`, cmd: `set /k${c} ${t}` },
      });
  actions.sort((a, b) => Number(a.at) - Number(b.at));
  const r = validateScenario({
    format: 1,
    title: 'Write load: 5 voters + 2 observers',
    seed: 3,
    ensemble: { voters: 5, observers: 2 },
    config: { latencyMs: [300, 700] },
    actions,
    until,
  });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.scenario;
}
