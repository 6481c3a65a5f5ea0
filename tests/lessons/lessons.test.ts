/**
 * Guided lessons: every lesson resolves on its preset, walks forward to the end and back to the
 * start with consistent positions (the position is a function of the simulation step), and every
 * question's answer is what the run really did — also when the run is changed.
 */
import { describe, expect, it } from 'vitest';
import {
  checkAnswer,
  lessonAt,
  lessonById,
  lessons,
  nextStop,
  openLesson,
  prevStop,
  resolveLesson,
} from '../../src/lessons';
import type { Lesson } from '../../src/lessons';
import { presetById } from '../../src/presets';
import { indexRun } from '../../src/presets/cues';
import { runScenario } from '../../src/sim/run';
import type { RecordedAction } from '../../src/sim/SimulationApi';

const opened = new Map<string, Lesson>(lessons.map((l) => [l.id, openLesson(l.id)!]));

function answerValue(lesson: Lesson, stepId: string): string | number {
  const s = lesson.steps.find((x) => x.id === stepId)!;
  const p = s.predict!;
  return p.choices.find((c) => c.id === p.answer)!.value;
}

describe('every lesson', () => {
  it('is the four of the course, each on an existing preset', () => {
    expect(lessons.map((l) => l.id)).toEqual(['election', 'broadcast', 'recovery', 'sessions']);
    for (const l of lessons) {
      expect(presetById(l.presetId), l.id).toBeDefined();
      expect(lessonById(l.id)).toBe(l);
      expect(new Set(l.steps.map((s) => s.id)).size).toBe(l.steps.length);
    }
    expect(openLesson('nope')).toBeNull();
  });

  it('resolves every stop, in the author’s order, at strictly increasing steps', () => {
    for (const [id, lesson] of opened) {
      const def = lessonById(id)!;
      expect(lesson.unresolved, id).toEqual([]);
      expect(
        lesson.steps.map((s) => s.id),
        id,
      ).toEqual(def.steps.map((s) => s.id));
      expect(lesson.steps[0].step).toBe(0);
      for (let i = 1; i < lesson.steps.length; i++)
        expect(lesson.steps[i].step, `${id} ${lesson.steps[i].id}`).toBeGreaterThan(lesson.steps[i - 1].step);
      expect(lesson.steps.at(-1)!.step).toBeLessThanOrEqual(lesson.lastStep);
      expect(lesson.steps.filter((s) => s.predict).length, id).toBeGreaterThanOrEqual(3);
    }
  });

  it('walks forward to the end and back to the start with consistent positions', () => {
    for (const [id, lesson] of opened) {
      const n = lesson.steps.length;
      // forward
      const forward: number[] = [];
      let pos = lessonAt(lesson, 0);
      expect(pos).toMatchObject({
        index: 0,
        atStop: true,
        prev: null,
        reached: 1,
        total: n,
        finished: n === 1,
      });
      for (let s: number | null = 0; s !== null; s = nextStop(lesson, s)) {
        pos = lessonAt(lesson, s);
        forward.push(pos.index);
        expect(pos.atStop).toBe(true);
        expect(pos.current!.step).toBe(s);
        expect(pos.next?.step ?? null).toBe(nextStop(lesson, s));
        expect(pos.prev?.step ?? null).toBe(prevStop(lesson, s));
      }
      expect(forward, id).toEqual(lesson.steps.map((_, i) => i));
      expect(pos.finished).toBe(true);
      // back
      const back: number[] = [];
      for (let s: number | null = lesson.steps.at(-1)!.step; s !== null; s = prevStop(lesson, s))
        back.push(lessonAt(lesson, s).index);
      expect(back, id).toEqual(lesson.steps.map((_, i) => n - 1 - i));
      // in between stops, the position is the last stop passed; it never goes backwards
      let last = -1;
      for (let s = 0; s <= lesson.lastStep; s++) {
        const p = lessonAt(lesson, s);
        expect(p.index).toBeGreaterThanOrEqual(last);
        expect(p.index).toBe(lesson.steps.filter((x) => x.step <= s).length - 1);
        expect(p.atStop).toBe(lesson.steps.some((x) => x.step === s));
        last = p.index;
      }
      expect(nextStop(lesson, lesson.lastStep)).toBeNull();
      expect(prevStop(lesson, 0)).toBeNull();
    }
  });

  it('has an answer for every question, among its choices', () => {
    for (const [id, lesson] of opened) {
      for (const s of lesson.steps) {
        if (!s.predict) continue;
        expect(s.predict.answer, `${id} ${s.id}`).not.toBeNull();
        expect(s.predict.choices.map((c) => c.id)).toContain(s.predict.answer);
        expect(new Set(s.predict.choices.map((c) => c.id)).size).toBe(s.predict.choices.length);
      }
    }
  });
});

