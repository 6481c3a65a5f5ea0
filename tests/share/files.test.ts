/**
 * Files in and out: the trace as JSON Lines (same text as the CLI), scenario files read with clear
 * errors that name their place, never a throw.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { presetById, presets } from '../../src/presets';
import { runScenario, traceToJsonl } from '../../src/sim/run';
import { Simulation } from '../../src/sim/Simulation';
import {
  compareTraceFile,
  exportScenario,
  exportTrace,
  fileNameFor,
  importScenarioFile,
  MAX_SCENARIO_FILE_CHARS,
} from '../../src/share/files';

describe('exportTrace', () => {
  it('is one JSON object per line with t and ev, the same text as the CLI writes', () => {
    const r = runScenario(presetById('first-boot')!.file);
    if (!r.ok) throw new Error();
    const text = exportTrace(r.trace);
    expect(text).toBe(traceToJsonl(r.trace));
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(r.trace.length);
    for (const line of lines) {
      const e = JSON.parse(line) as { t: unknown; ev: unknown };
      expect(typeof e.t).toBe('number');
      expect(typeof e.ev).toBe('string');
    }
    expect(exportTrace([])).toBe('');
  });
});

describe('importScenarioFile', () => {
  it('reads every preset as exported, and the original files', () => {
    for (const p of presets) {
      expect(importScenarioFile(exportScenario(p.file))).toEqual({ ok: true, scenario: p.file });
      expect(importScenarioFile(JSON.stringify(p.file))).toEqual({ ok: true, scenario: p.file });
    }
  });

  it('explains what is wrong, with the place in the file', () => {
    expect(importScenarioFile('')).toMatchObject({
      ok: false,
      error: { code: 'empty', messageKey: 'link.import.empty' },
    });
    expect(importScenarioFile('   \n')).toMatchObject({ ok: false, error: { code: 'empty' } });
    const big = importScenarioFile('{' + ' '.repeat(MAX_SCENARIO_FILE_CHARS));
    expect(big).toMatchObject({
      ok: false,
      error: { code: 'too-large', messageKey: 'link.import.too-large' },
    });

    const syntax = importScenarioFile('{ "format": 1,\n  "seed": 1, }');
    expect(syntax.ok).toBe(false);
    if (!syntax.ok) {
      expect(syntax.error).toMatchObject({
        code: 'invalid-scenario',
        messageKey: 'link.import.invalid-scenario',
      });
      expect(syntax.error.details[0]).toMatch(/line 2, column/);
    }
    const typo = importScenarioFile(
      JSON.stringify({
        format: 1,
        seed: 1,
        ensemble: { voters: 3 },
        config: { tickTim: 5 },
        actions: [],
        until: 10,
      }),
    );
    expect(typo.ok).toBe(false);
    if (!typo.ok) expect(typo.error.details.join('\n')).toContain('did you mean "tickTime"?');
    const future = importScenarioFile(JSON.stringify({ format: 2 }));
    expect(future.ok).toBe(false);
    if (!future.ok) expect(future.error.details[0]).toContain('format 2');
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.json()), (text) => {
        const r = importScenarioFile(text);
        if (!r.ok) {
          expect(['empty', 'too-large', 'invalid-scenario']).toContain(r.error.code);
          expect(r.error.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('fileNameFor', () => {
  it('makes a safe name from the title', () => {
    expect(fileNameFor(presetById('first-boot')!.file, 'json')).toBe(
      'first-boot-3-servers-started-together.json',
    );
    expect(fileNameFor({ ...presetById('first-boot')!.file, title: '领导者 / crash' }, 'jsonl')).toBe(
      'crash.jsonl',
    );
    expect(fileNameFor({ ...presetById('first-boot')!.file, title: undefined }, 'jsonl', 'trace')).toBe(
      'trace.jsonl',
    );
  });
});

describe('compareTraceFile', () => {
  const scenario = presetById('leader-crash')!.file;
  const full = runScenario(scenario);
  if (!full.ok) throw new Error('the preset runs');
  const fileText = full.traceJsonl;
  const lines = fileText.trimEnd().split('\n');
  /** the same run in the app, stopped at `steps` */
  const appAt = (steps: number) => {
    const sim = new Simulation(scenario);
    sim.runToStep(steps);
    return sim.trace;
  };

  it('the CLI trace of a run is the same run, whatever the key order and line endings', () => {
    expect(compareTraceFile(fileText, full.trace)).toEqual({ ok: true, kind: 'same', events: lines.length });
    const reordered = lines
      .map((l) => JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(l) as object).reverse())))
      .join('\r\n');
    expect(compareTraceFile(reordered, full.trace)).toMatchObject({ ok: true, kind: 'same' });
  });

  it('a run stopped earlier is the start of the file, and the other way round', () => {
    const part = appAt(100);
    expect(compareTraceFile(fileText, part)).toEqual({
      ok: true,
      kind: 'file-longer',
      events: part.length,
      more: lines.length - part.length,
    });
    const head = lines.slice(0, 50).join('\n') + '\n';
    expect(compareTraceFile(head, full.trace)).toEqual({
      ok: true,
      kind: 'run-longer',
      events: 50,
      more: full.trace.length - 50,
    });
  });

  it('names the first line that differs, with both versions', () => {
    const changed = [...lines];
    const e = JSON.parse(changed[40]) as Record<string, unknown>;
    changed[40] = JSON.stringify({ ...e, t: Number(e.t) + 1 });
    const r = compareTraceFile(changed.join('\n'), full.trace);
    expect(r).toMatchObject({ ok: true, kind: 'differs', line: 41, t: full.trace[40].t });
    if (r.ok && r.kind === 'differs') expect(r.file).not.toBe(r.run);
    // another seed is another run
    const other = runScenario({ ...scenario, seed: scenario.seed + 1 });
    if (!other.ok) throw new Error('runs');
    expect(compareTraceFile(other.traceJsonl, full.trace)).toMatchObject({ ok: true, kind: 'differs' });
  });

  it('a file that is not a trace is explained line by line', () => {
    expect(compareTraceFile('', full.trace)).toMatchObject({ ok: false, error: { code: 'empty' } });
    const r = compareTraceFile('{"t":0,"ev":"start"}\nnot json\n[1,2]\n{"t":"x","ev":1}\n', full.trace);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('invalid-trace');
      expect(r.error.messageKey).toBe('link.import.invalid-trace');
      expect(r.error.details).toHaveLength(3);
      expect(r.error.details[0]).toMatch(/^line 2: not JSON/);
      expect(r.error.details[1]).toBe('line 3: not a JSON object');
      expect(r.error.details[2]).toBe('line 4: an event needs a number "t" and a string "ev"');
    }
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.json()), (text) => {
        const r = compareTraceFile(text, full.trace);
        if (!r.ok) expect(['empty', 'too-large', 'invalid-trace']).toContain(r.error.code);
      }),
      { numRuns: 300 },
    );
  });
});
