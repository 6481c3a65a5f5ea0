/**
 * Cue points and chapters: every preset's cues resolve, deterministically, to the step whose
 * processing produced the matching event (checked against a live Simulation), and the helpers for
 * lecture mode (next/prev cue, chapter at a step) behave.
 */
import { describe, expect, it } from 'vitest';
import { presetById, presets } from '../../src/presets';
import {
  chapterAt,
  cuesAt,
  findEvent,
  indexRun,
  matches,
  nextCue,
  prevCue,
  resolveChapters,
  resolveChaptersIn,
  resolveCues,
  resolveCuesIn,
  resolveTarget,
  stepOfEvent,
} from '../../src/presets/cues';
import type { Cue, TraceMatch } from '../../src/presets/cues';
import { Simulation } from '../../src/sim/Simulation';
import type { TraceEvent } from '../../src/zk/trace';

const firstBoot = presetById('first-boot')!;

describe('every preset', () => {
  it('resolves all its cues and chapters, in order, within the run', () => {
    for (const p of presets) {
      const run = indexRun(p.file);
      const cues = resolveCuesIn(run, p.cues ?? []);
      expect(cues.map((c) => c.id).sort(), p.id).toEqual((p.cues ?? []).map((c) => c.id).sort());
      // the author's order is the story's order
      expect(
        cues.map((c) => c.id),
        p.id,
      ).toEqual((p.cues ?? []).map((c) => c.id));
      for (let i = 1; i < cues.length; i++)
        expect(cues[i].step, `${p.id} ${cues[i].id}`).toBeGreaterThan(cues[i - 1].step);
      for (const c of cues) {
        expect(c.step).toBeGreaterThanOrEqual(0);
        expect(c.step).toBeLessThanOrEqual(run.lastStep);
        expect(c.t).toBe(run.records.timeOf(c.step));
        expect(c.captionKey).toBe(`cues.${p.id}.${c.id}`);
      }
      const chapters = resolveChaptersIn(run, p.chapters ?? []);
      expect(
        chapters.map((c) => c.id),
        p.id,
      ).toEqual((p.chapters ?? []).map((c) => c.id));
      for (let i = 1; i < chapters.length; i++)
        expect(chapters[i].step).toBeGreaterThan(chapters[i - 1].step);
    }
  });

  it('resolves to the same steps every time (deterministic)', () => {
    for (const id of ['first-boot', 'partition-minority', 'zk-4643-391']) {
      const p = presetById(id)!;
      expect(resolveCues(p.file, p.cues!)).toEqual(resolveCues(p.file, p.cues!));
      expect(resolveChapters(p.file, p.chapters!)).toEqual(resolveChapters(p.file, p.chapters!));
    }
  });
});

describe('a cue is the step that produced its event', () => {
  it('seeking a live Simulation to that step shows the event; one step earlier does not', () => {
    const run = indexRun(firstBoot.file);
    const cues = resolveCuesIn(run, firstBoot.cues!);
    for (const cue of firstBoot.cues!) {
      const resolved = cues.find((c) => c.id === cue.id)!;
      if (!('match' in cue.at)) continue;
      const m = cue.at.match;
      const seen = (step: number) => {
        const sim = new Simulation(firstBoot.file);
        sim.runToStep(step);
        return (sim.trace as TraceEvent[]).some((e) => matches(e, m));
      };
      expect(seen(resolved.step), cue.id).toBe(true);
      expect(seen(resolved.step - 1), cue.id).toBe(false);
    }
  });

  it('stepOfEvent agrees with the step line ranges for every event', () => {
    const run = indexRun(firstBoot.file);
    for (let i = 0; i < run.trace.length; i++) {
      const n = stepOfEvent(run, i);
      expect(run.records.lineEnd(n)).toBeGreaterThan(i);
      if (n > 0) expect(run.records.lineEnd(n - 1)).toBeLessThanOrEqual(i);
    }
  });
});

