/**
 * Lesson "Sessions, ephemeral nodes and watches" (preset session-expiry): the granted timeout, the
 * expiry bucket, closeSession deleting the ephemeral, one-shot watches firing, and Expired.
 */
import { msChoices, textChoices } from './choices';
import type { LessonDef } from './engine';
import { firstCloseSessionAt, grantedTimeout, lastSessionState, watchEvents } from './outcome';

const L = 'sessions';
const k = (step: string, part?: string) => `lessons.${L}.${step}${part ? '.' + part : ''}`;

export const sessionsLesson: LessonDef = {
  id: L,
  titleKey: `lessons.${L}.title`,
  presetId: 'session-expiry',
  steps: [
    { id: 'intro', at: { step: 0 }, narrationKey: k('intro') },
    {
      id: 'connect',
      at: { match: { ev: 'client', id: 'c1' } },
      narrationKey: k('connect'),
      predict: {
        promptKey: k('connect', 'prompt'),
        choices: msChoices([3000, 4000, 6000, 30000]),
        answer: grantedTimeout,
        explainKey: k('connect', 'explain'),
      },
    },
    {
      id: 'ephemeral',
      at: { match: { ev: 'reply', client: 'c1', ok: true }, nth: 2 },
      narrationKey: k('ephemeral'),
      // what the clients saw is in their zkCli transcripts
      panel: 'console',
    },
    {
      id: 'watches',
      at: { match: { ev: 'reply', client: 'c2' }, nth: 2 },
      narrationKey: k('watches'),
      // what the clients saw is in their zkCli transcripts
      panel: 'console',
    },
    {
      id: 'silent',
      at: { match: { ev: 'client', id: 'c1', cmd: 'disconnect' } },
      narrationKey: k('silent'),
      predict: {
        promptKey: k('silent', 'prompt'),
        choices: msChoices([14500, 16000, 40500]),
        answer: firstCloseSessionAt,
        explainKey: k('silent', 'explain'),
      },
    },
    {
      id: 'expire',
      at: { match: { ev: 'propose', op: 'closeSession' } },
      narrationKey: k('expire'),
      predict: {
        promptKey: k('expire', 'prompt'),
        choices: textChoices(L, 'expire', [
          ['both', 'NodeDeleted /e/x|NodeChildrenChanged /e'],
          ['deleted', 'NodeDeleted /e/x'],
          ['none', ''],
        ]),
        answer: (run) => watchEvents(run, 'c2', firstCloseSessionAt(run) ?? Infinity).join('|'),
        explainKey: k('expire', 'explain'),
      },
    },
    {
      id: 'fired',
      at: { match: { ev: 'watch', client: 'c2', type: 'NodeChildrenChanged' } },
      narrationKey: k('fired'),
      // what the clients saw is in their zkCli transcripts
      panel: 'console',
    },
    {
      id: 'return',
      at: { match: { ev: 'client', id: 'c1', cmd: 'ls' } },
      narrationKey: k('return'),
      predict: {
        promptKey: k('return', 'prompt'),
        choices: textChoices(L, 'return', [
          ['expired', 'Expired'],
          ['connected', 'SyncConnected'],
          ['disconnected', 'Disconnected'],
        ]),
        answer: (run) => lastSessionState(run, 'c1'),
        explainKey: k('return', 'explain'),
      },
    },
    { id: 'end', at: { match: { ev: 'reply', client: 'c2', after: 20000 } }, narrationKey: k('end') },
  ],
};
