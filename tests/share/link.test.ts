/**
 * Share links: format, every typed error, limits (size before decompressing, zip bombs, string
 * lengths, control characters), property-based fuzzing (random text, mutated links: never a throw,
 * always ok-and-stable or a typed error), a round trip over random valid runs, and determinism of a
 * run 10,000 steps deep.
 */
import fc from 'fast-check';
import { zlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { presets } from '../../src/presets';
import { makeScenario } from '../../src/sim/Scenario';
import type { Scenario, ScenarioInput } from '../../src/sim/Scenario';
import { Simulation } from '../../src/sim/Simulation';
import type { RecordedAction, UserAction } from '../../src/sim/SimulationApi';
import { zxidToHex } from '../../src/zk/Zxid';
import {
  decodeLink,
  encodeLink,
  fromBase64Url,
  hasUnsafeChar,
  LINK_ERROR_CODES,
  MAX_JSON_BYTES,
  MAX_LINK_CHARS,
  MAX_STEP,
  shareLink,
  toBase64Url,
} from '../../src/share/link';
import type { DecodeResult, LinkErrorCode, LinkState } from '../../src/share/link';

const base = presets.find((p) => p.id === 'leader-crash')!.file;
const state: LinkState = {
  scenario: base,
  recorded: [
    { step: 12, action: { crash: [1] } },
    { step: 40, action: { client: { id: 'u', server: 2, cmd: 'create /x 你好' } } },
    { step: 40, action: { cut: [1, 3] } },
  ],
  step: 77,
  view: { lang: 'zh-CN', selectedSid: 2, lecture: true },
};

/** A link whose JSON body is exactly `body` (to build bad contents with a valid wrapper). */
function rawLink(body: unknown, v = 1): string {
  const bytes = new TextEncoder().encode(typeof body === 'string' ? body : JSON.stringify(body));
  return `v=${v}&z=${toBase64Url(zlibSync(bytes))}`;
}

function errorCode(r: DecodeResult): LinkErrorCode | 'ok' {
  return r.ok ? 'ok' : r.error.code;
}

/** Every result is either ok and stable under re-encoding, or a well-formed typed error. */
function checkResult(r: DecodeResult): void {
  if (r.ok) {
    const again = decodeLink(encodeLink(r.state));
    expect(again.ok).toBe(true);
    if (again.ok) expect(again.state).toEqual(r.state);
  } else {
    expect(LINK_ERROR_CODES).toContain(r.error.code);
    expect(r.error.messageKey).toBe(`link.error.${r.error.code}`);
    expect(typeof r.error.message).toBe('string');
    expect(r.error.message.length).toBeGreaterThan(0);
    expect(r.error.message.length).toBeLessThanOrEqual(600);
  }
}

describe('format', () => {
  it('is versioned, URL-safe, compressed, and round-trips every preset', () => {
    for (const p of presets) {
      const link = encodeLink({ scenario: p.file, recorded: [], step: 0 });
      expect(link).toMatch(/^v=1&z=[A-Za-z0-9_-]+$/);
      expect(link.length).toBeLessThan(JSON.stringify(p.file).length);
      const back = decodeLink(link);
      expect(back).toEqual({ ok: true, state: { scenario: p.file, recorded: [], step: 0 } });
    }
  });

  it('round-trips recorded actions, the step and the view', () => {
    const back = decodeLink(encodeLink(state));
    expect(back).toEqual({ ok: true, state });
  });

  it('reads a hash, a query, a whole URL, and a link wrapped as ?s=…', () => {
    const link = encodeLink(state);
    for (const text of [
      link,
      `#${link}`,
      `?${link}`,
      `https://zablab.example/#${link}`,
      `https://zablab.example/app?lang=en#${link}`,
      `http://localhost:4317/?s=${link}`,
      `  ${link}\n`,
    ])
      expect(decodeLink(text), text.slice(0, 40)).toEqual({ ok: true, state });
  });

  it('base64url encodes and decodes every length', () => {
    for (let n = 0; n < 40; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 73 + n) & 255);
      const s = toBase64Url(bytes);
      expect(s).toBe(Buffer.from(bytes).toString('base64url'));
      expect([...fromBase64Url(s)]).toEqual([...bytes]);
    }
  });
});

