/**
 * Ensembles the e2e specs open by link: seven voters and two observers, elected, with a client on
 * S2 and one on S3 (compact cards everywhere, the smallest on a phone); a preset's scenario as its
 * file has it, and where the checker first reports in it.
 */
import { readFileSync } from 'node:fs';
import { expect } from '@playwright/test';
import { encodeLink } from '../src/share/link';
import { parseScenario, validateScenario, type Scenario } from '../src/sim/Scenario';
import { Simulation } from '../src/sim/Simulation';

/** A preset's scenario, read from src/presets/<id>.json. */
export function presetScenario(id: string): Scenario {
  const parsed = parseScenario(readFileSync(`src/presets/${id}.json`, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.scenario;
}

/**
 * The first violation of a preset, as StepRecords says on the same core in Node: the step that
 * wrote its trace line, that line's virtual time, and the step the run was played to to find it.
 */
export function firstViolation(id: string): { step: number; t: number; played: number } {
  const sim = new Simulation(presetScenario(id));
  while (!sim.trace.some((e) => e.ev === 'violation') && sim.step());
  const line = sim.trace.findIndex((e) => e.ev === 'violation');
  expect(line).toBeGreaterThan(0);
  return { step: sim.records.stepOfLine(line), t: sim.trace[line].t, played: sim.stepCount };
}

/** The seven-and-two ensemble's link, at step 0, in a language when one is given. */
export function sevenAndTwo(lang?: 'en' | 'zh-CN'): string {
  const r = validateScenario({
    format: 1,
    title: 'Seven voters, two observers',
    seed: 3,
    ensemble: { voters: 7, observers: 2 },
    config: { latencyMs: [1, 3] },
    actions: [
      { at: 0, start: [1, 2, 3, 4, 5, 6, 7, 8, 9] },
      { at: 3000, client: { id: 'c1', server: 2, cmd: 'create /a x' } },
      { at: 3000, client: { id: 'c2', server: 3, cmd: 'create /b x' } },
    ],
    until: 6000,
  });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return `/?s=${encodeLink({ scenario: r.scenario, recorded: [], step: 0, view: lang ? { lang } : undefined })}`;
}
