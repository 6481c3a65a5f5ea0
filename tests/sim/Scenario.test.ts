import { describe, expect, expectTypeOf, it } from 'vitest';
import fc from 'fast-check';
import type { z } from 'zod';
import {
  ACTION_KINDS,
  ActionSchemas,
  DEFAULT_CONFIG,
  ScenarioActionSchema,
  ScenarioConfigSchema,
  ScenarioSchema,
  actionKind,
  makeScenario,
  parseScenario,
  serializeScenario,
  sortActions,
  validateScenario,
  type Scenario,
  type ScenarioAction,
  type ScenarioConfig,
} from '../../src/sim/Scenario';

const base = { format: 1, seed: 7, ensemble: { voters: 3 }, actions: [], until: 1000 };

/** A scenario text: the minimal valid one with `patch` merged over it at the top level. */
function text(patch: Record<string, unknown> = {}): string {
  return JSON.stringify({ ...base, ...patch });
}

function ok(src: string): Scenario {
  const r = parseScenario(src);
  if (!r.ok) throw new Error('expected ok, got:\n' + r.errors.join('\n'));
  return r.scenario;
}

function errors(src: string): string[] {
  const r = parseScenario(src);
  if (r.ok) throw new Error('expected errors, parsed fine');
  expect(r.errors.length).toBeGreaterThan(0);
  return r.errors;
}

/** The errors of a scenario with these actions (and until far enough). */
function actionErrors(actions: unknown[], patch: Record<string, unknown> = {}): string[] {
  return errors(text({ actions, until: 100_000, ...patch }));
}

// The example of scenario-format.md, as written there (comments dropped).
const contractExample = `{
  "format": 1,
  "title": "Leader crash",
  "seed": 7,
  "ensemble": { "voters": 5, "observers": 0 },
  "config": {
    "zkVersion": "3.9.5",
    "tickTime": 2000, "initLimit": 10, "syncLimit": 5,
    "snapCount": 100000, "commitLogCount": 500, "snapshotSizeFactor": 0.33,
    "latencyMs": [1, 5],
    "bootMs": [0, 0]
  },
  "actions": [
    { "at": 0,     "start": [1, 2, 3] },
    { "at": 1000,  "start": [4, 5] },
    { "at": 6000,  "client": { "id": "c1", "server": 2, "cmd": "create /a hello" } },
    { "at": 7000,  "crash": [3] },
    { "at": 9000,  "restart": [3] },
    { "at": 9000,  "partition": [[1, 2], [3, 4, 5]] },
    { "at": 12000, "heal": true }
  ],
  "until": 30000
}`;