describe('typed errors', () => {
  const link = encodeLink(state);

  it('malformed: not a link, a bad version, bad characters, garbage data, damaged data', () => {
    for (const text of [
      '',
      'hello',
      'z=abc',
      'v=&z=abc',
      'v=one&z=abc',
      'v=0&z=abc',
      'v=1&z=ab+c',
      'v=1&v=1&z=ab',
    ]) {
      expect(errorCode(decodeLink(text)), text).toBe('malformed');
    }
    expect(errorCode(decodeLink('v=1&z=AAAAAAAAAAAAAAAA'))).toBe('malformed');
    // a valid zlib stream of something that is not JSON, and JSON that is not a run
    expect(errorCode(decodeLink(rawLink('not json')))).toBe('malformed');
    expect(errorCode(decodeLink(rawLink([1, 2, 3])))).toBe('malformed');
    expect(errorCode(decodeLink(rawLink({ s: base, r: [], n: 0, x: 1 })))).toBe('malformed');
    // invalid UTF-8
    const bad = `v=1&z=${toBase64Url(zlibSync(Uint8Array.from([0x7b, 0xff, 0xfe, 0x7d])))}`;
    expect(errorCode(decodeLink(bad))).toBe('malformed');
    // a damaged checksum
    const bytes = fromBase64Url(link.slice(6));
    bytes[bytes.length - 1] ^= 1;
    expect(errorCode(decodeLink(`v=1&z=${toBase64Url(bytes)}`))).toBe('malformed');
    // @ts-expect-error: not text at all
    expect(errorCode(decodeLink(42))).toBe('malformed');
  });

  it('truncated: a link cut short anywhere in its data', () => {
    expect(errorCode(decodeLink('v=1&z='))).toBe('truncated');
    expect(errorCode(decodeLink('v=1'))).toBe('truncated');
    const payload = link.length - 6;
    for (const keep of [1, 2, 5, Math.floor(payload / 2), payload - 5, payload - 1]) {
      const r = decodeLink(link.slice(0, 6 + keep));
      expect(errorCode(r), `keep ${keep}`).toBe('truncated');
    }
  });

  it('future-version: a newer link says so, with its version', () => {
    const r = decodeLink(link.replace('v=1', 'v=2'));
    expect(r).toMatchObject({ ok: false, error: { code: 'future-version', params: { version: 2 } } });
  });

  it('too-large: checked before decompressing, and a zip bomb is cut off while inflating', () => {
    expect(errorCode(decodeLink('v=1&z=' + 'A'.repeat(MAX_LINK_CHARS)))).toBe('too-large');
    const bomb = new Uint8Array(MAX_JSON_BYTES * 2).fill(0x20);
    const bombLink = `v=1&z=${toBase64Url(zlibSync(bomb, { level: 9 }))}`;
    expect(bombLink.length).toBeLessThan(MAX_LINK_CHARS);
    expect(errorCode(decodeLink(bombLink))).toBe('too-large');
  });

  it('invalid-scenario: a scenario the validator rejects, over-long or control characters', () => {
    const bad = (s: unknown) => errorCode(decodeLink(rawLink({ s, r: [], n: 0 })));
    expect(bad({ ...base, ensemble: { voters: 0, observers: 0 } })).toBe('invalid-scenario');
    expect(bad({ ...base, format: 2 })).toBe('invalid-scenario');
    expect(bad(null)).toBe('invalid-scenario');
    expect(bad({ ...base, title: 'x'.repeat(201) })).toBe('invalid-scenario');
    // accepted like in a file and the console, and shown escaped (src/share/visible.ts)
    expect(bad({ ...base, title: 'line\nbreak' })).toBe('ok');
    expect(bad({ ...base, title: 'rtl \u202e override' })).toBe('ok');
    expect(bad({ ...base, __proto__: { polluted: true } })).toBe('ok');
    const proto = JSON.parse(`{"__proto__": {"polluted": true}, "format": 1}`);
    expect(bad({ ...base, ...proto })).toBe('invalid-scenario');
    const cmd = { at: 5000, client: { id: 'c1', server: 1, cmd: 'create /a ' + 'x'.repeat(5000) } };
    expect(bad({ ...base, actions: [...base.actions, cmd], until: 7000 })).toBe('invalid-scenario');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('invalid-actions: unknown kinds, servers outside the ensemble, out of order, bad fields', () => {
    const bad = (r: unknown) => errorCode(decodeLink(rawLink({ s: base, r, n: 0 })));
    expect(bad('nope')).toBe('invalid-actions');
    expect(bad([{ step: 1, action: { explode: [1] } }])).toBe('invalid-actions');
    expect(bad([{ step: 1, action: { crash: [9] } }])).toBe('invalid-actions');
    expect(bad([{ step: 1, action: { partition: [[1], [4]] } }])).toBe('invalid-actions');
    expect(bad([{ step: -1, action: { heal: true } }])).toBe('invalid-actions');
    expect(bad([{ step: MAX_STEP + 1, action: { heal: true } }])).toBe('invalid-actions');
    expect(
      bad([
        { step: 5, action: { heal: true } },
        { step: 4, action: { heal: true } },
      ]),
    ).toBe('invalid-actions');
    expect(bad([{ step: 1, action: { latency: { ms: [9, 3] } } }])).toBe('invalid-actions');
    expect(bad([{ step: 1, action: { crashOn: { sid: 1, after: 'EXPLODE' } } }])).toBe('invalid-actions');
    expect(bad([{ step: 1, action: { client: { id: 'c', cmd: '<script>' + 'x'.repeat(5000) } } }])).toBe(
      'invalid-actions',
    );
    // a control character is accepted (as in a file or the console) and shown escaped
    expect(bad([{ step: 1, action: { client: { id: 'c\u0000', cmd: 'ls /' } } }])).toBe('ok');
    expect(bad([{ step: 1, action: { heal: true, crash: [1] } }])).toBe('invalid-actions');
    expect(bad([{ step: 1, action: { client: { id: 'c', cmd: 'ls /', server: 1 } } }])).toBe('ok');
  });

  it('invalid-step: negative, fractional, not a number, beyond the limit', () => {
    const bad = (n: unknown) => errorCode(decodeLink(rawLink({ s: base, r: [], n })));
    for (const n of [-1, 1.5, '3', null, MAX_STEP + 1, 1e300]) expect(bad(n), String(n)).toBe('invalid-step');
    expect(bad(MAX_STEP)).toBe('ok');
  });

  it('a bad view is malformed; an unknown language or a server outside the ensemble too', () => {
    const bad = (w: unknown) => errorCode(decodeLink(rawLink({ s: base, r: [], n: 0, w })));
    expect(bad({ lang: 'fr' })).toBe('malformed');
    expect(bad({ selectedSid: 4 })).toBe('malformed');
    expect(bad({ lecture: 'yes' })).toBe('malformed');
    expect(bad({ preset: '<img src=x onerror=alert(1)>' })).toBe('malformed');
    expect(bad({ lesson: 'election', embed: true, selectedSid: 3 })).toBe('ok');
  });

  it('shareLink reports what would not open', () => {
    expect(shareLink(state)).toEqual({ ok: true, link: encodeLink(state) });
    const r = shareLink({ ...state, scenario: { ...base, title: 'x'.repeat(201) } });
    expect(r).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-scenario',
        messageKey: 'limits.over.titleChars',
        params: { value: '201', max: '200' },
      },
    });
    // an invisible character is no reason to refuse (it is shown escaped): Copy link works
    expect(shareLink({ ...state, scenario: { ...base, title: 'a\u200fb\u2028c\ufeff' } }).ok).toBe(true);
  });
});

