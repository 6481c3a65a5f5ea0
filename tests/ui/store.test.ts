import { beforeEach, describe, expect, it } from 'vitest';
import { behindRate, defaultScenario, useSim } from '../../src/ui/store';

const s = () => useSim.getState();
/** Everything a step shows: the view and what the step did. */
const picture = () => JSON.stringify({ view: s().view, delivered: s().delivered, dropped: s().dropped });

function steps(n: number) {
  for (let i = 0; i < n; i++) s().step();
}

describe('store', () => {
  beforeEach(() => s().load(defaultScenario()));

  it('opens on five servers, none started', () => {
    expect(s().view.step).toBe(0);
    expect(s().view.servers.map((x) => x.state)).toEqual(['DOWN', 'DOWN', 'DOWN', 'DOWN', 'DOWN']);
    expect(s().horizon).toBe(0);
    expect(s().playing).toBe(false);
  });

  it('steps back to exactly the same picture', () => {
    s().act({ start: [1, 2, 3, 4, 5] });
    steps(30);
    const at30 = picture();
    steps(10);
    expect(s().horizon).toBe(40);
    for (let i = 0; i < 10; i++) s().stepBack();
    expect(s().view.step).toBe(30);
    expect(picture()).toBe(at30);
    s().seek(5);
    s().seek(30);
    expect(picture()).toBe(at30);
  });

  it('shows actions done at step 0 when coming back to step 0', () => {
    s().act({ start: [1, 2, 3, 4, 5] });
    const at0 = picture();
    steps(3);
    s().seek(0);
    expect(picture()).toBe(at0);
    expect(s().view.servers.every((x) => x.up)).toBe(true);
  });

  it('replays an action at its step: back past it and forward again', () => {
    s().act({ start: [1, 2, 3, 4, 5] });
    steps(20);
    s().act({ crash: [2] });
    const crashed = picture();
    steps(5);
    s().seek(19);
    expect(s().view.servers[1].up).toBe(true);
    s().step();
    expect(picture()).toBe(crashed);
  });

  it('acting in the past forks the history', () => {
    s().act({ start: [1, 2, 3, 4, 5] });
    steps(20);
    s().act({ crash: [3] });
    steps(10);
    s().seek(10);
    expect(s().horizon).toBe(30);
    s().act({ crash: [1] });
    expect(s().horizon).toBe(10);
    expect(s().sim.recorded.map((r) => [r.step, r.action])).toEqual([
      [0, { start: [1, 2, 3, 4, 5] }],
      [10, { crash: [1] }],
    ]);
    expect(s().view.servers[2].up).toBe(true);
  });

  it('fork forgets the future', () => {
    s().act({ start: [1, 2, 3, 4, 5] });
    steps(15);
    s().act({ crash: [4] });
    steps(5);
    s().seek(8);
    s().fork();
    expect(s().horizon).toBe(8);
    expect(s().sim.recorded.every((r) => r.step <= 8)).toBe(true);
    steps(12);
    expect(s().view.servers[3].up).toBe(true);
  });

  it('load(scenario, recorded, step) reproduces a run', () => {
    s().act({ start: [1, 2, 3, 4, 5] });
    steps(12);
    s().act({ crash: [5] });
    steps(8);
    const pic = picture();
    const recorded = [...s().sim.recorded];
    s().load(defaultScenario(), recorded, 20);
    expect(picture()).toBe(pic);
  });

  it('clamps the speed to 1 … 2000 events per second', () => {
    s().setSpeed(0);
    expect(s().speed).toBe(1);
    s().setSpeed(1e6);
    expect(s().speed).toBe(2000);
  });

  it('elects a leader with the real core', () => {
    s().act({ start: [1, 2, 3, 4, 5] });
    for (let i = 0; i < 2000 && s().view.leader === null; i++) s().step();
    expect(s().view.leader).not.toBeNull();
    const leader = s().view.servers.find((x) => x.sid === s().view.leader)!;
    expect(leader.state).toBe('LEADING');
    expect(leader.currentEpoch).toBe(1);
  });

  it('the in-memory fallback keeps the run in the page, labelled, with the reason', async () => {
    const { BrowserRuntime } = await import('../../src/runtime/runtime');
    const { runtimeError } = await import('../../src/runtime/errors');
    s().act({ start: [1, 2, 3] });
    steps(12);
    const before = picture();
    const warning = runtimeError('indexeddb-unavailable', 'SecurityError: refused');
    await s().attachRuntime(new BrowserRuntime('in-memory', 'x', {}, warning));
    expect(s().runtime.kind).toBe('in-memory');
    expect(s().runtime.warning?.code).toBe('indexeddb-unavailable');
    expect(s().runtime.ensembleId).toBeNull();
    // nothing moved, and stepping stays synchronous
    expect(picture()).toBe(before);
    expect(s().step()).toBe(true);
    expect(s().view.step).toBe(13);
    await s().idle();
  });

  it('says the speed reached only while fast playback runs clearly under its speed', () => {
    const at = (playing: boolean, speed: number, reachedRate: number | null) =>
      behindRate({ playing, speed, reachedRate });
    expect(at(true, 2000, 1540.4)).toBe(1540);
    // within a tenth of the speed: a second's figure varies that much
    expect(at(true, 2000, 1850)).toBeNull();
    expect(at(false, 2000, 1540)).toBeNull();
    expect(at(true, 2000, null)).toBeNull();
    // slow playback: a second holds a few steps, too few for a figure
    expect(at(true, 10, 5)).toBeNull();
  });
});
