/**
 * The engine in Node for both implementations, driven as the UI store drives it (Controller +
 * Player with injected frames; a new saved ensemble per loaded scenario): servers in this page
 * (PageRun), and servers in "Web Workers" with their dataDirs in IndexedDB (WorkerRun over
 * createRuntime's workers+indexeddb runtime, each worker an in-process shim running PeerProcess on
 * fake-indexeddb). Both give the CLI's trace: reference scenarios and random chaos seeds played to
 * the end; a crash at a past step starts a branch, the old future is kept and switching back gives
 * the same trace again; and (workers) a saved ensemble resumed from its databases after a "reload"
 * goes on as the CLI does with the same recorded actions.
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Controller } from '../../src/engine/Controller';
import type { Frame } from '../../src/engine/Controller';
import { Player } from '../../src/engine/Player';
import { WorkerRun } from '../../src/engine/WorkerRun';
import { EnsembleRun, createRuntime, resumeEnsemble } from '../../src/runtime/runtime';
import type { BrowserRuntime } from '../../src/runtime/runtime';
import { newEnsembleId } from '../../src/runtime/ensembles';
import { makeScenario, parseScenario } from '../../src/sim/Scenario';
import type { Scenario } from '../../src/sim/Scenario';
import type { RecordedAction } from '../../src/sim/SimulationApi';
import { randomScenario } from '../../src/sim/RandomScenario';
import { runScenario, runScenarioText, traceHash, traceToJsonl } from '../../src/sim/run';
import { traceHashOf } from '../../src/sim/TraceLog';
import { ShimWorker, shimWorker } from '../runtime/shimWorker';

type Impl = 'page' | 'workers';
const IMPLS: Impl[] = ['page', 'workers'];

/** the speed slider's maximum (store.ts MAX_SPEED), in events per second */
const MAX_SPEED = 2000;
/** virtual wall time between two animation frames (60 Hz, never "late" for the player) */
const FRAME_MS = 16;

function reference(name: string): { scenario: Scenario; text: string } {
  const text = readFileSync(`scenarios/reference/${name}.json`, 'utf8');
  const p = parseScenario(text);
  if (!p.ok) throw new Error(p.errors.join('\n'));
  return { scenario: p.scenario, text };
}

function chaos(seed: number): Scenario {
  return makeScenario(
    randomScenario(seed, {
      voters: 3 + 2 * (seed % 2),
      observers: seed % 3 === 0 ? 1 : 0,
      chaosMs: 3000,
      settleMs: 2000,
    }),
  );
}

/** The CLI's trace hash (runScenario + traceHash(traceToJsonl(...))), with `recorded` actions. */
function cliHash(scenario: Scenario, recorded: readonly RecordedAction[] = []): string {
  const r = runScenario(scenario, recorded);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return traceHash(traceToJsonl(r.trace));
}

/** the whole trace's hash of the run on screen (a worker run keeps a bounded trace, hashed whole) */
const hashOf = (f: Frame): string => traceHashOf(f.sim.trace);

/** The engine as store.ts makes it, on one implementation. */
class Engine {
  readonly errors: unknown[] = [];
  readonly c: Controller;
  readonly player: Player;
  /** virtual wall time of the animation frames */
  private t = 0;
  private readonly frames: ((now: number) => void)[] = [];
  private stops: number[] = [];
  /** the runtime of the saved ensemble on screen (workers only) */
  rt: BrowserRuntime | null = null;

  private constructor(readonly impl: Impl) {
    const clock = { now: () => performance.now() };
    this.c = new Controller(
      makeScenario({ format: 1, seed: 1, ensemble: { voters: 3, observers: 0 }, actions: [], until: 1000 }),
      {
        clock,
        onFrame: () => undefined,
        onError: (e) => this.errors.push(e),
        yieldToHost: () => new Promise((r) => setTimeout(r, 0)),
      },
    );
    this.player = new Player(this.c, {
      clock: { now: () => this.t },
      frames: {
        request: (cb) => this.frames.push(cb),
        cancel: () => void this.frames.splice(0),
      },
      speed: () => MAX_SPEED,
      stops: () => this.stops,
      narrated: () => false,
      dwellMs: () => 0,
      normalDwellMs: () => 0,
      onPlaying: () => undefined,
    });
  }