describe('parseScenario: valid files', () => {
  it('reads the example of the contract', () => {
    const s = ok(contractExample);
    expect(s.title).toBe('Leader crash');
    expect(s.seed).toBe(7);
    expect(s.ensemble).toEqual({ voters: 5, observers: 0 });
    expect(s.actions).toHaveLength(7);
    expect(s.actions[2]).toEqual({ at: 6000, client: { id: 'c1', server: 2, cmd: 'create /a hello' } });
    expect(s.actions[5]).toEqual({
      at: 9000,
      partition: [
        [1, 2],
        [3, 4, 5],
      ],
    });
    expect(s.until).toBe(30000);
    expect(s.config).toEqual({ ...DEFAULT_CONFIG });
  });

  it('fills every config default', () => {
    const s = ok(text());
    expect(s.config).toEqual({
      zkVersion: '3.9.5',
      tickTime: 2000,
      initLimit: 10,
      syncLimit: 5,
      snapCount: 100000,
      commitLogCount: 500,
      snapshotSizeFactor: 0.33,
      latencyMs: [1, 5],
      bootMs: [0, 0],
      fsyncMs: [1, 2],
      dropRate: 0,
    });
    expect(s.ensemble.observers).toBe(0);
    expect('title' in s).toBe(false);
  });

  it('keeps what the file says and defaults the rest', () => {
    const s = ok(text({ config: { zkVersion: '3.9.1', tickTime: 500, latencyMs: [0, 0], dropRate: 0.25 } }));
    expect(s.config).toEqual({
      ...DEFAULT_CONFIG,
      zkVersion: '3.9.1',
      tickTime: 500,
      latencyMs: [0, 0],
      dropRate: 0.25,
    });
  });

  it('gives each parse its own default arrays', () => {
    const a = ok(text());
    a.config.latencyMs[0] = 99;
    expect(ok(text()).config.latencyMs).toEqual([1, 5]);
    expect(DEFAULT_CONFIG.latencyMs).toEqual([1, 5]);
  });

  it('accepts a negative snapshotSizeFactor (ZooKeeper: txn-log sync off)', () => {
    expect(ok(text({ config: { snapshotSizeFactor: -1 } })).config.snapshotSizeFactor).toBe(-1);
  });

  it('reads every action kind', () => {
    const actions = [
      { at: 0, start: [1, 2, 3, 4] },
      { at: 10, client: { id: 'c1', server: 4, cmd: 'create -e /e x', sessionTimeoutMs: 4000 } },
      { at: 20, client: { id: 'c1', cmd: 'get -w /e' } },
      { at: 30, client: { id: 'c2', server: 1, cmd: 'disconnect' } },
      { at: 40, drop: { from: 1, to: 3 } },
      { at: 40, latency: { ms: [2, 20] } },
      { at: 50, partition: [[1], [2, 3]] },
      { at: 60, heal: true },
      { at: 70, crash: [2, 4] },
      { at: 80, restart: [4] },
    ];
    const s = ok(text({ ensemble: { voters: 3, observers: 1 }, actions, until: 80 }));
    expect(s.actions).toEqual(actions);
    expect(s.actions.map(actionKind)).toEqual([
      'start',
      'client',
      'client',
      'client',
      'drop',
      'latency',
      'partition',
      'heal',
      'crash',
      'restart',
    ]);
  });

  it('allows equal "at" (ties keep file order) and until equal to the last action', () => {
    const s = ok(
      text({
        actions: [
          { at: 5, start: [1] },
          { at: 5, start: [2] },
        ],
        until: 5,
      }),
    );
    expect(s.actions.map((a) => ('start' in a ? a.start[0] : 0))).toEqual([1, 2]);
  });

  it('accepts 1 to 9 voters and up to 4 observers, whose sids follow the voters', () => {
    ok(text({ ensemble: { voters: 1 }, actions: [{ at: 0, start: [1] }] }));
    ok(text({ ensemble: { voters: 9, observers: 4 }, actions: [{ at: 0, start: [9, 10, 13] }] }));
  });

  it('strips a byte order mark and surrounding white space', () => {
    ok('\uFEFF\n  ' + text() + '\n\n');
  });
});

