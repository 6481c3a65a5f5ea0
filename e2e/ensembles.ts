/**
 * Ensembles the e2e specs open by link: seven voters and two observers, elected, with a client on
 * S2 and one on S3 (compact cards everywhere, the smallest on a phone).
 */
import { encodeLink } from '../src/share/link';
import { validateScenario } from '../src/sim/Scenario';

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