describe('fuzzing (fast-check)', () => {
  const link = encodeLink(state);
  const payload = link.slice(6);
  const ALPHA = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

  it('random text never throws', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        checkResult(decodeLink(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('random link-shaped text never throws', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('v=1&z=', 'v=2&z=', '#v=1&z=', 'v=1&z=eN', 'v=1&z=eNq'),
        fc.string({ unit: fc.constantFrom(...ALPHA), maxLength: 300 }),
        (prefix, rest) => {
          checkResult(decodeLink(prefix + rest));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('mutated valid links (bit flips, truncation, insertion, deletion) are ok-and-stable or a typed error', () => {
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 5 }) }),
      fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
      fc.record({
        kind: fc.constant('insert' as const),
        at: fc.nat(),
        ch: fc.string({ minLength: 1, maxLength: 3 }),
      }),
      fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), n: fc.integer({ min: 1, max: 8 }) }),
    );
    const codes = new Map<string, number>();
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (muts) => {
        let p = payload;
        for (const m of muts) {
          const at = m.at % (p.length + 1);
          if (m.kind === 'flip' && p.length > 0) {
            const i = at % p.length;
            const v = ALPHA.indexOf(p[i]) ^ (1 << m.bit);
            p = p.slice(0, i) + ALPHA[v] + p.slice(i + 1);
          } else if (m.kind === 'cut') p = p.slice(0, at);
          else if (m.kind === 'insert') p = p.slice(0, at) + m.ch + p.slice(at);
          else if (m.kind === 'delete') p = p.slice(0, at) + p.slice(at + m.n);
        }
        const r = decodeLink('v=1&z=' + p);
        codes.set(errorCode(r), (codes.get(errorCode(r)) ?? 0) + 1);
        checkResult(r);
      }),
      { numRuns: 2000 },
    );
    // the checksum catches damage: mutated links almost never decode to some other run
    expect(codes.get('truncated') ?? 0).toBeGreaterThan(0);
    expect(codes.get('malformed') ?? 0).toBeGreaterThan(0);
  });
});

