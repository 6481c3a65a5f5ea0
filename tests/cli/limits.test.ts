/**
 * Every bad or oversized input to the CLI is refused within seconds, before the work starts: exit
 * 2, one line on stderr naming the limit (src/sim/limits.ts) and the value — never an uncaught
 * exception, an out-of-memory abort or a run that never ends.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeScenario } from '../../src/sim/Scenario';
import { runBounded, runScenario } from '../../src/sim/run';
import { LIMITS } from '../../src/sim/limits';

const dir = mkdtempSync(join(tmpdir(), 'zablab-cli-limits-'));
/** generous for a loaded 2-core machine: starting tsx alone takes 1–3 s there */
const WITHIN_MS = 15_000;

function cli(...args: string[]) {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/sim.ts', ...args], {
    encoding: 'utf8',
    timeout: WITHIN_MS + 10_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, out: r.stdout, err: r.stderr, ms: Date.now() - t0 };
}
function file(name: string, data: string | Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
}
const start = '{"format":1,"seed":1,"ensemble":{"voters":3},"actions":[{"at":0,"start":[1,2,3]}]';

function refused(r: ReturnType<typeof cli>, ...messages: RegExp[]): void {
  expect(r.code, r.err).toBe(2);
  expect(r.ms).toBeLessThan(WITHIN_MS);
  expect(r.out).toBe('');
  // one line, no stack
  expect(r.err.trimEnd().split('\n')).toHaveLength(1);
  for (const m of messages) expect(r.err).toMatch(m);
}

describe('the CLI refuses oversized input before the work starts', () => {
  it('a small file whose until is far beyond the limit (until: 1e10)', () => {
    const p = file('until.json', `${start},"until":1e10}`);
    expect(readFileSync(p).length).toBeLessThan(150);
    refused(cli(p), /untilMs/, /10000000000 ms/);
  });

  it('until: 1e9 with tickTime: 1 is a billion ticks', () => {
    refused(
      cli(file('ticks.json', `${start},"config":{"tickTime":1},"until":1e9}`)),
      /untilTicks/,
      /1000000000 ticks of tickTime 1 ms/,
    );
  });

  it('until: 1e15 with tickTime: 1', () => {
    refused(cli(file('ticks15.json', `${start},"config":{"tickTime":1},"until":1e15}`)), /until/, /limit/);
  });

  it('a seed of 1e400 is named as not finite (not "got null")', () => {
    const r = cli(
      file('seed.json', '{"format":1,"seed":1e400,"ensemble":{"voters":3},"actions":[],"until":1}'),
    );
    refused(r, /1e400/, /not finite/);
    expect(r.err).not.toMatch(/null/);
  });

  it('invalid UTF-8 is named as such, with the byte and its offset', () => {
    const bytes = new TextEncoder().encode(
      `{"format":1,"title":"ab","seed":1,"ensemble":{"voters":3},"actions":[],"until":1}`,
    );
    const bad = new Uint8Array(bytes.length + 1);
    bad.set(bytes.subarray(0, 22));
    bad[22] = 0xff;
    bad.set(bytes.subarray(22), 23);
    refused(cli(file('latin1.json', bad)), /not UTF-8/, /0xff at byte offset 22/);
  });

  it('2,000,000 actions: over the file size limit, no RangeError', () => {
    const acts = '{"at":0,"heal":true},'.repeat(2_000_000);
    const r = cli(file('actions2m.json', `${start.slice(0, -1)},${acts}{"at":0,"heal":true}],"until":1}`));
    refused(r, /fileBytes/, /2 MiB/);
    expect(r.err).not.toMatch(/RangeError/);
  });

  it('more actions than the limit, in a file under the size limit', () => {
    const n = LIMITS.actions + 1;
    const acts = Array.from({ length: n }, () => '{"at":0,"heal":true}').join(',');
    const r = cli(
      file('actions.json', `{"format":1,"seed":1,"ensemble":{"voters":3},"actions":[${acts}],"until":1}`),
    );
    refused(r, /"actions" is 20000/, new RegExp(`${n} actions`));
  });

  it('a file over the size limit, and a huge key (not echoed whole, no "did you mean" on it)', () => {
    refused(cli(file('spaces.json', ' '.repeat(LIMITS.fileBytes + 1))), /fileBytes/);
    const key = 'k'.repeat(1_000_000);
    const r = cli(
      file('key.json', `{"format":1,"${key}":1,"seed":1,"ensemble":{"voters":3},"actions":[],"until":1}`),
    );
    refused(r, /keyChars/, /1000000 characters/);
    expect(r.err.length).toBeLessThan(400);
  });
});

describe('the trace is streamed to its file', () => {
  it('in pieces, and equal to the JSON Lines of the whole trace', () => {
    const sc = makeScenario({
      format: 1,
      seed: 3,
      ensemble: { voters: 5, observers: 0 },
      actions: [{ at: 0, start: [1, 2, 3, 4, 5] }],
      until: 600_000,
    });
    const pieces: number[] = [];
    const lines: string[] = [];
    const r = runBounded(sc, LIMITS.steps, (evs) => {
      pieces.push(evs.length);
      for (const e of evs) lines.push(JSON.stringify(e));
    });
    expect(r.ok).toBe(true);
    expect(pieces.length).toBeGreaterThan(1);
    const whole = runScenario(sc);
    expect(whole.ok && lines.join('\n') + '\n' === whole.traceJsonl).toBe(true);
  });

  it('a run over the step limit stops there and says so', () => {
    const sc = makeScenario({
      format: 1,
      seed: 3,
      ensemble: { voters: 3, observers: 0 },
      actions: [{ at: 0, start: [1, 2, 3] }],
      until: 600_000,
    });
    expect(runBounded(sc, 500)).toEqual({ ok: false, steps: 501 });
  });
});
