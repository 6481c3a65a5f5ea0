// The one-way doors (zk ← sim ← runtime ← engine ← ui) are enforced by eslint.config.js's
// no-restricted-imports patterns; this checks the rule really fails a wrong-way import and lets a
// right-way one through, so a config edit cannot silently switch it off.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function layerErrors(file: string, code: string): Promise<number> {
  const [res] = await eslint.lintText(code, { filePath: file });
  return res!.messages.filter(
    (m) =>
      m.ruleId === 'no-restricted-imports' ||
      m.ruleId === '@typescript-eslint/no-restricted-imports' ||
      m.ruleId === 'no-restricted-syntax',
  ).length;
}

describe('layer rule', () => {
  it.each([
    ['src/zk/Probe.ts', "import type { SimView } from '../sim/SimulationApi';\nexport type X = SimView;\n"],
    [
      'src/zk/auth/Probe.ts',
      "import type { Scenario } from '../../sim/Scenario';\nexport type X = Scenario;\n",
    ],
    [
      'src/sim/Probe.ts',
      "import type { BrowserRuntime } from '../runtime/runtime';\nexport type X = BrowserRuntime;\n",
    ],
    ['src/runtime/Probe.ts', "import { t } from '../ui/i18n';\nexport const x = t;\n"],
    ['src/presets/Probe.ts', "import { t } from '../ui/i18n';\nexport const x = t;\n"],
  ])('refuses an upward import in %s', async (file, code) => {
    expect(await layerErrors(file, code)).toBe(1);
  });

  it.each([
    ['src/sim/Probe.ts', "import type { ServerView } from '../zk/view';\nexport type X = ServerView;\n"],
    ['src/runtime/Probe.ts', "import type { Scenario } from '../sim/Scenario';\nexport type X = Scenario;\n"],
    ['src/lessons/Probe.ts', "import { x } from './engine';\nexport const y = x;\n"],
  ])('lets a downward import through in %s', async (file, code) => {
    expect(await layerErrors(file, code)).toBe(0);
  });

  // the UI reaches src/zk and src/sim through their view modules: values only from zk/view,
  // zk/viewApi and sim/viewApi; types from anywhere (import type, or every specifier `type`)
  it.each([
    ['src/ui/Probe.ts', "import { zxidToHex } from '../zk/Zxid';\nexport const x = zxidToHex;\n"],
    [
      'src/ui/panels/Probe.tsx',
      "import { Simulation } from '../../sim/Simulation';\nexport const x = Simulation;\n",
    ],
    [
      'src/ui/stage/Probe.ts',
      "import { validateScenario, type Scenario } from '../../sim/Scenario';\nexport const x: (s: Scenario) => unknown = validateScenario;\n",
    ],
    ['src/ui/Probe.ts', "export { replayTraceLines } from '../sim/traceReplay';\n"],
    ['src/ui/Probe.ts', "import * as acl from '../zk/cli/AclParser';\nexport const x = acl;\n"],
    ['src/ui/Probe.ts', "import '../sim/Simulation';\n"],
    ['src/ui/Probe.ts', "export const load = () => import('../sim/traceReplay');\n"],
  ])('refuses a value import of a core internal in %s', async (file, code) => {
    expect(await layerErrors(file, code)).toBe(1);
  });

  it.each([
    ['src/ui/Probe.ts', "import { zxidToHex } from '../zk/viewApi';\nexport const x = zxidToHex;\n"],
    [
      'src/ui/panels/Probe.tsx',
      "import { validateScenario } from '../../sim/viewApi';\nexport const x = validateScenario;\n",
    ],
    [
      'src/ui/stage/Probe.ts',
      "import type { ServerView } from '../../zk/view';\nexport type X = ServerView;\n",
    ],
    [
      'src/ui/Probe.ts',
      "import type { Simulation } from '../sim/Simulation';\nexport type X = Simulation;\n",
    ],
    ['src/ui/Probe.ts', "import { type Scenario } from '../sim/Scenario';\nexport type X = Scenario;\n"],
    [
      'src/ui/Probe.ts',
      "import { replayTraceLines } from '../engine';\nexport const x = replayTraceLines;\n",
    ],
    ['src/ui/Probe.ts', "export const load = () => import('../sim/viewApi');\n"],
  ])('lets a view import through in %s', async (file, code) => {
    expect(await layerErrors(file, code)).toBe(0);
  });
});