// ----------------------------------------------------------------------------------------------
// Random valid runs

/** JSON has no -0: a link carries 0 (the same number for every use a scenario makes of it) */
const noNegativeZero = (x: number) => (x === 0 ? 0 : x);
const sidsOf = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
const safeText = (max: number) =>
  fc.string({ unit: 'binary', maxLength: max }).filter((s) => !hasUnsafeChar(s) && s.trim() === s);

function arbSidList(n: number) {
  return fc.subarray(sidsOf(n), { minLength: 1 });
}

function arbPartition(n: number) {
  return fc
    .shuffledSubarray(sidsOf(n), { minLength: 1 })
    .chain((xs) =>
      fc
        .integer({ min: 1, max: xs.length })
        .map((k) => [xs.slice(0, k), xs.slice(k)].filter((g) => g.length > 0)),
    );
}

const arbRange = fc
  .tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 50 }))
  .map(([a, b]): [number, number] => [Math.min(a, b), Math.max(a, b)]);

const CMDS = [
  'create /a x',
  'get -w /a',
  'set /a 二',
  'ls /',
  'delete /a',
  'create -e -s /q/n- ',
  'close',
  'disconnect',
];

function arbUserAction(n: number): fc.Arbitrary<UserAction> {
  const pair = fc.tuple(fc.integer({ min: 1, max: n }), fc.integer({ min: 1, max: n }));
  return fc.oneof(
    arbSidList(n).map((start) => ({ start })),
    arbSidList(n).map((crash) => ({ crash })),
    arbSidList(n).map((restart) => ({ restart })),
    arbPartition(n).map((partition) => ({ partition })),
    fc.constant({ heal: true as const }),
    pair.map((cut): UserAction => ({ cut })),
    pair.map((uncut): UserAction => ({ uncut })),
    pair.map(([from, to]) => ({ drop: { from, to } })),
    arbRange.map((ms) => ({ latency: { ms } })),
    fc
      .record({
        id: fc.constantFrom('c1', 'c2', '客户端'),
        server: fc.option(fc.integer({ min: 1, max: n }), { nil: undefined }),
        cmd: fc.constantFrom(...CMDS),
        sessionTimeoutMs: fc.option(fc.integer({ min: 1, max: 60000 }), { nil: undefined }),
      })
      .map(({ id, server, cmd, sessionTimeoutMs }) => ({
        client: {
          id,
          ...(server !== undefined ? { server } : {}),
          cmd,
          ...(sessionTimeoutMs !== undefined ? { sessionTimeoutMs } : {}),
        },
      })),
    fc
      .record({
        sid: fc.integer({ min: 1, max: n }),
        after: fc.constantFrom('NEWLEADER', 'DIFF', 'PROPOSAL', 'ACK'),
      })
      .map((crashOn) => ({ crashOn })),
  );
}