describe('parseScenario: errors', () => {
  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const r = parseScenario(s);
        expect(r.ok || r.errors.length > 0).toBe(true);
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const r = parseScenario(JSON.stringify(v) ?? '');
        expect(r.ok || r.errors.length > 0).toBe(true);
      }),
      { numRuns: 500 },
    );
    expect(parseScenario(undefined as unknown as string).ok).toBe(false);
  });

  it('never throws on scenario-shaped values with random fields', () => {
    const anyValue = fc.oneof(fc.jsonValue(), fc.integer({ min: -3, max: 12 }), fc.constant(undefined));
    fc.assert(
      fc.property(
        fc.record({
          seed: anyValue,
          ensemble: fc.oneof(anyValue, fc.record({ voters: anyValue, observers: anyValue })),
          config: fc.oneof(
            anyValue,
            fc.dictionary(fc.constantFrom(...Object.keys(DEFAULT_CONFIG), 'x'), anyValue),
          ),
          actions: fc.oneof(
            anyValue,
            fc.array(
              fc.oneof(
                anyValue,
                fc.dictionary(fc.constantFrom('at', 'client', 'drop', 'latency', ...ACTION_KINDS), anyValue),
              ),
            ),
          ),
          until: anyValue,
        }),
        (v) => {
          const r = parseScenario(JSON.stringify({ format: 1, ...v }));
          expect(r.ok || r.errors.length > 0).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('finds exactly the JSON that JSON.parse rejects', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.json(),
          fc.string(),
          fc.json().map((j) => j.slice(0, -1)),
        ),
        (s) => {
          let valid = true;
          try {
            JSON.parse(s);
          } catch {
            valid = false;
          }
          const r = parseScenario(s);
          const saysInvalid =
            !r.ok && r.errors.some((e) => e.startsWith('invalid JSON') || e.startsWith('the file is empty'));
          expect(saysInvalid).toBe(!valid);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('an empty file', () => {
    expect(errors('')).toEqual([expect.stringMatching(/^the file is empty/)]);
    expect(errors('  \n ')).toEqual([expect.stringMatching(/^the file is empty/)]);
  });

  it('invalid JSON, with line and column', () => {
    expect(errors('{\n  "format": 1,\n  "seed": 7,\n}')).toEqual([
      'invalid JSON at line 4, column 1 (position 30): a comma before "}" (trailing commas are not JSON)',
    ]);
    expect(errors('{ "format": 1 "seed": 7 }')[0]).toBe(
      `invalid JSON at line 1, column 15 (position 14): expected ',' or '}' after the value of "format", found "\\""`,
    );
    expect(errors('{ "format": 1,')[0]).toMatch(/^invalid JSON at line 1, column 15 .*the end of the file/);
    expect(errors("{ 'format': 1 }")[0]).toMatch(/^invalid JSON at line 1, column 3 /);
    expect(errors('// a comment\n{}')[0]).toMatch(/line 1, column 1 .*comment/);
    expect(errors('{ "title": "a\nb" }')[0]).toMatch(/line 1, column 14 .*control character/);
    expect(errors('{} {}')[0]).toMatch(/line 1, column 4 .*after the end/);
    expect(errors('[1, 2,]')[0]).toMatch(/column 7 .*trailing commas/);
    expect(errors('{ "a": tru }')[0]).toMatch(/column 8 .*expected a value/);
  });

  it('a duplicate key (JSON.parse would silently keep the last)', () => {
    expect(errors('{ "format": 1, "seed": 1, "seed": 2 }')).toEqual([
      'invalid JSON at line 1, column 27 (position 26): duplicate key "seed"',
    ]);
  });

  it('not an object', () => {
    expect(errors('[]')[0]).toBe(
      'a scenario is a JSON object ({ "format": 1, … }), but this file holds an array',
    );
    expect(errors('null')[0]).toMatch(/holds null$/);
    expect(errors('"x"')[0]).toMatch(/holds a string$/);
    expect(errors('3')[0]).toMatch(/holds a number$/);
  });

  it('format missing, of another version, or not a number', () => {
    const { format: _f, ...noFormat } = base;
    expect(errors(JSON.stringify(noFormat))).toEqual([
      'format: missing; a scenario file starts with "format": 1',
    ]);
    expect(errors(text({ format: 2 }))).toEqual([
      'this file is format 2; this version of ZAB Lab reads format 1',
    ]);
    expect(errors(text({ format: '1' }))).toEqual(['format: must be the number 1, got "1"']);
    expect(errors(text({ format: 0 }))).toEqual(['format: must be the number 1, got 0']);
    expect(errors(text({ format: 1.5 }))).toEqual(['format: must be the number 1, got 1.5']);
  });

  it('unknown keys, with the key named and a near miss suggested', () => {
    expect(errors(text({ seeed: 1 }))).toEqual(['unknown key "seeed" (did you mean "seed"?)']);
    expect(errors(text({ colour: 'red' }))).toEqual([
      'unknown key "colour" (known keys: format, title, seed, ensemble, config, actions, until)',
    ]);
    expect(errors(text({ config: { tickTim: 100 } }))).toEqual([
      'config: unknown key "tickTim" (did you mean "tickTime"?)',
    ]);
    expect(errors(text({ ensemble: { voters: 3, observer: 1 } }))).toEqual([
      'ensemble: unknown key "observer" (did you mean "observers"?)',
    ]);
    expect(actionErrors([{ at: 0, strat: [1] }])).toEqual([
      'actions[0]: unknown key "strat" (did you mean "start"?)',
    ]);
    expect(actionErrors([{ at: 0, crahs: [1] }])).toEqual([
      'actions[0]: unknown key "crahs" (did you mean "crash"?)',
    ]);
    expect(actionErrors([{ at: 0, start: [1], note: 'x' }])).toEqual([
      'actions[0]: unknown key "note" (known keys: at, start, crash, restart, partition, heal, client, drop, latency, crashOn, wipe, corrupt, purge)',
    ]);
    expect(actionErrors([{ at: 0, client: { id: 'c', srever: 1, cmd: 'ls /' } }])).toEqual([
      'actions[0].client: unknown key "srever" (did you mean "server"?)',
    ]);
    expect(actionErrors([{ at: 0, drop: { from: 1, too: 2 } }])).toEqual([
      'actions[0].drop.to: missing (a server id (a whole number))',
      'actions[0].drop: unknown key "too" (did you mean "to"?)',
    ]);
    expect(actionErrors([{ at: 0, latency: { ms: [1, 2], max: 3 } }])).toEqual([
      'actions[0].latency: unknown key "max" (known keys: ms)',
    ]);
  });

  it('seed', () => {
    const { seed: _s, ...noSeed } = base;
    expect(errors(JSON.stringify(noSeed))).toEqual([
      'seed: missing (a whole number from 0 to 4294967295; every random choice derives from it)',
    ]);
    for (const seed of [-1, 2 ** 32, 1.5, '7']) {
      expect(errors(text({ seed }))).toEqual([
        `seed: must be a whole number from 0 to 4294967295; every random choice derives from it, got ${JSON.stringify(seed)}`,
      ]);
    }
  });

  it('title must be a string', () => {
    expect(errors(text({ title: 3 }))).toEqual(['title: must be a string, got 3']);
  });

  it('voters in 1..9, observers in 0..4', () => {
    const votersMsg = (got: string) =>
      `ensemble.voters: must be a whole number from 1 to 9 (ZAB Lab runs 1 to 9 voters; the app's editor offers 3 to 9), got ${got}`;
    expect(errors(text({ ensemble: { voters: 0 } }))).toEqual([votersMsg('0')]);
    expect(errors(text({ ensemble: { voters: 10 } }))).toEqual([votersMsg('10')]);
    expect(errors(text({ ensemble: { voters: 2.5 } }))).toEqual([votersMsg('2.5')]);
    expect(errors(text({ ensemble: {} }))).toEqual([
      "ensemble.voters: missing (a whole number from 1 to 9 (ZAB Lab runs 1 to 9 voters; the app's editor offers 3 to 9))",
    ]);
    expect(errors(text({ ensemble: { voters: 3, observers: 5 } }))).toEqual([
      'ensemble.observers: must be a whole number from 0 to 4, got 5',
    ]);
    expect(errors(text({ ensemble: 5 }))).toEqual([
      'ensemble: must be an object like { "voters": 3, "observers": 0 }, got 5',
    ]);
    const { ensemble: _e, ...noEnsemble } = base;
    expect(errors(JSON.stringify(noEnsemble))[0]).toMatch(/^ensemble: missing/);
  });

  it('config values', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ zkVersion: '3.8.4' }, 'config.zkVersion: must be "3.9.5" or "3.9.1", got "3.8.4"'],
      [{ tickTime: 0 }, 'config.tickTime: must be a whole number of ms ≥ 1, got 0'],
      [{ initLimit: 1.5 }, 'config.initLimit: must be a whole number of ticks ≥ 1, got 1.5'],
      [{ syncLimit: -2 }, 'config.syncLimit: must be a whole number of ticks ≥ 1, got -2'],
      [{ snapCount: 1 }, "config.snapCount: must be a whole number ≥ 2 (ZooKeeper's minimum), got 1"],
      [{ commitLogCount: 0 }, 'config.commitLogCount: must be a whole number ≥ 1, got 0'],
      [
        { snapshotSizeFactor: 1.5 },
        'config.snapshotSizeFactor: must be at most 1 (ZooKeeper would reset it to 0.33), got 1.5',
      ],
      [
        { snapshotSizeFactor: 'big' },
        'config.snapshotSizeFactor: must be a number ≤ 1 (negative turns txn-log sync off), got "big"',
      ],
      [{ latencyMs: [5, 1] }, 'config.latencyMs: lo 5 is greater than hi 1'],
      [
        { latencyMs: [1] },
        'config.latencyMs: must be [lo, hi]: whole ms each message takes, lo ≤ hi, got [1]',
      ],
      [
        { latencyMs: [1, 2, 3] },
        'config.latencyMs: must be [lo, hi]: whole ms each message takes, lo ≤ hi, got [1,2,3]',
      ],
      [{ latencyMs: 3 }, 'config.latencyMs: must be [lo, hi]: whole ms each message takes, lo ≤ hi, got 3'],
      [{ latencyMs: [-1, 2] }, 'config.latencyMs[0]: must be a whole number ≥ 0, got -1'],
      [{ bootMs: [0, 0.5] }, 'config.bootMs[1]: must be a whole number ≥ 0, got 0.5'],
      [{ bootMs: [300, 100] }, 'config.bootMs: lo 300 is greater than hi 100'],
      [{ fsyncMs: [3, 2] }, 'config.fsyncMs: lo 3 is greater than hi 2'],
      [{ dropRate: 1.5 }, 'config.dropRate: must be a probability from 0 to 1, got 1.5'],
      [{ dropRate: -0.1 }, 'config.dropRate: must be a probability from 0 to 1, got -0.1'],
    ];
    for (const [config, msg] of cases) expect(errors(text({ config }))).toEqual([msg]);
    expect(errors(text({ config: [] }))).toEqual(['config: must be an object, got []']);
  });

  it('actions must be a list of objects', () => {
    expect(errors(text({ actions: {} }))).toEqual([
      'actions: must be a list of actions, like [{ "at": 0, "start": [1, 2, 3] }], got an object',
    ]);
    const { actions: _a, ...noActions } = base;
    expect(errors(JSON.stringify(noActions))[0]).toMatch(/^actions: missing/);
    expect(actionErrors([5])).toEqual([
      'actions[0]: must be an object like { "at": 1000, "crash": [3] }, got 5',
    ]);
    expect(actionErrors([[1]])[0]).toMatch(/^actions\[0\]: must be an object/);
  });

  it('an action without a kind, or with two', () => {
    expect(actionErrors([{ at: 5 }])).toEqual([
      'actions[0]: no action; an action has "at" and one of start, crash, restart, partition, heal, client, drop, latency, crashOn, wipe, corrupt, purge',
    ]);
    expect(actionErrors([{ at: 5, crash: [1], restart: [1] }])).toEqual([
      'actions[0]: has more than one action (crash, restart); write one per entry (they may share an "at")',
    ]);
  });

  it('times: missing or negative "at", missing or short "until"', () => {
    expect(actionErrors([{ start: [1] }])).toEqual([
      'actions[0].at: missing (a whole number of virtual ms ≥ 0)',
    ]);
    expect(actionErrors([{ at: -1, start: [1] }])).toEqual([
      'actions[0].at: must be a whole number of virtual ms ≥ 0, got -1',
    ]);
    expect(actionErrors([{ at: 1.5, start: [1] }])).toEqual([
      'actions[0].at: must be a whole number of virtual ms ≥ 0, got 1.5',
    ]);
    const { until: _u, ...noUntil } = base;
    expect(errors(JSON.stringify(noUntil))).toEqual([
      'until: missing (a whole number of virtual ms ≥ 0, the virtual time the run stops)',
    ]);
    expect(errors(text({ until: -5 }))).toEqual([
      'until: must be a whole number of virtual ms ≥ 0, the virtual time the run stops, got -5',
    ]);
    expect(
      errors(
        text({
          actions: [
            { at: 0, start: [1] },
            { at: 9000, crash: [1] },
          ],
          until: 5000,
        }),
      ),
    ).toEqual(['until: 5000 is before the last action (actions[1] at 9000); run at least that long']);
  });

  it('actions not sorted by "at": says which index', () => {
    expect(
      actionErrors([
        { at: 0, start: [1, 2, 3] },
        { at: 7000, crash: [3] },
        { at: 5000, restart: [3] },
        { at: 8000, heal: true },
      ]),
    ).toEqual(['actions[2]: at 5000 comes after actions[1] at 7000; actions must be sorted by "at"']);
  });

  it('sids that are not in the ensemble, in every kind of action', () => {
    const tail = '(sids are 1–3)';
    expect(actionErrors([{ at: 0, start: [1, 4] }])).toEqual([
      `actions[0].start[1]: 4 is not a server of this ensemble ${tail}`,
    ]);
    expect(actionErrors([{ at: 0, crash: [0] }])).toEqual([
      `actions[0].crash[0]: 0 is not a server of this ensemble ${tail}`,
    ]);
    expect(actionErrors([{ at: 0, restart: [9] }])).toEqual([
      `actions[0].restart[0]: 9 is not a server of this ensemble ${tail}`,
    ]);
    expect(actionErrors([{ at: 0, partition: [[1], [2, 5]] }])).toEqual([
      `actions[0].partition[1][1]: 5 is not a server of this ensemble ${tail}`,
    ]);
    expect(actionErrors([{ at: 0, drop: { from: 4, to: 1 } }])).toEqual([
      `actions[0].drop.from: 4 is not a server of this ensemble ${tail}`,
    ]);
    expect(actionErrors([{ at: 0, client: { id: 'c1', server: 7, cmd: 'ls /' } }])).toEqual([
      `actions[0].client.server: 7 is not a server of this ensemble ${tail}`,
    ]);
    expect(actionErrors([{ at: 0, crash: [6] }], { ensemble: { voters: 3, observers: 2 } })).toEqual([
      'actions[0].crash[0]: 6 is not a server of this ensemble (sids are 1–5: voters 1–3, observers 4–5)',
    ]);
    expect(actionErrors([{ at: 0, crash: ['1'] }])).toEqual([
      'actions[0].crash[0]: must be a server id (a whole number), got "1"',
    ]);
  });

  it('server lists: empty, repeated, overlapping groups', () => {
    expect(actionErrors([{ at: 0, start: [] }])).toEqual(['actions[0].start: must list at least one server']);
    expect(actionErrors([{ at: 0, crash: [2, 2] }])).toEqual(['actions[0].crash: server 2 is listed twice']);
    expect(actionErrors([{ at: 0, crash: 2 }])).toEqual([
      'actions[0].crash: must be a list of server ids, like [1, 2], got 2',
    ]);
    expect(actionErrors([{ at: 0, partition: [] }])).toEqual([
      'actions[0].partition: must list at least one group of servers',
    ]);
    expect(actionErrors([{ at: 0, partition: [[1], []] }])).toEqual([
      'actions[0].partition[1]: must list at least one server',
    ]);
    expect(
      actionErrors([
        {
          at: 0,
          partition: [
            [1, 2],
            [2, 3],
          ],
        },
      ]),
    ).toEqual(['actions[0].partition: server 2 is in both group 0 and group 1']);
  });

  it('heal, drop and latency', () => {
    expect(actionErrors([{ at: 0, heal: false }])).toEqual(['actions[0].heal: must be true, got false']);
    expect(actionErrors([{ at: 0, drop: { from: 2, to: 2 } }])).toEqual([
      'actions[0].drop: from and to are both 2; name a link between two servers',
    ]);
    expect(actionErrors([{ at: 0, drop: [1, 2] }])).toEqual([
      'actions[0].drop: must be { "from": sid, "to": sid }: the link whose next message is lost, got [1,2]',
    ]);
    expect(actionErrors([{ at: 0, latency: { ms: [9, 3] } }])).toEqual([
      'actions[0].latency.ms: lo 9 is greater than hi 3',
    ]);
    expect(actionErrors([{ at: 0, latency: [1, 2] }])).toEqual([
      'actions[0].latency: must be { "ms": [lo, hi] }, got [1,2]',
    ]);
  });

  it('clients: id, cmd, server on the first command', () => {
    expect(actionErrors([{ at: 0, client: { server: 1, cmd: 'ls /' } }])).toEqual([
      'actions[0].client.id: missing (a string naming the session, like "c1")',
    ]);
    expect(actionErrors([{ at: 0, client: { id: '', server: 1, cmd: 'ls /' } }])).toEqual([
      'actions[0].client.id: must not be empty',
    ]);
    expect(actionErrors([{ at: 0, client: { id: 'c1', server: 1 } }])).toEqual([
      'actions[0].client.cmd: missing (a zkCli command line, like "create /a hello")',
    ]);
    expect(actionErrors([{ at: 0, client: { id: 'c1', server: 1, cmd: '' } }])).toEqual([
      'actions[0].client.cmd: must not be empty (a zkCli command line, like "create /a hello")',
    ]);
    expect(
      actionErrors([{ at: 0, client: { id: 'c1', server: 1, cmd: 'ls /', sessionTimeoutMs: 0 } }]),
    ).toEqual(['actions[0].client.sessionTimeoutMs: must be a whole number of ms ≥ 1, got 0']);
    expect(actionErrors([{ at: 0, client: 'ls /' }])[0]).toMatch(/^actions\[0\]\.client: must be an object/);
    expect(
      actionErrors([
        { at: 0, client: { id: 'c1', server: 1, cmd: 'ls /' } },
        { at: 1, client: { id: 'c1', cmd: 'ls /' } },
        { at: 2, client: { id: 'c2', cmd: 'ls /' } },
      ]),
    ).toEqual([
      'actions[2].client: the first command of client "c2" has no "server"; say which server it connects to (sids are 1–3)',
    ]);
  });

  it('reports every problem at once, and one bad action hides nothing else', () => {
    const errs = errors(
      text({
        seeed: 1,
        ensemble: { voters: 3 },
        config: { latencyMs: [5, 1] },
        actions: [
          { at: 0, start: [1, 2, 3] },
          { at: 100, crash: [1], sparkle: true },
          { at: 50, crash: [4] },
          { at: 60, client: { id: 'c1', cmd: 'ls /' } },
        ],
        until: 10,
      }),
    );
    expect(errs).toEqual(
      expect.arrayContaining([
        'config.latencyMs: lo 5 is greater than hi 1',
        'unknown key "seeed" (did you mean "seed"?)',
        expect.stringMatching(/^actions\[1\]: unknown key "sparkle"/),
        'actions[2]: at 50 comes after actions[1] at 100; actions must be sorted by "at"',
        'actions[2].crash[0]: 4 is not a server of this ensemble (sids are 1–3)',
        expect.stringMatching(/^actions\[3\]\.client: the first command of client "c1" has no "server"/),
        'until: 10 is before the last action (actions[1] at 100); run at least that long',
      ]),
    );
    expect(errs).toHaveLength(7);
  });

  it('does not blame later commands of a client whose first command had another error', () => {
    expect(
      actionErrors([
        { at: 0, client: { id: 'c1', server: 1, cmd: '' } },
        { at: 1, client: { id: 'c1', cmd: 'ls /' } },
      ]),
    ).toEqual(['actions[0].client.cmd: must not be empty (a zkCli command line, like "create /a hello")']);
  });

  it('caps a flood of errors', () => {
    const actions = Array.from({ length: 80 }, (_, i) => ({ at: i, crash: [99] }));
    const errs = actionErrors(actions);
    expect(errs).toHaveLength(51);
    expect(errs[50]).toBe('… and 30 more errors');
  });
});

