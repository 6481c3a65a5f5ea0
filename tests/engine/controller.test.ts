/**
 * The engine in Node, servers in this page: one code path per command, the history as a tree
 * (acting in the past keeps the old future as a branch, switching back restores it, undo returns
 * to where the user was and takes an action back), going back from checkpoints giving exactly the
 * picture a replay from step 0 gives, and the CLI's trace.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Controller } from '../../src/engine/Controller';
import type { Frame } from '../../src/engine/Controller';
import { Player } from '../../src/engine/Player';
import { NEAR_STEPS } from '../../src/engine/Checkpoints';
import { makeScenario, parseScenario } from '../../src/sim/Scenario';
import type { Scenario } from '../../src/sim/Scenario';
import { runScenario, traceHash, traceToJsonl } from '../../src/sim/run';

const clock = { now: () => performance.now() };

function five(): Scenario {
  return makeScenario({
    format: 1,
    seed: 1,
    ensemble: { voters: 5, observers: 0 },
    actions: [],
    until: 86_400_000,
  });
}

function controller(scenario = five(), interval = 16) {
  const frames: Frame[] = [];
  const c = new Controller(scenario, {
    clock,
    onFrame: (f) => frames.push(f),
    onError: (e) => {
      throw e;
    },
    checkpoints: { interval, max: 32 },
  });
  return { c, frames };
}

const picture = (f: Frame) =>
  JSON.stringify({ view: f.view, delivered: f.delivered, dropped: f.dropped, events: f.lastEvents });
const hash = (f: Frame) => traceHash(traceToJsonl(f.sim.trace));

function steps(c: Controller, n: number) {
  for (let i = 0; i < n; i++) expect(c.step()).toBe(true);
}

describe('engine controller (in-page run)', () => {
  it('gives the CLI trace for a preset and for a run with actions', () => {
    const text = readFileSync('src/presets/leader-crash.json', 'utf8');
    const p = parseScenario(text);
    if (!p.ok) throw new Error(p.errors.join());
    const { c } = controller(p.scenario);
    c.load(p.scenario);
    while (c.step());
    const cli = runScenario(p.scenario);
    if (!cli.ok) throw new Error(cli.errors.join());
    expect(hash(c.frame)).toBe(traceHash(cli.traceJsonl));

    const short = makeScenario({
      format: 1,
      seed: 4,
      ensemble: { voters: 5, observers: 0 },
      actions: [],
      until: 60_000,
    });
    const { c: d } = controller(short);
    d.load(short);
    d.act({ start: [1, 2, 3, 4, 5] });
    expect(d.advance(150)).toBe(150);
    d.act({ crash: [2] });
    d.seek(120);
    d.act({ client: { id: 'c1', server: 1, cmd: 'create /a 1' } });
    while (d.step());
    const cli2 = runScenario(short, d.frame.recorded);
    if (!cli2.ok) throw new Error(cli2.errors.join());
    expect(hash(d.frame)).toBe(traceHash(cli2.traceJsonl));
  });

  it('steps back from checkpoints to exactly the picture of a replay from step 0', () => {
    const { c } = controller(five(), 16);
    c.act({ start: [1, 2, 3, 4, 5] });
    steps(c, 400);
    expect(c.checkpoints.size).toBeGreaterThan(5);
    const { c: ref } = controller(five(), 1_000_000);
    ref.act({ start: [1, 2, 3, 4, 5] });
    for (const target of [399, 398, 250, 17, 16, 15, 1, 0, 333]) {
      c.seek(target);
      ref.load(five(), c.frame.recorded, target);
      expect(c.frame.view.step).toBe(target);
      expect(picture(c.frame)).toBe(picture(ref.frame));
      expect(hash(c.frame)).toBe(hash(ref.frame));
    }
  });

  it('at rest it keeps the last steps: stepping back takes them, exactly the picture of a replay from step 0', async () => {
    // clients with commands in flight at the kept steps (creates on several servers, a deleteall)
    const scenario = makeScenario({
      format: 1,
      seed: 5,
      ensemble: { voters: 5, observers: 0 },
      actions: [
        { at: 0, start: [1, 2, 3, 4, 5] },
        ...Array.from({ length: 40 }, (_, i) => ({
          at: 2500 + i * 20,
          client: {
            id: `c${i % 3}`,
            server: (i % 5) + 1,
            cmd: i === 39 ? 'deleteall /a' : `create /a${i % 2 ? '' : '/b' + i} x`,
          },
        })),
      ],
      until: 60_000,
    });
    const { c } = controller(scenario, 64);
    c.load(scenario);
    while (c.frame.view.step < 700 && c.step());
    const t = c.frame.view.step;
    expect(c.frame.view.clients.some((cl) => cl.busy)).toBe(true);
    await c.rested();
    expect(c.checkpoints.nearSize).toBe(NEAR_STEPS + 1);
    const { c: ref } = controller(scenario, 1_000_000);
    for (let i = 1; i <= NEAR_STEPS; i++) {
      const kept = c.checkpoints.nearSize;
      c.stepBack();
      // a kept run was taken (no replay)
      expect(c.checkpoints.nearSize).toBe(kept - 1);
      ref.load(scenario, c.frame.recorded, t - i);
      expect(c.frame.view.step).toBe(t - i);
      expect(picture(c.frame)).toBe(picture(ref.frame));
      expect(hash(c.frame)).toBe(hash(ref.frame));
    }
    // going on stepping back, a rest between: each step back takes a kept run, still the same picture
    for (let i = NEAR_STEPS + 1; i <= 3 * NEAR_STEPS; i++) {
      await c.rested();
      expect(c.checkpoints.hasNear(c.frame.recorded, t - i)).toBe(true);
      c.stepBack();
      ref.load(scenario, c.frame.recorded, t - i);
      expect(picture(c.frame)).toBe(picture(ref.frame));
    }
    // a kept run goes on as the run replayed from step 0 does, to the end
    while (c.step());
    const cli = runScenario(scenario, c.frame.recorded);
    if (!cli.ok) throw new Error(cli.errors.join());
    expect(hash(c.frame)).toBe(traceHash(cli.traceJsonl));

    // an action at the step on screen: the run kept there before it serves that branch no more
    const { c: d } = controller(scenario, 64);
    d.load(scenario);
    while (d.frame.view.step < 400 && d.step());
    await d.rested();
    expect(d.checkpoints.hasNear(d.frame.recorded, 400)).toBe(true);
    d.act({ crash: [2] });
    expect(d.checkpoints.hasNear(d.frame.recorded, 400)).toBe(false);
    d.stepBack();
    d.step();
    ref.load(scenario, d.frame.recorded, 400);
    expect(picture(d.frame)).toBe(picture(ref.frame));
    expect(d.frame.view.servers[1].up).toBe(false);
  });

  it('acting at a past step starts a branch; the old future stays and can be restored', () => {
    const { c } = controller();
    c.act({ start: [1, 2, 3, 4, 5] });
    steps(c, 90);
    const end = picture(c.frame);
    c.seek(41);
    const at41 = picture(c.frame);
    c.act({ crash: [3] });
    expect(c.frame.branches).toHaveLength(2);
    expect(c.frame.horizon).toBe(41);
    expect(c.frame.view.servers[2].up).toBe(false);
    const old = c.frame.branches.find((b) => b.id !== c.frame.branch)!;
    expect(old.horizon).toBe(90);
    c.switchBranch(old.id);
    expect(c.frame.view.step).toBe(41);
    expect(c.frame.horizon).toBe(90);
    expect(picture(c.frame)).toBe(at41);
    c.seek(90);
    expect(picture(c.frame)).toBe(end);
  });

  it('undo takes back a crash and returns to where the user was', () => {
    const { c } = controller();
    c.act({ start: [1, 2, 3, 4, 5] });
    steps(c, 60);
    c.seek(30);
    const at30 = picture(c.frame);
    c.act({ crash: [1] });
    steps(c, 5);
    expect(c.undo()).toBe(true);
    expect(c.frame.view.step).toBe(30);
    expect(picture(c.frame)).toBe(at30);
    expect(c.frame.horizon).toBe(60);
    // the crash branch went on, so it is kept
    expect(c.frame.branches).toHaveLength(2);
    // undo of the seek: back at 60
    expect(c.undo()).toBe(true);
    expect(c.frame.view.step).toBe(60);

    // an action at the end, taken back at once: no branch is left behind
    c.act({ crash: [4] });
    expect(c.frame.view.servers[3].up).toBe(false);
    c.undo();
    expect(c.frame.view.servers[3].up).toBe(true);
    expect(c.frame.recorded.some((r) => 'crash' in r.action && r.action.crash[0] === 4)).toBe(false);
    expect(c.undo()).toBe(true);
    expect(c.undo()).toBe(false);
  });

  it('the player plays at its speed, stops exactly on a stop, and at the end', () => {
    const { c } = controller();
    c.act({ start: [1, 2, 3] });
    let t = 0;
    const queue: ((n: number) => void)[] = [];
    const playing: boolean[] = [];
    const p = new Player(c, {
      clock: { now: () => t },
      frames: { request: (cb) => queue.push(cb), cancel: () => undefined },
      speed: () => 100,
      stops: () => [37],
      narrated: () => false,
      dwellMs: () => 10,
      normalDwellMs: () => 10,
      onPlaying: (on) => playing.push(on),
    });
    p.play();
    for (let i = 0; i < 100 && queue.length; i++) {
      t += 16;
      queue.shift()!(t);
    }
    expect(c.frame.view.step).toBe(37);
    expect(p.playing).toBe(false);
    expect(playing).toEqual([true, false]);
  });

  it('frames share the list of actions until it changes (a new list per step re-rendered the whole app)', () => {
    const { c, frames } = controller();
    c.act({ start: [1, 2, 3] });
    steps(c, 5);
    const list = c.frame.recorded;
    expect(frames.slice(-5).every((f) => f.recorded === list)).toBe(true);
    // a copy, never the branch's own list, and a new one once an action is recorded
    c.act({ crash: [2] });
    expect(c.frame.recorded).not.toBe(list);
    expect(list).toHaveLength(1);
    expect(c.frame.recorded).toHaveLength(2);
    steps(c, 3);
    expect(frames.slice(-3).every((f) => f.recorded === c.frame.recorded)).toBe(true);
    // the branch list too, while no branch changes (here: stepped back, under the horizon)
    c.seek(2);
    const branches = c.frame.branches;
    c.step();
    expect(c.frame.branches).toBe(branches);
  });

  it('while playing, a checkpoint due is copied after the frame, not among its steps', async () => {
    const yields: (() => void)[] = [];
    const c = new Controller(five(), {
      clock,
      onFrame: () => undefined,
      onError: (e) => {
        throw e;
      },
      yieldToHost: () => new Promise<void>((r) => yields.push(r)),
      checkpoints: { interval: 16, max: 32 },
    });
    // playing from the start: no work at rest is asked either
    c.setPlaying(true);
    c.act({ start: [1, 2, 3, 4, 5] });
    expect(c.advance(40)).toBe(40);
    // due at step 16 (and again at 32): nothing copied during the frame's steps, one copy asked
    expect(c.checkpoints.size).toBe(0);
    expect(yields).toHaveLength(1);
    yields.shift()!();
    await Promise.resolve();
    await Promise.resolve();
    expect(c.checkpoints.size).toBe(1);
    // a copy of the step the frame ended on: going back to a step after it replays from it, to
    // exactly the picture of a replay from step 0
    expect(c.advance(10)).toBe(10);
    c.setPlaying(false);
    c.seek(45);
    const { c: ref } = controller(five(), 1_000_000);
    ref.load(five(), c.frame.recorded, 45);
    expect(picture(c.frame)).toBe(picture(ref.frame));
  });
});