describe('targets', () => {
  const run = indexRun(firstBoot.file);

  it('step: as given, clamped to the run; negative or fractional: never', () => {
    expect(resolveTarget(run, { step: 0 })).toBe(0);
    expect(resolveTarget(run, { step: 10 })).toBe(10);
    expect(resolveTarget(run, { step: 1e9 })).toBe(run.lastStep);
    expect(resolveTarget(run, { step: -1 })).toBeNull();
    expect(resolveTarget(run, { step: 1.5 })).toBeNull();
  });

  it('time: the first step at which virtual time has reached it', () => {
    const s = resolveTarget(run, { time: 2000 })!;
    expect(run.records.timeOf(s)).toBeGreaterThanOrEqual(2000);
    expect(run.records.timeOf(s - 1)).toBeLessThan(2000);
    expect(resolveTarget(run, { time: 1e9 })).toBeNull();
  });

  it('match: nth, before, after, prefixes, missing fields', () => {
    const m: TraceMatch = { ev: 'election' };
    const first = resolveTarget(run, { match: m })!;
    const third = resolveTarget(run, { match: m, nth: 3 })!;
    expect(third).toBeGreaterThan(first);
    expect(resolveTarget(run, { match: m, nth: 4 })).toBeNull();
    expect(resolveTarget(run, { match: m, before: true })).toBe(first - 1);
    expect(resolveTarget(run, { match: { ev: 'propose', op: 'create /a' } })).not.toBeNull();
    expect(resolveTarget(run, { match: { ev: 'propose', op: 'create /zzz' } })).toBeNull();
    // a field the event doesn't have never matches
    expect(resolveTarget(run, { match: { ev: 'heal', sid: 1 } })).toBeNull();
    expect(findEvent(run, { ev: 'propose', after: 2500 })).toBe(
      run.trace.findIndex((e) => e.ev === 'propose' && e.t >= 2500),
    );
    expect(matches({ t: 5, ev: 'crash', sid: 3 }, { ev: 'crash', sid: 3 })).toBe(true);
    expect(matches({ t: 5, ev: 'crash', sid: 3 }, { ev: 'crash', sid: 2 })).toBe(false);
    expect(matches({ t: 5, ev: 'crash', sid: 3 }, { ev: 'crash', after: 6 })).toBe(false);
    expect(matches({ t: 5, ev: 'crash', sid: 3 }, { ev: 'restart', sid: 3 })).toBe(false);
  });

  it('cues that never happen are left out; recorded actions move cues', () => {
    const cues: Cue[] = [
      { id: 'never', at: { match: { ev: 'violation' } }, captionKey: 'x' },
      { id: 'read', at: { match: { ev: 'reply', client: 'c2' } }, captionKey: 'y' },
    ];
    const plain = resolveCues(firstBoot.file, cues);
    expect(plain.map((c) => c.id)).toEqual(['read']);
    // the user slows the network down early on: the read is answered later
    const moved = resolveCues(firstBoot.file, cues, [{ step: 5, action: { latency: { ms: [20, 20] } } }]);
    expect(moved.map((c) => c.id)).toEqual(['read']);
    expect(moved[0].t).toBeGreaterThan(plain[0].t);
    // the user crashes S2 (c2's server) before the read: it is never answered, the cue is gone
    expect(resolveCues(firstBoot.file, cues, [{ step: 70, action: { crash: [2] } }])).toEqual([]);
  });
});

describe('lecture-mode helpers', () => {
  const cues = resolveCues(firstBoot.file, firstBoot.cues!);
  const chapters = resolveChapters(firstBoot.file, firstBoot.chapters!);

  it('nextCue / prevCue step strictly past the current step; cuesAt shows the captions there', () => {
    expect(nextCue(cues, -1)).toBe(cues[0]);
    expect(nextCue(cues, cues[0].step)).toBe(cues[1]);
    expect(nextCue(cues, cues.at(-1)!.step)).toBeNull();
    expect(prevCue(cues, cues[0].step)).toBeNull();
    expect(prevCue(cues, cues[2].step)).toBe(cues[1]);
    expect(cuesAt(cues, cues[3].step)).toEqual([cues[3]]);
    expect(cuesAt(cues, cues[3].step + 1)).toEqual([]);
    // walking forward from 0 visits every cue once
    const seen: string[] = [];
    for (let s = 0, c = nextCue(cues, s); c; s = c.step, c = nextCue(cues, s)) seen.push(c.id);
    expect(seen).toEqual(cues.map((c) => c.id));
  });

  it('chapterAt is the last chapter started', () => {
    expect(chapterAt(chapters, 0)?.id).toBe('election');
    expect(chapterAt(chapters, chapters[2].step)?.id).toBe('write');
    expect(chapterAt(chapters, chapters[2].step - 1)?.id).toBe('sync');
    expect(chapterAt(chapters, 1e9)?.id).toBe('read');
    expect(chapterAt([], 5)).toBeNull();
  });
});
