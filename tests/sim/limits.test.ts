/**
 * The scenario limits (src/sim/limits.ts), as every reader meets them through parseScenario /
 * validateScenario: each refusal names the limit and the value, comes before the work, and never
 * echoes a huge input back.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario, validateScenario } from '../../src/sim/Scenario';
import { LIMITS } from '../../src/sim/limits';

const base = { format: 1, seed: 7, ensemble: { voters: 3 }, actions: [], until: 1000 };
const errors = (text: string): string[] => {
  const r = parseScenario(text);
  return r.ok ? [] : r.errors;
};

describe('scenario limits', () => {
  it('a 2 MB unknown key: no "did you mean" (the edit distance would take seconds), echoed cut with its length', () => {
    const key = 'x'.repeat(LIMITS.fileBytes - 200);
    const e = validateScenario({ ...base, config: { [key]: 1 } });
    expect(e.ok).toBe(false);
    const msg = e.ok ? '' : e.errors.join('\n');
    expect(msg).toContain(`(${key.length} characters)`);
    expect(msg).toContain('known keys:');
    // the key cut short and the list of known keys: a few hundred characters, never the 2 MB key
    expect(msg.length).toBeLessThan(1000);
  });

  it('a short near miss still gets "did you mean"', () => {
    expect(errors(JSON.stringify({ ...base, config: { tickTim: 1 } }))).toEqual([
      'config: unknown key "tickTim" (did you mean "tickTime"?)',
    ]);
  });

  it('keys longer than keyChars and nesting deeper than depth are refused while reading the JSON', () => {
    expect(errors(JSON.stringify({ ...base, ['k'.repeat(65)]: 1 }))[0]).toMatch(
      /the key "k+"… \(65 characters\) is too long; the limit "keyChars" is 64 characters/,
    );
    expect(errors('['.repeat(20) + ']'.repeat(20))[0]).toMatch(/the limit "depth" is 12 levels/);
  });

  it('until over 30 days, or over untilTicks ticks of its tickTime', () => {
    expect(errors(JSON.stringify({ ...base, until: 1e10 }))).toEqual([
      'until: 10000000000 ms is more than 30 days of virtual time; the limit "untilMs" is 2592000000 ms',
    ]);
    expect(errors(JSON.stringify({ ...base, config: { tickTime: 10 }, until: 1_000_010 }))).toEqual([
      'until: 1000010 ms is 100001 ticks of tickTime 10 ms; the limit "untilTicks" is 100000 ticks',
    ]);
    // the app's open-ended default: a day at tickTime 2000 is 43,200 ticks
    expect(errors(JSON.stringify({ ...base, until: 24 * 3600 * 1000 }))).toEqual([]);
  });

  it('more actions than the limit is refused before any action is read', () => {
    const actions = Array.from({ length: 2_000_000 }, () => 'not an action');
    const r = validateScenario({ ...base, actions });
    expect(r.ok ? [] : r.errors).toEqual([
      'actions: the file has 2000000 actions; the limit "actions" is 20000',
    ]);
  });

  it('a title over titleChars, a file over fileBytes', () => {
    expect(errors(JSON.stringify({ ...base, title: 't'.repeat(201) }))).toEqual([
      'title: is 201 characters long; the limit "titleChars" is 200 characters',
    ]);
    expect(errors(' '.repeat(LIMITS.fileBytes + 1))[0]).toMatch(/the limit "fileBytes" is 2 MiB/);
  });

  it('numbers that are not finite are named, in a file and in a parsed value', () => {
    expect(errors('{"format":1,"seed":-1e999,"ensemble":{"voters":3},"actions":[],"until":1}')).toEqual([
      'invalid JSON at line 1, column 20 (position 19): the number -1e999 is not finite (too large)',
    ]);
    const r = validateScenario({ ...base, seed: Infinity });
    expect(r.ok ? [] : r.errors.join()).toMatch(/got Infinity, not a finite number/);
  });
});
