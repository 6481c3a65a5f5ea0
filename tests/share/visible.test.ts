/**
 * Invisible and direction-changing characters are shown escaped (src/share/visible.ts), and are
 * accepted alike by a link, a scenario file and a console command.
 */
import { describe, expect, it } from 'vitest';
import { hasInvisible, visible } from '../../src/share/visible';
import { decodeLink, encodeLink } from '../../src/share/link';
import { importScenarioFile } from '../../src/share/files';
import { makeScenario } from '../../src/sim/Scenario';

const spoof = 'Leader \u202ehsarc\u202c demo';

describe('visible()', () => {
  it('escapes bidi overrides, so a spoofed title cannot read as another', () => {
    expect(visible(spoof)).toBe('Leader ⟦U+202E⟧hsarc⟦U+202C⟧ demo');
  });

  it('escapes every character the issue lists, and leaves plain text (also CJK, emoji) alone', () => {
    const odd = [
      0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200b, 0x200c, 0x200d, 0x200e,
      0x200f, 0x061c, 0x2028, 0x2029, 0xfeff, 0x00ad, 0x0000, 0x001b, 0x007f, 0x0085,
    ];
    for (const c of odd) {
      const s = `a${String.fromCodePoint(c)}b`;
      expect(hasInvisible(s), c.toString(16)).toBe(true);
      expect(visible(s)).toBe(`a⟦U+${c.toString(16).toUpperCase().padStart(4, '0')}⟧b`);
    }
    for (const s of ['plain /a/b-1 data', '领导者崩溃', 'znode 🦓', 'tab\there\nnewline'])
      expect(visible(s)).toBe(s);
  });
});

describe('accepted alike by a link and a file', () => {
  const scenario = makeScenario({
    format: 1,
    title: spoof,
    seed: 1,
    ensemble: { voters: 3, observers: 0 },
    actions: [
      { at: 0, start: [1, 2, 3] },
      { at: 5000, client: { id: 'c\u200b1', server: 1, cmd: 'create /a\u202e b\ufeff' } },
    ],
    until: 8000,
  });

  it('a link carries them and reads them back as they were', () => {
    const r = decodeLink(encodeLink({ scenario, recorded: [], step: 3 }));
    expect(r.ok && r.state.scenario).toEqual(scenario);
  });

  it('a scenario file carries them too', () => {
    const r = importScenarioFile(JSON.stringify(scenario));
    expect(r.ok && r.scenario).toEqual(scenario);
  });
});
