/**
 * The player: playback at a speed (events per second) within a frame budget, pausing exactly on
 * stops (lecture cues, lesson steps) and, in the narrated pace, letting each step's picture dwell
 * as long as what happened in it deserves (the dwell function is the UI's, injected). Frames and
 * wall time are injected too, so playback is testable in Node. Models nothing in ZooKeeper.
 */
import type { TraceEvent } from '../zk/trace';
import type { MessageView } from '../zk/view';
import type { Controller } from './Controller';
import { messagesOf } from './messages';
import type { Clock } from './Run';

/** At most this much main-thread time per animation frame goes to stepping. */
export const FRAME_BUDGET_MS = 10;
/** a frame this much after the previous one means the page missed one (60 Hz: 16.7 ms) */
const LATE_FRAME_MS = 25;
/**
 * Pace owed that a frame's job could not run is kept up to this many ms of events: a short
 * hiccup (a collection, a busy core, a slow IndexedDB commit) is made up over the next frames, so
 * playback keeps the asked speed on average; a runtime that stays slower than asked plays as fast
 * as it can, its debt capped (no burst, no spiral).
 */
export const CATCH_UP_MS = 250;

/** The events owed after a frame of `dt` ms at `speed` (capped at the current speed: slowing down
 *  mid-run must not play the old debt at once). */
export function owedAfterFrame(carry: number, speed: number, dt: number): number {
  return Math.min(carry + (speed * dt) / 1000, (speed * (CATCH_UP_MS + dt)) / 1000);
}

/** The events still owed after a job ran `ran` of them (frames while it ran on the workers added
 *  to the carry: what they owe stays owed). */
export function owedAfterJob(carry: number, ran: number, speed: number): number {
  return Math.min(Math.max(0, carry - ran), (speed * CATCH_UP_MS) / 1000);
}

/** Playback reports the speed it reached over windows this long (ms of frames). */
export const RATE_WINDOW_MS = 1000;

/** Above this speed, playback skips decorative animation (frames would only queue up behind it). */
export const FAST_SPEED = 30;

export interface FrameScheduler {
  request(cb: (now: number) => void): number;
  cancel(id: number): void;
}

export interface PlayerOptions {
  clock: Clock;
  frames: FrameScheduler;
  /** events per second */
  speed(): number;
  /** steps where playback pauses by itself, ascending */
  stops(): readonly number[];
  /** the narrated pace is on */
  narrated(): boolean;
  /** narrated pace: how long a step with these events and deliveries stays on screen (ms) */
  dwellMs(events: readonly TraceEvent[], delivered: readonly MessageView[], speed: number): number;
  /** narrated pace: the dwell of an ordinary step (ms) */
  normalDwellMs(speed: number): number;
  /** playback started or stopped (by itself: at a stop, at the end, or told) */
  onPlaying(playing: boolean): void;
  /**
   * Paced playback: the events per second it reached over the last RATE_WINDOW_MS (a runtime on a
   * busy machine may run fewer than the speed asks); null when it stops or the narrated pace runs.
   */
  onRate?(eventsPerSecond: number | null): void;
}

/** The first stop after `step`, or Infinity. */
export function nextStopAfter(stops: readonly number[], step: number): number {
  for (const s of stops) if (s > step) return s;
  return Infinity;
}

export class Player {
  private frameId: number | null = null;
  private on = false;
  /** set while a frame's steps are being done by the workers */
  private frameJob = false;
  /** the narrated wait, set when a step on the workers comes back */
  private narratedWait = 0;

  constructor(
    private readonly ctl: Controller,
    private readonly opts: PlayerOptions,
  ) {}

  get playing(): boolean {
    return this.on;
  }

  play(): void {
    if (this.on || this.ctl.frame.finished) return;
    this.set(true);
    if (this.frameId === null) this.loop();
  }

  pause(): void {
    if (this.frameId !== null) this.opts.frames.cancel(this.frameId);
    this.frameId = null;
    this.set(false);
  }

  private set(on: boolean): void {
    if (this.on === on) return;
    this.on = on;
    // at rest the controller keeps the last steps for stepping back; while playing it must not copy
    this.ctl.setPlaying(on);
    this.opts.onPlaying(on);
    if (!on) this.opts.onRate?.(null);
  }

  private get step(): number {
    return this.ctl.frame.sim.stepCount;
  }

