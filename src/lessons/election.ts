/**
 * Lesson "Electing a leader": five servers started 250 ms apart (preset one-by-one-250). Why
 * server 3 leads, why 4 and 5 don't take over, and why they get SNAP.
 */
import { modeChoices, serverChoices } from './choices';
import type { LessonDef } from './engine';
import { finalLeader, followedBy, syncOf } from './outcome';

const L = 'election';
const k = (step: string, part?: string) => `lessons.${L}.${step}${part ? '.' + part : ''}`;

export const electionLesson: LessonDef = {
  id: L,
  titleKey: `lessons.${L}.title`,
  presetId: 'one-by-one-250',
  steps: [
    { id: 'intro', at: { step: 0 }, narrationKey: k('intro') },
    {
      id: 'first-vote',
      // QuorumCnxManager.toSend queues the vote and dials each peer (a CONNECT) before anything is sent
      at: { match: { ev: 'send', from: 1, type: 'CONNECT' } },
      narrationKey: k('first-vote'),
    },
    { id: 'second', at: { match: { ev: 'start', sid: 2 } }, narrationKey: k('second') },
    {
      id: 'third',
      at: { match: { ev: 'start', sid: 3 } },
      narrationKey: k('third'),
      predict: {
        promptKey: k('third', 'prompt'),
        choices: serverChoices([1, 2, 3, 4, 5]),
        answer: finalLeader,
        explainKey: k('third', 'explain'),
      },
    },
    {
      id: 'decide',
      at: { match: { ev: 'election', state: 'LEADING' } },
      narrationKey: k('decide'),
    },
    {
      id: 'fourth',
      at: { match: { ev: 'start', sid: 4 } },
      narrationKey: k('fourth'),
      predict: {
        promptKey: k('fourth', 'prompt'),
        choices: serverChoices([3, 4, 5]),
        answer: (run) => followedBy(run, 4),
        explainKey: k('fourth', 'explain'),
      },
    },
    {
      id: 'join',
      at: { match: { ev: 'election', sid: 4 } },
      narrationKey: k('join'),
      predict: {
        promptKey: k('join', 'prompt'),
        choices: modeChoices(),
        answer: (run) => syncOf(run, 4)?.mode ?? null,
        explainKey: k('join', 'explain'),
      },
    },
    {
      id: 'snap',
      at: { match: { ev: 'sync', learner: 4 } },
      narrationKey: k('snap'),
      params: (run) => ({ zxid: syncOf(run, 4)?.zxid ?? '?' }),
    },
    {
      id: 'end',
      at: { match: { ev: 'state', sid: 5, zabState: 'BROADCAST' } },
      narrationKey: k('end'),
    },
  ],
};