function arbScenarioAction(n: number): fc.Arbitrary<ScenarioInput['actions'][number]> {
  const at = fc.integer({ min: 0, max: 100_000 });
  return fc.oneof(
    fc.tuple(at, arbSidList(n)).map(([at, start]) => ({ at, start })),
    fc.tuple(at, arbSidList(n)).map(([at, crash]) => ({ at, crash })),
    fc.tuple(at, arbSidList(n)).map(([at, restart]) => ({ at, restart })),
    fc.tuple(at, arbPartition(n)).map(([at, partition]) => ({ at, partition })),
    at.map((at) => ({ at, heal: true as const })),
    fc.tuple(at, arbRange).map(([at, ms]) => ({ at, latency: { ms } })),
    fc
      .tuple(at, fc.integer({ min: 1, max: n }), fc.integer({ min: 1, max: n }))
      .map(([at, from, to]) =>
        from !== to ? { at, drop: { from, to } } : { at, latency: { ms: [from, from] as [number, number] } },
      ),
    fc
      .tuple(at, fc.integer({ min: 1, max: n }), fc.constantFrom(...CMDS))
      .map(([at, server, cmd]) => ({ at, client: { id: 'c1', server, cmd } })),
  );
}

const arbRun: fc.Arbitrary<LinkState> = fc
  .record({
    voters: fc.integer({ min: 1, max: 9 }),
    observers: fc.integer({ min: 0, max: 4 }),
    seed: fc.integer({ min: 0, max: 0xffff_ffff }),
    title: fc.option(safeText(60), { nil: undefined }),
    zkVersion: fc.constantFrom('3.9.5' as const, '3.9.1' as const),
    // ≥ 2: an until of up to 150,000 ms then stays within LIMITS.untilTicks (100,000 ticks)
    tickTime: fc.integer({ min: 2, max: 5000 }),
    snapCount: fc.integer({ min: 2, max: 100_000 }),
    snapshotSizeFactor: fc.double({ min: -1, max: 1, noNaN: true }).map(noNegativeZero),
    dropRate: fc.double({ min: 0, max: 1, noNaN: true }).map(noNegativeZero),
    latencyMs: arbRange,
    bootMs: arbRange,
  })
  .chain((c) => {
    const n = c.voters + c.observers;
    return fc
      .record({
        actions: fc.array(arbScenarioAction(n), { maxLength: 12 }),
        extra: fc.integer({ min: 0, max: 50_000 }),
        recorded: fc.array(
          fc.record({ step: fc.integer({ min: 0, max: MAX_STEP }), action: arbUserAction(n) }),
          {
            maxLength: 12,
          },
        ),
        step: fc.integer({ min: 0, max: MAX_STEP }),
        view: fc.option(
          fc.record(
            {
              lang: fc.constantFrom('en' as const, 'zh-CN' as const),
              selectedSid: fc.integer({ min: 1, max: n }),
              lecture: fc.boolean(),
              embed: fc.boolean(),
              preset: fc.constantFrom('first-boot', 'zk-4643-391'),
              lesson: fc.constantFrom('election', 'sessions'),
            },
            { requiredKeys: [] },
          ),
          { nil: undefined },
        ),
      })
      .map(({ actions, extra, recorded, step, view }) => {
        const sorted = [...actions].sort((a, b) => a.at - b.at);
        const until = (sorted.at(-1)?.at ?? 0) + extra;
        const { voters, observers, seed, title, ...config } = c;
        const input: ScenarioInput = {
          format: 1,
          ...(title !== undefined ? { title } : {}),
          seed,
          ensemble: { voters, observers },
          config,
          actions: sorted,
          until,
        };
        const scenario: Scenario = makeScenario(input);
        const rec: RecordedAction[] = [...recorded].sort((a, b) => a.step - b.step);
        const out: LinkState = { scenario, recorded: rec, step };
        if (view !== undefined && Object.keys(view).length > 0) out.view = view;
        return out;
      });
  });