  /** After steps: paused by the end of the run, or on the stop it was heading for. */
  private settle(stop: number): void {
    if (this.ctl.frame.finished || this.step >= stop) this.pause();
  }

  private loop(): void {
    const { clock, frames } = this.opts;
    let last = clock.now();
    let carry = 0;
    let rested = false;
    // the window over which the reached speed is measured: frames' time (capped as dt is) and steps
    let windowMs = 0;
    let windowStep = this.step;
    let windowSpeed = 0;
    this.narratedWait = 0;
    const frame = (now: number): void => {
      if (!this.on) {
        this.frameId = null;
        return;
      }
      const gap = now - last;
      // a long gap (background tab, debugger) must not turn into a burst
      const dt = Math.min(gap, 100);
      last = now;
      if (this.opts.narrated()) {
        if (windowSpeed !== 0) this.opts.onRate?.(null);
        windowSpeed = 0;
        this.narratedWait = this.narratedFrame(this.narratedWait - dt);
        this.frameId = this.on ? frames.request(frame) : null;
        return;
      }
      const speed = this.opts.speed();
      if (speed !== windowSpeed) {
        // a figure measured at another speed would be compared with this one
        if (windowSpeed !== 0) this.opts.onRate?.(null);
        windowSpeed = speed;
        windowMs = 0;
        windowStep = this.step;
      }
      windowMs += dt;
      if (windowMs >= RATE_WINDOW_MS) {
        // (a seek back while playing moves the step the other way: no figure for that window)
        if (this.step >= windowStep) this.opts.onRate?.(((this.step - windowStep) * 1000) / windowMs);
        windowMs = 0;
        windowStep = this.step;
      }
      carry = owedAfterFrame(carry, speed, dt);
      // The page missed a frame (a busy machine): leave this one to the browser to catch up in.
      // Fast playback only, one frame at a time; its events are done, and drawn once, next frame.
      if (gap > LATE_FRAME_MS && !rested && speed > FAST_SPEED) {
        rested = true;
        this.frameId = frames.request(frame);
        return;
      }
      rested = false;
      let n = Math.floor(carry);
      // never play past a stop: end exactly on it, paused
      const stop = nextStopAfter(this.opts.stops(), this.step);
      if (n > 0 && this.step + n >= stop) n = stop - this.step;
      if (n > 0 && !this.frameJob) {
        const asked = n;
        const r = this.ctl.advance(asked, FRAME_BUDGET_MS);
        const done = (ran: number): void => {
          carry = owedAfterJob(carry, ran, speed);
          this.settle(stop);
        };
        if (typeof r === 'number') done(r);
        else {
          // the workers answer asynchronously: one frame's steps at a time, the rest carried over
          this.frameJob = true;
          void r.then((ran) => {
            this.frameJob = false;
            done(ran);
          });
        }
      }
      this.frameId = this.on ? frames.request(frame) : null;
    };
    this.frameId = frames.request(frame);
  }

  /**
   * Narrated playback: the next event happens once the current step's dwell has passed (`wait` ms
   * left, owed when ≤ 0). Returns the wait left after this frame's steps.
   */
  private narratedFrame(wait: number): number {
    if (wait > 0) return wait;
    const stop = nextStopAfter(this.opts.stops(), this.step);
    const speed = this.opts.speed();
    if (!this.ctl.currentRun.sync) {
      // one job on the workers: the steps owed (at a high speed several ordinary steps fit in a
      // frame; one is the usual), paced by the last; its dwell starts when its picture is shown
      if (this.frameJob) return wait;
      this.frameJob = true;
      const owed = 1 + Math.floor(-wait / this.opts.normalDwellMs(speed));
      const n = Math.max(1, Math.min(owed, stop - this.step));
      void Promise.resolve(this.ctl.advance(n, FRAME_BUDGET_MS)).then((ran) => {
        this.frameJob = false;
        const f = this.ctl.frame;
        this.narratedWait = ran > 0 ? this.opts.dwellMs(f.lastEvents, f.delivered, this.opts.speed()) : 0;
        this.settle(stop);
      });
      return Infinity;
    }
    // in the page: every step whose turn has come (quick heartbeats: several), drawn once
    let w = wait;
    const sim = this.ctl.frame.sim;
    void this.ctl.advance(stop - this.step, FRAME_BUDGET_MS, (events) => {
      w += this.opts.dwellMs(events, messagesOf(sim, events).delivered, speed);
      return w <= 0;
    });
    this.settle(stop);
    return Math.max(0, w);
  }
}