describe('serializeScenario', () => {
  it('round-trips to an equal scenario, one action per line, every config key written', () => {
    const s = ok(contractExample);
    const out = serializeScenario(s);
    expect(ok(out)).toEqual(s);
    expect(serializeScenario(ok(out))).toBe(out);
    expect(out).toContain(
      '\n    { "at": 6000, "client": { "id": "c1", "server": 2, "cmd": "create /a hello" } },\n',
    );
    expect(out).toContain('"fsyncMs": [1, 2]');
    expect(out.endsWith('}\n')).toBe(true);
    expect(out.split('\n').slice(0, 5)).toEqual([
      '{',
      '  "format": 1,',
      '  "title": "Leader crash",',
      '  "seed": 7,',
      '  "ensemble": { "voters": 5, "observers": 0 },',
    ]);
  });

  it('writes keys in canonical order whatever order they came in', () => {
    const s = ok(
      JSON.stringify({
        until: 10,
        actions: [{ client: { cmd: 'ls /', server: 1, id: 'c' }, at: 0 }],
        ensemble: { observers: 0, voters: 3 },
        seed: 1,
        format: 1,
      }),
    );
    const out = serializeScenario(s);
    expect(out).toContain('{ "at": 0, "client": { "id": "c", "server": 1, "cmd": "ls /" } }');
    expect(out.indexOf('"format"')).toBeLessThan(out.indexOf('"seed"'));
    expect(out.indexOf('"actions"')).toBeLessThan(out.indexOf('"until"'));
    expect(serializeScenario({ ...s, actions: [] })).toContain('"actions": [],');
  });

  it('keeps strings that need escaping', () => {
    const s = ok(
      text({
        title: 'quote " and \\ and ünïcode',
        actions: [{ at: 0, client: { id: 'c"1', server: 1, cmd: 'create /a "x y"' } }],
      }),
    );
    expect(ok(serializeScenario(s))).toEqual(s);
  });
});