describe('answers are the real outcomes', () => {
  it('election: S3 leads; S4 follows S3; S4 is synced by SNAP', () => {
    const l = opened.get('election')!;
    const r = runScenario(presetById('one-by-one-250')!.file);
    if (!r.ok) throw new Error();
    expect(answerValue(l, 'third')).toBe(r.summary.leader);
    expect(answerValue(l, 'third')).toBe(3);
    expect(answerValue(l, 'fourth')).toBe(r.summary.elections.find((e) => e.sid === 4)!.leader);
    expect(answerValue(l, 'fourth')).toBe(3);
    expect(answerValue(l, 'join')).toBe(r.summary.syncs.find((s) => s.learner === 4)!.mode);
    expect(answerValue(l, 'join')).toBe('SNAP');
    expect(l.steps.find((s) => s.id === 'snap')!.params).toEqual({ zxid: '0x100000000' });
  });

  it('broadcast: /a is 0x100000002; two voters had ACKed at the commit; the read is local', () => {
    const l = opened.get('broadcast')!;
    const r = runScenario(presetById('first-boot')!.file);
    if (!r.ok) throw new Error();
    expect(answerValue(l, 'client')).toBe(r.summary.clients.find((c) => c.cmd === 'create /a hello')!.zxid);
    expect(answerValue(l, 'client')).toBe('0x100000002');
    expect(answerValue(l, 'propose')).toBe(2);
    expect(answerValue(l, 'read')).toBe('local');
    expect(l.steps.find((s) => s.id === 'leader')!.params).toEqual({ sid: 3 });
  });

  it('recovery: S4 leads epoch 2; S5 gets TRUNC, S1 DIFF, S4 SNAP', () => {
    const l = opened.get('recovery')!;
    const r = runScenario(presetById('recovery-tour')!.file);
    if (!r.ok) throw new Error();
    const sync = (learner: number, after: number) =>
      r.summary.syncs.find((s) => s.learner === learner && s.at > after)!;
    expect(answerValue(l, 'crash5')).toBe(4);
    expect(answerValue(l, 'restart5')).toBe(sync(5, 4000).mode);
    expect(answerValue(l, 'restart5')).toBe('TRUNC');
    expect(answerValue(l, 'restart1')).toBe(sync(1, 6000).mode);
    expect(answerValue(l, 'restart1')).toBe('DIFF');
    expect(answerValue(l, 'restart4')).toBe(sync(4, 10000).mode);
    expect(answerValue(l, 'restart4')).toBe('SNAP');
    const params = Object.fromEntries(l.steps.map((s) => [s.id, s.params]));
    expect(params.unreplicated).toEqual({ zxid: '0x100000006' });
    expect(params.restart5).toEqual({ zxid: '0x100000005' });
    expect(params.truncate).toEqual({ zxid: '0x100000005' });
    expect(params.restart1).toEqual({ zxid: '0x200000002' });
    expect(params.crash4).toEqual({ sid: 5 });
    expect(params.restart4).toEqual({ zxid: '0x300000002' });
  });

  it('sessions: 4000 ms granted, expiry at 16000 ms, both watch events, Expired', () => {
    const l = opened.get('sessions')!;
    expect(answerValue(l, 'connect')).toBe(4000);
    expect(answerValue(l, 'silent')).toBe(16000);
    expect(answerValue(l, 'expire')).toBe('NodeDeleted /e/x|NodeChildrenChanged /e');
    expect(answerValue(l, 'return')).toBe('Expired');
  });

  it('follow the run when it changes: start everyone at once and S5 is the answer', () => {
    const recorded: RecordedAction[] = [{ step: 1, action: { start: [2, 3, 4, 5] } }];
    const l = openLesson('election', recorded)!;
    const r = runScenario(presetById('one-by-one-250')!.file, recorded);
    if (!r.ok) throw new Error();
    expect(r.summary.leader).toBe(5);
    expect(answerValue(l, 'third')).toBe(5);
    // the same lesson resolved through the engine on its own gives the same
    expect(resolveLesson(lessonById('election')!, presetById('one-by-one-250')!.file, recorded)).toEqual(l);
  });
});

describe('checkAnswer', () => {
  const l = opened.get('election')!;
  const q = l.steps.find((s) => s.id === 'third')!;

  it('says right or wrong and names the answer and its explanation', () => {
    expect(checkAnswer(q, 's3')).toEqual({
      correct: true,
      answer: 's3',
      chosen: 's3',
      explainKey: 'lessons.election.third.explain',
    });
    expect(checkAnswer(q, 's5')).toMatchObject({ correct: false, answer: 's3', chosen: 's5' });
  });

  it('is null at a step without a question, or when the run gave none of the choices', () => {
    expect(checkAnswer(l.steps[0], 'x')).toEqual({
      correct: null,
      answer: null,
      chosen: 'x',
      explainKey: null,
    });
    const run = indexRun(presetById('one-by-one-250')!.file);
    const def = lessonById('election')!;
    const odd = resolveLesson(
      {
        ...def,
        steps: [{ ...def.steps[3], predict: { ...def.steps[3].predict!, answer: () => 42 } }],
      },
      run.scenario,
    );
    expect(odd.steps[0].predict!.answer).toBeNull();
    expect(checkAnswer(odd.steps[0], 's3')).toMatchObject({ correct: null, answer: null });
  });
});
