/**
 * The CLI's own contract: one JSON summary on stdout, a JSON-lines trace with --trace, and for bad
 * input a clear message on stderr with a non-zero exit — never a stack trace.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'zablab-cli-'));
function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/sim.ts', ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}
const noStack = (s: string) => expect(s).not.toMatch(/\n\s+at .+:\d+:\d+/);

describe('npm run sim', () => {
  it('prints one JSON summary and writes the trace as JSON lines', () => {
    const trace = join(dir, 't.jsonl');
    const r = cli('scenarios/first-boot.json', '--trace', trace);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.out);
    expect(summary).toMatchObject({ format: 1, leader: 3 });
    const lines = readFileSync(trace, 'utf8').trim().split('\n');
    for (const l of lines) expect(JSON.parse(l)).toHaveProperty('ev');
    const kinds = new Set(lines.map((l) => JSON.parse(l).ev));
    for (const k of ['send', 'recv', 'state', 'epoch', 'log', 'snapshot', 'apply', 'reply'])
      expect(kinds).toContain(k);
  });

  it.each([
    ['not JSON', '{ "format": 1, ', /JSON/],
    ['a future format', '{ "format": 2 }', /format 2/],
    ['too many voters', '{"format":1,"seed":1,"ensemble":{"voters":12},"actions":[],"until":1}', /voters/],
    [
      'an unknown action key',
      '{"format":1,"seed":1,"ensemble":{"voters":3},"actions":[{"at":0,"strat":[1]}],"until":1}',
      /strat/,
    ],
  ])('rejects %s with a clear message and exit 2', (_name, text, msg) => {
    const r = cli(file('bad.json', text));
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(msg);
    noStack(r.err);
  });

  it('a missing file, a missing argument and an unknown option are explained', () => {
    for (const args of [
      [join(dir, 'nope.json')],
      [],
      ['--frobnicate', 'x.json'],
      ['scenarios/first-boot.json', '--trace'],
    ]) {
      const r = cli(...args);
      expect(r.code).toBe(2);
      expect(r.err.length).toBeGreaterThan(5);
      noStack(r.err);
    }
  });

  it('bad zkCli commands, bad paths and oversize data answer like zkCli inside the summary', () => {
    const big = 'x'.repeat(1_048_577);
    const sc = {
      format: 1,
      seed: 1,
      ensemble: { voters: 3, observers: 0 },
      config: { latencyMs: [1, 1] },
      actions: [
        { at: 0, start: [1, 2, 3] },
        { at: 1000, client: { id: 'c1', server: 1, cmd: 'frobnicate /' } },
        { at: 1100, client: { id: 'c1', cmd: 'create noslash 1' } },
        { at: 1200, client: { id: 'c1', cmd: 'ls' } },
        { at: 1300, client: { id: 'c1', cmd: `create /big ${big}` } },
        { at: 1400, client: { id: 'c1', cmd: 'create /ok 1' } },
      ],
      until: 8000,
    };
    const r = cli(file('cmds.json', JSON.stringify(sc)));
    expect(r.code).toBe(0);
    const c = JSON.parse(r.out).clients;
    expect(c[0].ok).toBe(false);
    expect(c[0].output).toContain('Command not found');
    expect(c[1].output).toBe('Path must start with / character');
    expect(c[2].output).toBe('ls [-s] [-w] [-R] path');
    expect(c[3]).toMatchObject({ ok: false, output: 'KeeperErrorCode = ConnectionLoss for /big' });
    expect(c[4]).toMatchObject({ ok: true, output: 'Created /ok' });
  });
});