describe('helpers', () => {
  it('sortActions is stable by at and returns a new array', () => {
    const actions: ScenarioAction[] = [
      { at: 5, crash: [1] },
      { at: 1, start: [1] },
      { at: 5, restart: [1] },
      { at: 1, start: [2] },
      { at: 0, heal: true },
    ];
    const sorted = sortActions(actions);
    expect(sorted).toEqual([
      { at: 0, heal: true },
      { at: 1, start: [1] },
      { at: 1, start: [2] },
      { at: 5, crash: [1] },
      { at: 5, restart: [1] },
    ]);
    expect(sorted).not.toBe(actions);
    expect(actions[0]).toEqual({ at: 5, crash: [1] });
  });

  it('sorted actions make a file parseScenario accepts', () => {
    const actions = [
      { at: 5, crash: [1] },
      { at: 0, start: [1, 2, 3] },
    ];
    expect(actionErrors(actions)[0]).toMatch(/must be sorted/);
    ok(text({ actions: sortActions(actions), until: 5 }));
  });

  it('makeScenario fills defaults, and throws on a bad value', () => {
    const s = makeScenario({ format: 1, seed: 1, ensemble: { voters: 5 }, actions: [], until: 86_400_000 });
    expect(s.config).toEqual(DEFAULT_CONFIG);
    expect(s.ensemble.observers).toBe(0);
    expect(() =>
      makeScenario({
        format: 1,
        seed: 1,
        ensemble: { voters: 5 },
        actions: [{ at: 0, crash: [6] }],
        until: 1,
      }),
    ).toThrow(/actions\[0\]\.crash\[0\]: 6 is not a server/);
  });

  it('validateScenario takes a value', () => {
    expect(validateScenario({ ...base }).ok).toBe(true);
    expect(validateScenario(undefined)).toEqual({
      ok: false,
      errors: ['a scenario is a JSON object ({ "format": 1, … }), but this file holds nothing'],
    });
  });

  it('actionKind names every kind', () => {
    for (const k of ACTION_KINDS) expect(Object.keys(ActionSchemas)).toContain(k);
    expect(actionKind({ at: 0, latency: { ms: [1, 1] } })).toBe('latency');
  });

  it('the hand-written types are the schema types', () => {
    expectTypeOf<z.output<typeof ScenarioSchema>>().toEqualTypeOf<Scenario>();
    expectTypeOf<z.output<typeof ScenarioConfigSchema>>().toEqualTypeOf<ScenarioConfig>();
    expectTypeOf<z.output<typeof ScenarioActionSchema>>().toEqualTypeOf<ScenarioAction>();
    expect(ScenarioSchema.safeParse(ok(contractExample)).success).toBe(true);
  });
});