  static async create(impl: Impl): Promise<Engine> {
    const e = new Engine(impl);
    if (impl === 'workers') {
      // store.attachRuntime: the runtime createRuntime() picked, then runs made on it
      const rt = await createRuntime({ createWorker: shimWorker });
      expect(rt.warning).toBeUndefined();
      expect(rt.kind).toBe('workers+indexeddb');
      e.rt = rt;
      e.c.setFactory({
        kind: 'workers+indexeddb',
        create: (s, recorded) => new WorkerRun(EnsembleRun.create(e.rt!, s, { recorded })),
      });
    }
    return e;
  }

  /** store.load: a new saved ensemble (workers) and a new history of `scenario`. */
  async load(scenario: Scenario): Promise<void> {
    this.player.pause();
    if (this.rt) {
      this.c.currentRun.close();
      await this.rt.close();
      this.rt = this.rt.forEnsemble(newEnsembleId());
    }
    this.c.load(scenario);
  }

  /** Plays at the slider's maximum until the end of the run or until `stop`, frames injected. */
  async play(stop = Infinity): Promise<void> {
    this.stops = Number.isFinite(stop) ? [stop] : [];
    this.player.play();
    // each frame after a macrotask: a worker run's jobs (posted to the workers) go on meanwhile
    for (let i = 0; this.player.playing; i++) {
      if (i > 100_000) throw new Error('playback never ended');
      await new Promise((r) => setTimeout(r, 0));
      this.t += FRAME_MS;
      this.frames.shift()?.(this.t);
    }
    await this.c.idle();
  }

  get frame(): Frame {
    return this.c.frame;
  }

  /**
   * After playing: nothing failed, the servers ran where they should (on workers: they hold the
   * step, not a replay in the page) and booted what their disks hold.
   */
  checkClean(): void {
    expect(this.errors).toEqual([]);
    if (this.impl === 'page') {
      expect(this.c.kind).toBe('page');
      return;
    }
    expect(this.c.currentRun).toBeInstanceOf(WorkerRun);
    expect(this.c.currentRun.live).toBe(true);
    const stats = this.rt!.workerHost!.stats;
    expect(stats.errors).toEqual([]);
    expect(stats.bootMismatches).toEqual([]);
    expect(stats.hydrateMismatches).toEqual([]);
  }

  async close(): Promise<void> {
    this.player.pause();
    await this.c.idle();
    this.c.currentRun.close();
    await this.rt?.close();
  }
}

beforeAll(() => {
  // createRuntime's probe first asks whether this context has Web Workers at all (Node has none);
  // the worker it then starts is createWorker's, a shim, answering the probe as peer.worker.ts does
  vi.stubGlobal('Worker', ShimWorker);
});
afterAll(() => {
  vi.unstubAllGlobals();
});

