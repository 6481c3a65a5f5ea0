// The one-way doors (zk ← sim ← runtime ← engine ← ui) are enforced by eslint.config.js's
// no-restricted-imports patterns; this checks the rule really fails a wrong-way import and lets a
// right-way one through, so a config edit cannot silently switch it off.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function layerErrors(file: string, code: string): Promise<number> {
  const [res] = await eslint.lintText(code, { filePath: file });
  return res!.messages.filter((m) => m.ruleId === 'no-restricted-imports').length;
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
});
