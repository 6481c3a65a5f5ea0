/**
 * Lesson "Recovery and sync: DIFF, TRUNC, SNAP" (preset recovery-tour): three servers fall behind
 * in three different ways and the leader brings each back its own way.
 */
import { modeChoices, serverChoices } from './choices';
import type { LessonDef } from './engine';
import type { RunIndex } from '../presets/cues';
import { electedAfter, firstLogAfter, syncOf, timeOf, truncatedTo } from './outcome';

const L = 'recovery';
const k = (step: string, part?: string) => `lessons.${L}.${step}${part ? '.' + part : ''}`;

const crashAt = (sid: number) => (run: RunIndex) => timeOf(run, 'crash', sid);
const restartAt = (sid: number) => (run: RunIndex) => timeOf(run, 'restart', sid);

export const recoveryLesson: LessonDef = {
  id: L,
  titleKey: `lessons.${L}.title`,
  presetId: 'recovery-tour',
  steps: [
    { id: 'intro', at: { step: 0 }, narrationKey: k('intro') },
    { id: 'lagging', at: { match: { ev: 'crash', sid: 1 } }, narrationKey: k('lagging') },
    {
      id: 'unreplicated',
      at: { match: { ev: 'log', sid: 5, after: 3000 } },
      narrationKey: k('unreplicated'),
      params: (run) => ({
        zxid: firstLogAfter(run, 5, 3000) ?? '?',
      }),
    },
    {
      id: 'crash5',
      at: { match: { ev: 'crash', sid: 5 } },
      narrationKey: k('crash5'),
      predict: {
        promptKey: k('crash5', 'prompt'),
        choices: serverChoices([2, 3, 4]),
        answer: (run) => electedAfter(run, crashAt(5)(run)),
        explainKey: k('crash5', 'explain'),
      },
    },
    {
      id: 'restart5',
      at: { match: { ev: 'restart', sid: 5 } },
      narrationKey: k('restart5'),
      predict: {
        promptKey: k('restart5', 'prompt'),
        choices: modeChoices(),
        answer: (run) => syncOf(run, 5, restartAt(5)(run))?.mode ?? null,
        explainKey: k('restart5', 'explain'),
      },
      params: (run) => ({ zxid: syncOf(run, 5, restartAt(5)(run))?.zxid ?? '?' }),
    },
    {
      id: 'truncate',
      at: { match: { ev: 'truncate', sid: 5 } },
      narrationKey: k('truncate'),
      params: (run) => ({ zxid: truncatedTo(run, 5) ?? '?' }),
    },
    {
      id: 'restart1',
      at: { match: { ev: 'restart', sid: 1 } },
      narrationKey: k('restart1'),
      predict: {
        promptKey: k('restart1', 'prompt'),
        choices: modeChoices(),
        answer: (run) => syncOf(run, 1, restartAt(1)(run))?.mode ?? null,
        explainKey: k('restart1', 'explain'),
      },
      params: (run) => ({ zxid: syncOf(run, 1, restartAt(1)(run))?.zxid ?? '?' }),
    },
    {
      id: 'crash4',
      at: { match: { ev: 'crash', sid: 4 } },
      narrationKey: k('crash4'),
      params: (run) => ({ sid: electedAfter(run, crashAt(4)(run)) ?? '?' }),
    },
    {
      id: 'restart4',
      at: { match: { ev: 'restart', sid: 4 } },
      narrationKey: k('restart4'),
      predict: {
        promptKey: k('restart4', 'prompt'),
        choices: modeChoices(),
        answer: (run) => syncOf(run, 4, restartAt(4)(run))?.mode ?? null,
        explainKey: k('restart4', 'explain'),
      },
      params: (run) => ({ zxid: syncOf(run, 4, restartAt(4)(run))?.zxid ?? '?' }),
    },
    {
      id: 'end',
      at: { match: { ev: 'state', sid: 4, zabState: 'BROADCAST', after: 10000 } },
      narrationKey: k('end'),
    },
  ],
};