describe.each(IMPLS)('the engine with servers in %s', (impl) => {
  it("plays reference scenarios and chaos seeds to the end with the CLI's trace", async () => {
    const e = await Engine.create(impl);
    for (const name of ['s8', 's12']) {
      const { scenario, text } = reference(name);
      await e.load(scenario);
      await e.play();
      expect(e.frame.finished, name).toBe(true);
      const cli = runScenarioText(text);
      if (!cli.ok) throw new Error(cli.errors.join('\n'));
      expect(hashOf(e.frame), name).toBe(traceHash(traceToJsonl(cli.trace)));
      e.checkClean();
    }
    // seeds whose chaos crashes a server and restarts it (it recovers from its own dataDir)
    for (const seed of [2, 8, 10]) {
      const scenario = chaos(seed);
      expect(scenario.actions.some((a) => 'crash' in a)).toBe(true);
      expect(scenario.actions.some((a) => 'restart' in a)).toBe(true);
      await e.load(scenario);
      await e.play();
      expect(e.frame.finished, `seed ${seed}`).toBe(true);
      expect(hashOf(e.frame), `seed ${seed}`).toBe(cliHash(scenario));
      e.checkClean();
    }
    if (impl === 'workers') {
      // the steps went through the workers, not a page replay
      const stats = e.rt!.workerHost!.stats;
      expect(stats.messages).toBeGreaterThan(0);
      expect(stats.workersStarted).toBeGreaterThan(0);
    }
    await e.close();
  });

  it('a crash at a past step makes a branch; the old future is kept and switching back gives its trace again', async () => {
    const e = await Engine.create(impl);
    const { scenario } = reference('s8');
    await e.load(scenario);
    await e.play();
    const end = e.frame.view.step;
    const endHash = hashOf(e.frame);
    expect(endHash).toBe(cliHash(scenario));

    const half = Math.floor(end / 2);
    e.c.seek(half);
    await e.c.idle();
    expect(e.frame.view.step).toBe(half);
    const halfHash = hashOf(e.frame);
    const up = e.frame.view.servers.find((s) => s.up)!.sid;
    const old = e.frame.branch;

    e.c.act({ crash: [up] });
    await e.c.idle();
    expect(e.frame.branches).toHaveLength(2);
    expect(e.frame.branch).not.toBe(old);
    expect(e.frame.horizon).toBe(half);
    expect(e.frame.view.servers.find((s) => s.sid === up)!.up).toBe(false);
    expect(e.frame.branches.find((b) => b.id === old)!.horizon).toBe(end);
    // the new branch, played to its end, is the CLI's run of its actions
    await e.play();
    const branched = e.frame.recorded;
    const branchEnd = e.frame.view.step;
    const branchHash = hashOf(e.frame);
    expect(branched.filter((r) => 'crash' in r.action && r.step === half)).toHaveLength(1);
    expect(branchHash).toBe(cliHash(scenario, branched));
    expect(branchHash).not.toBe(endHash);
    e.checkClean();

    // back to the old future: at the crash's step first (a switch keeps the step), then played on
    e.c.seek(half);
    e.c.switchBranch(old);
    await e.c.idle();
    expect(e.frame.branch).toBe(old);
    expect(e.frame.view.step).toBe(half);
    expect(e.frame.horizon).toBe(end);
    expect(hashOf(e.frame)).toBe(halfHash);
    await e.play(end);
    expect(e.frame.view.step).toBe(end);
    expect(hashOf(e.frame)).toBe(endHash);
    e.checkClean();
    // on workers, both branches went on there after being rebuilt in the page (handed over)
    if (e.rt) expect(e.rt.workerHost!.stats.hydrations).toBeGreaterThan(0);

    // undo twice: back on the crash branch where the switch was made, then where the seek was
    expect(e.c.undo()).toBe(true);
    await e.c.idle();
    expect(e.frame.recorded).toEqual(branched);
    expect(e.frame.view.step).toBe(half);
    expect(e.c.undo()).toBe(true);
    await e.c.idle();
    expect(e.frame.view.step).toBe(branchEnd);
    expect(hashOf(e.frame)).toBe(branchHash);
    await e.close();
  });
});

describe('the engine with servers in workers: save and resume', () => {
  it("a saved ensemble resumed after a reload recovers from its databases and goes on with the CLI's trace", async () => {
    const e = await Engine.create('workers');
    const scenario = chaos(9);
    await e.load(scenario);
    await e.play(300);
    e.c.act({ client: { id: 'c9', server: 1, cmd: 'create /saved yes' } });
    await e.play(450);
    expect(e.frame.view.step).toBe(450);
    const run = (e.c.currentRun as WorkerRun).ensemble;
    const id = run.ensembleId;
    // the page goes away (pagehide saves), its workers with it
    await run.save();
    e.c.currentRun.close();
    await e.rt!.close();

    // the reloaded page: a new engine on a new runtime, resuming as store.resume does
    const f = await Engine.create('workers');
    await f.rt!.close();
    const resumed = await resumeEnsemble(id, { runtime: f.rt!, mode: 'recover' });
    f.rt = resumed.runtime;
    await f.c.adopt(new WorkerRun(resumed), resumed.scenario, resumed.history(), [...resumed.openedEvents]);
    expect(resumed.warnings).toEqual([]);
    const at = f.frame.view.step;
    expect(at).toBeGreaterThanOrEqual(450);
    // every server that was up restarted at that step (recovering from its IndexedDB)
    const recovered = f.frame.recorded.filter((r) => r.step === at);
    expect(recovered.map((r) => Object.keys(r.action)[0])).toEqual(['crash', 'restart']);
    expect(f.frame.recorded.filter((r) => 'client' in r.action)).toHaveLength(1);
    await f.play();
    expect(f.frame.finished).toBe(true);
    expect(hashOf(f.frame)).toBe(cliHash(scenario, f.frame.recorded));
    f.checkClean();
    expect(f.rt!.workerHost!.stats.bootsVerified).toBeGreaterThan(0);
    await f.close();
  });
});