describe('round trip', () => {
  it('decode(encode(run)) is the run, for random valid scenarios, actions, steps and views', () => {
    fc.assert(
      fc.property(arbRun, (run) => {
        const link = encodeLink(run);
        expect(link.length).toBeLessThan(MAX_LINK_CHARS);
        expect(decodeLink(link)).toEqual({ ok: true, state: run });
      }),
      { numRuns: 300 },
    );
  });
});

describe('determinism', () => {
  it('a link 10,000 steps deep replays to the same picture twice', () => {
    const actions: ScenarioInput['actions'] = [{ at: 0, start: [1, 2, 3, 4, 5, 6] }];
    for (let i = 0; i < 60; i++)
      actions.push({
        at: 1000 + i * 500,
        client: { id: `c${i % 3}`, server: 1 + (i % 6), cmd: `create /n${i} v${i}` },
      });
    actions.push({ at: 12000, crash: [5] }, { at: 20000, restart: [5] });
    actions.push(
      {
        at: 25000,
        partition: [
          [1, 2],
          [3, 4, 5, 6],
        ],
      },
      { at: 40000, heal: true },
    );
    actions.sort((a, b) => a.at - b.at);
    const scenario = makeScenario({
      format: 1,
      title: 'deep',
      seed: 42,
      ensemble: { voters: 5, observers: 1 },
      config: { latencyMs: [1, 5], bootMs: [0, 300] },
      actions,
      until: 900_000,
    });
    const recorded: RecordedAction[] = [
      { step: 3000, action: { crash: [2] } },
      { step: 5000, action: { restart: [2] } },
      { step: 7000, action: { client: { id: 'u1', server: 3, cmd: 'create /u x' } } },
    ];
    const decoded = decodeLink(encodeLink({ scenario, recorded, step: 10_000 }));
    if (!decoded.ok) throw new Error(decoded.error.message);
    const { state: s } = decoded;
    const picture = () => {
      const sim = new Simulation(s.scenario, s.recorded);
      sim.runToStep(s.step);
      const v = sim.view();
      return {
        step: v.step,
        t: v.t,
        leader: v.leader,
        zxids: v.servers.map((x) => [
          x.sid,
          x.state,
          zxidToHex(x.lastLoggedZxid),
          zxidToHex(x.lastProcessedZxid),
        ]),
        traceLength: sim.trace.length,
        view: JSON.stringify(v),
      };
    };
    const a = picture();
    const b = picture();
    expect(a.step).toBe(10_000);
    expect(a.leader).not.toBeNull();
    expect(a).toEqual(b);
  });
});
