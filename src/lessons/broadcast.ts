/**
 * Lesson "A write, step by step": the first write of a fresh 3-server ensemble (preset
 * first-boot): the session as a transaction, PROPOSAL, a quorum of ACKs, COMMIT, and a local read.
 */
import { textChoices, zxidChoices } from './choices';
import type { LessonDef } from './engine';
import { acksAtCommit, answeredWhere, zxidOf } from './outcome';

const L = 'broadcast';
const k = (step: string, part?: string) => `lessons.${L}.${step}${part ? '.' + part : ''}`;

export const broadcastLesson: LessonDef = {
  id: L,
  titleKey: `lessons.${L}.title`,
  presetId: 'first-boot',
  steps: [
    { id: 'intro', at: { step: 0 }, narrationKey: k('intro') },
    {
      id: 'leader',
      at: { match: { ev: 'election', state: 'LEADING' } },
      narrationKey: k('leader'),
      params: (run) => ({ sid: run.summary.leader ?? '?' }),
    },
    {
      id: 'established',
      at: { match: { ev: 'state', state: 'LEADING', zabState: 'BROADCAST' } },
      narrationKey: k('established'),
    },
    {
      id: 'client',
      at: { match: { ev: 'client', id: 'c1' } },
      narrationKey: k('client'),
      predict: {
        promptKey: k('client', 'prompt'),
        choices: zxidChoices(['0x1', '0x100000001', '0x100000002', '0x200000001']),
        answer: (run) => zxidOf(run, 'create /a hello'),
        explainKey: k('client', 'explain'),
      },
    },
    { id: 'session', at: { match: { ev: 'propose', op: 'createSession' } }, narrationKey: k('session') },
    {
      id: 'propose',
      at: { match: { ev: 'propose', op: 'create /a' } },
      narrationKey: k('propose'),
      predict: {
        promptKey: k('propose', 'prompt'),
        choices: textChoices(L, 'propose', [
          ['one', 1],
          ['two', 2],
          ['three', 3],
        ]),
        answer: (run) => acksAtCommit(run, zxidOf(run, 'create /a hello') ?? ''),
        explainKey: k('propose', 'explain'),
      },
    },
    {
      id: 'commit',
      at: { match: { ev: 'commit', zxid: '0x100000002' } },
      narrationKey: k('commit'),
    },
    { id: 'created', at: { match: { ev: 'reply', client: 'c1' } }, narrationKey: k('created') },
    {
      id: 'read',
      at: { match: { ev: 'client', id: 'c2' } },
      narrationKey: k('read'),
      predict: {
        promptKey: k('read', 'prompt'),
        choices: textChoices(L, 'read', [
          ['local', 'local'],
          ['leader', 'leader'],
        ]),
        answer: (run) => answeredWhere(run, 'c2', 'get /a'),
        explainKey: k('read', 'explain'),
      },
    },
    { id: 'end', at: { match: { ev: 'reply', client: 'c2' } }, narrationKey: k('end') },
  ],
};
