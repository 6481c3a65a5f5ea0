/**
 * The preset scenarios: ready-made runs, each telling one story of zk-reference §9/§10 at a human
 * pace, with a "what to watch for" paragraph, cue points (where lecture mode pauses, with a
 * caption) and chapters (jump targets). Every file is a scenario-format file (`format: 1`) in this
 * folder, validated with validateScenario when its file is first read (`file`; an invalid one
 * throws PresetInvalid, and `presetLoadErrors()` lists them: a test asserts there are none).
 *
 * Every outcome a paragraph promises is asserted by tests/presets/presets.test.ts on the real run.
 * Texts live in src/ui/locales/{en,zh-CN}/lessons.ts under presets.<id>.* and cues.<id>.*.
 */
import { validateScenario } from '../sim/Scenario';
import type { Scenario } from '../sim/Scenario';
import type { Chapter, Cue, CueTarget, TraceMatch } from './cues';
import bootJitter from './boot-jitter.json';
import corruptFollower from './corrupt-follower.json';
import autopurgeSnap from './autopurge-snap.json';
import autopurgeOffDiff from './autopurge-off-diff.json';
import farBehindSnap from './far-behind-snap.json';
import firstBoot from './first-boot.json';
import laggingFollowerDiff from './lagging-follower-diff.json';
import leaderCrash from './leader-crash.json';
import lockRecipe from './lock-recipe.json';
import aclLock from './acl-lock.json';
import observer from './observer.json';
import oldLeaderSnap from './old-leader-snap.json';
import oldLeaderTrunc from './old-leader-trunc.json';
import oneByOne150 from './one-by-one-150.json';
import oneByOne250 from './one-by-one-250.json';
import partitionMinority from './partition-minority.json';
import recoveryTour from './recovery-tour.json';
import sessionExpiry from './session-expiry.json';
import zk4643v391 from './zk-4643-391.json';
import zk4643v395 from './zk-4643-395.json';
import zk2846 from './zk-2846.json';
import zk2846FactorOff from './zk-2846-factor-off.json';
import truncKeptTxn from './trunc-kept-txn.json';
import clientFailover from './client-failover.json';
import readonlyPartition from './readonly-partition.json';

export type PresetTopic = 'election' | 'broadcast' | 'recovery' | 'faults' | 'clients' | 'bugs';

export const PRESET_TOPICS: readonly PresetTopic[] = [
  'election',
  'broadcast',
  'recovery',
  'faults',
  'clients',
  'bugs',
];

export interface Preset {
  id: string;
  /** the scenario, validated (defaults filled in) */
  file: Scenario;
  /** i18n key of the title (presets.<id>.title) */
  titleKey: string;
  /** i18n key of the one-paragraph "what to watch for" (presets.<id>.watch) */
  watchKey: string;
  /** for grouping in a menu (i18n: presets.topic.<topic>) */
  topic: PresetTopic;
  /** a preset to show next to this one (the same story with one thing changed) */
  compareWith?: string;
  /** lecture mode pauses at these, in step order once resolved */
  cues?: Cue[];
  /** named jump targets */
  chapters?: Chapter[];
}

interface PresetDef extends Omit<Preset, 'file' | 'titleKey' | 'watchKey'> {
  json: unknown;
}

// --------------------------------------------------------------------------------------------
// Small builders, so that every key follows the naming scheme.

const on = (match: TraceMatch, nth?: number): CueTarget => (nth ? { match, nth } : { match });
const before = (match: TraceMatch): CueTarget => ({ match, before: true });

function cues(presetId: string, list: [id: string, at: CueTarget][]): Cue[] {
  return list.map(([id, at]) => ({ id, at, captionKey: `cues.${presetId}.${id}` }));
}

function chapters(presetId: string, list: [id: string, at: CueTarget][]): Chapter[] {
  return list.map(([id, at]) => ({ id, at, titleKey: `presets.${presetId}.chapter.${id}` }));
}

// --------------------------------------------------------------------------------------------
// The presets, in menu order.

const DEFS: PresetDef[] = [
  {
    id: 'first-boot',
    json: firstBoot,
    topic: 'election',
    cues: cues('first-boot', [
      ['start', on({ ev: 'start', sid: 1 })],
      ['decide', on({ ev: 'election', state: 'LEADING' })],
      ['sync', on({ ev: 'sync', learner: 1 })],
      ['session', on({ ev: 'propose', op: 'createSession' })],
      ['propose', on({ ev: 'propose', op: 'create /a' })],
      ['commit', on({ ev: 'commit', zxid: '0x100000002' })],
      ['read', on({ ev: 'reply', client: 'c2' })],
    ]),
    chapters: chapters('first-boot', [
      ['election', { step: 0 }],
      ['sync', on({ ev: 'established' })],
      ['write', on({ ev: 'client', id: 'c1' })],
      ['read', on({ ev: 'client', id: 'c2' })],
    ]),
  },
  {
    id: 'one-by-one-250',
    json: oneByOne250,
    topic: 'election',
    compareWith: 'one-by-one-150',
    cues: cues('one-by-one-250', [
      ['alone', on({ ev: 'start', sid: 2 })],
      ['third', on({ ev: 'start', sid: 3 })],
      ['decide', on({ ev: 'election', state: 'LEADING' })],
      ['late', on({ ev: 'election', sid: 4 })],
      ['snap', on({ ev: 'sync', learner: 4 })],
    ]),
    chapters: chapters('one-by-one-250', [
      ['starts', { step: 0 }],
      ['quorum', on({ ev: 'start', sid: 3 })],
      ['late', on({ ev: 'start', sid: 4 })],
    ]),
  },
  {
    id: 'one-by-one-150',
    json: oneByOne150,
    topic: 'election',
    compareWith: 'one-by-one-250',
    cues: cues('one-by-one-150', [
      ['third', on({ ev: 'start', sid: 3 })],
      ['fourth', on({ ev: 'start', sid: 4 })],
      ['fifth', on({ ev: 'start', sid: 5 })],
      ['decide', on({ ev: 'election', state: 'LEADING' })],
    ]),
  },
  {
    id: 'boot-jitter',
    json: bootJitter,
    topic: 'election',
    cues: cues('boot-jitter', [
      ['first', on({ ev: 'state', state: 'LOOKING' })],
      ['quorum', before({ ev: 'election', state: 'LEADING' })],
      ['decide', on({ ev: 'election', state: 'LEADING' })],
      ['late', on({ ev: 'sync', mode: 'SNAP' })],
    ]),
  },
  {
    id: 'leader-crash',
    json: leaderCrash,
    topic: 'recovery',
    cues: cues('leader-crash', [
      ['write', on({ ev: 'propose', op: 'create /a' })],
      ['crash', on({ ev: 'crash', sid: 3 })],
      ['looking', on({ ev: 'state', sid: 1, state: 'LOOKING', after: 2000 })],
      ['decide', on({ ev: 'election', state: 'LEADING', after: 2000 })],
      ['epoch', on({ ev: 'established', epoch: 2 })],
      ['write2', on({ ev: 'propose', op: 'create /b' })],
      ['rejoin', on({ ev: 'sync', learner: 3, after: 4000 })],
    ]),
    chapters: chapters('leader-crash', [
      ['before', { step: 0 }],
      ['crash', on({ ev: 'crash', sid: 3 })],
      ['after', on({ ev: 'client', id: 'c2' })],
      ['return', on({ ev: 'restart', sid: 3 })],
    ]),
  },
  {
    id: 'lagging-follower-diff',
    json: laggingFollowerDiff,
    topic: 'recovery',
    cues: cues('lagging-follower-diff', [
      ['crash', on({ ev: 'crash', sid: 1 })],
      ['missed', on({ ev: 'commit', zxid: '0x10000000a' })],
      ['restart', on({ ev: 'restart', sid: 1 })],
      ['diff', on({ ev: 'sync', learner: 1, after: 5000 })],
      ['caught-up', on({ ev: 'state', sid: 1, zabState: 'BROADCAST', after: 5000 })],
    ]),
    chapters: chapters('lagging-follower-diff', [
      ['writes', { step: 0 }],
      ['down', on({ ev: 'crash', sid: 1 })],
      ['return', on({ ev: 'restart', sid: 1 })],
    ]),
  },
  {
    id: 'old-leader-trunc',
    json: oldLeaderTrunc,
    topic: 'recovery',
    compareWith: 'old-leader-snap',
    cues: cues('old-leader-trunc', [
      ['unreplicated', on({ ev: 'log', sid: 3, zxid: '0x100000005' })],
      ['crash', on({ ev: 'crash', sid: 3 })],
      ['new-leader', on({ ev: 'election', state: 'LEADING', after: 3000 })],
      ['restart', on({ ev: 'restart', sid: 3 })],
      ['trunc', on({ ev: 'sync', learner: 3, mode: 'TRUNC' })],
      ['cut', on({ ev: 'truncate', sid: 3 })],
    ]),
    chapters: chapters('old-leader-trunc', [
      ['writes', { step: 0 }],
      ['crash', on({ ev: 'crash', sid: 3 })],
      ['return', on({ ev: 'restart', sid: 3 })],
    ]),
  },
  {
    id: 'old-leader-snap',
    json: oldLeaderSnap,
    topic: 'recovery',
    compareWith: 'old-leader-trunc',
    cues: cues('old-leader-snap', [
      ['unreplicated', on({ ev: 'log', sid: 3, zxid: '0x100000005' })],
      ['new-write', on({ ev: 'commit', zxid: '0x200000002' })],
      ['restart', on({ ev: 'restart', sid: 3 })],
      ['snap', on({ ev: 'sync', learner: 3, mode: 'SNAP' })],
    ]),
    chapters: chapters('old-leader-snap', [
      ['writes', { step: 0 }],
      ['crash', on({ ev: 'crash', sid: 3 })],
      ['return', on({ ev: 'restart', sid: 3 })],
    ]),
  },
  {
    id: 'far-behind-snap',
    json: farBehindSnap,
    topic: 'recovery',
    cues: cues('far-behind-snap', [
      ['crash', on({ ev: 'crash', sid: 1 })],
      ['snapshots', on({ ev: 'snapshot', sid: 3, after: 2000 })],
      ['leader-restart', on({ ev: 'restore', sid: 3, after: 3000 })],
      ['restart', on({ ev: 'restart', sid: 1 })],
      ['snap', on({ ev: 'sync', learner: 1, mode: 'SNAP' })],
    ]),
    chapters: chapters('far-behind-snap', [
      ['writes', { step: 0 }],
      ['rolling', on({ ev: 'crash', sid: 3 })],
      ['return', on({ ev: 'restart', sid: 1 })],
    ]),
  },
  {
    id: 'partition-minority',
    json: partitionMinority,
    topic: 'faults',
    cues: cues('partition-minority', [
      ['cut', on({ ev: 'partition' })],
      ['majority-write', on({ ev: 'reply', client: 'c2' })],
      ['minority-looking', on({ ev: 'state', sid: 1, state: 'LOOKING', after: 2000 })],
      ['heal', on({ ev: 'heal' })],
      ['rejoin', on({ ev: 'sync', learner: 1, after: 20000 })],
    ]),
    chapters: chapters('partition-minority', [
      ['before', { step: 0 }],
      ['split', on({ ev: 'partition' })],
      ['healed', on({ ev: 'heal' })],
    ]),
  },
  {
    id: 'observer',
    json: observer,
    topic: 'faults',
    cues: cues('observer', [
      ['join', on({ ev: 'sync', learner: 4 })],
      ['inform', on({ ev: 'send', to: 4, type: 'INFORM' })],
      ['crash', on({ ev: 'crash', sid: 3 })],
      ['detour', on({ ev: 'election', sid: 4, leader: 3, after: 3000 })],
      ['rejoin', on({ ev: 'sync', learner: 4, after: 3000 })],
    ]),
  },
  {
    // texts in src/ui/locales/*/purge.ts
    id: 'autopurge-snap',
    json: autopurgeSnap,
    topic: 'recovery',
    compareWith: 'autopurge-off-diff',
    cues: cues('autopurge-snap', [
      ['crash', on({ ev: 'crash', sid: 1 })],
      ['snapshots', on({ ev: 'snapshot', sid: 3, after: 2000 })],
      ['purge', on({ ev: 'purge', sid: 3, after: 3000 })],
      ['restart', on({ ev: 'restart', sid: 1 })],
      ['snap', on({ ev: 'sync', learner: 1, mode: 'SNAP' })],
    ]),
    chapters: chapters('autopurge-snap', [
      ['behind', on({ ev: 'crash', sid: 1 })],
      ['purge', on({ ev: 'crash', sid: 3 })],
      ['return', on({ ev: 'restart', sid: 1 })],
    ]),
  },
  {
    id: 'autopurge-off-diff',
    json: autopurgeOffDiff,
    topic: 'recovery',
    compareWith: 'autopurge-snap',
    cues: cues('autopurge-off-diff', [
      ['crash', on({ ev: 'crash', sid: 1 })],
      ['restart', on({ ev: 'restart', sid: 1 })],
      ['diff', on({ ev: 'sync', learner: 1, mode: 'DIFF', after: 6000 })],
    ]),
  },
  {
    // texts in src/ui/locales/*/storage2.ts
    id: 'corrupt-follower',
    json: corruptFollower,
    topic: 'faults',
    cues: cues('corrupt-follower', [
      ['crash', on({ ev: 'crash', sid: 2 })],
      ['corrupt', on({ ev: 'corrupt', sid: 2 })],
      ['refused', on({ ev: 'shutdown', sid: 2 })],
      ['goes-on', on({ ev: 'reply', client: 'c1', zxid: '0x100000004' })],
      ['wipe', on({ ev: 'wipe', sid: 2 })],
      ['snap', on({ ev: 'sync', learner: 2, mode: 'SNAP' })],
      ['caught-up', on({ ev: 'state', sid: 2, zabState: 'BROADCAST', after: 2600 })],
    ]),
    chapters: chapters('corrupt-follower', [
      ['damage', on({ ev: 'corrupt', sid: 2 })],
      ['refused', on({ ev: 'shutdown', sid: 2 })],
      ['wipe', on({ ev: 'wipe', sid: 2 })],
      ['rejoin', on({ ev: 'sync', learner: 2, mode: 'SNAP' })],
    ]),
  },
  {
    // texts in src/ui/locales/*/clients.ts
    id: 'client-failover',
    json: clientFailover,
    topic: 'clients',
    cues: cues('client-failover', [
      ['connect', on({ ev: 'watch', client: 'c1', state: 'SyncConnected' })],
      ['ephemeral', on({ ev: 'reply', client: 'c1', zxid: '0x100000002' })],
      ['cut', on({ ev: 'partition' })],
      ['write', on({ ev: 'reply', client: 'c1', zxid: '0x100000003' })],
      ['crash', on({ ev: 'crash', sid: 2 })],
      ['refused', on({ ev: 'refuse', sid: 1 })],
      ['reconnected', on({ ev: 'watch', client: 'c1', state: 'SyncConnected' }, 2)],
      ['kept', on({ ev: 'reply', client: 'c1', after: 19000 })],
    ]),
    chapters: chapters('client-failover', [
      ['session', { step: 0 }],
      ['failover', on({ ev: 'crash', sid: 2 })],
      ['kept', on({ ev: 'heal' })],
    ]),
  },
  {
    id: 'readonly-partition',
    json: readonlyPartition,
    topic: 'clients',
    cues: cues('readonly-partition', [
      ['cut', on({ ev: 'partition' })],
      ['looking', on({ ev: 'state', sid: 3, state: 'LOOKING', after: 2000 })],
      ['readonly', on({ ev: 'readonly', sid: 3 })],
      ['connected', on({ ev: 'watch', client: 'r1', state: 'ConnectedReadOnly' })],
      ['stale', on({ ev: 'reply', client: 'r1' }, 2)],
      ['write', on({ ev: 'reply', client: 'r1' }, 3)],
      ['notro', on({ ev: 'readonly', client: 'r2' })],
      ['rejoin', on({ ev: 'election', sid: 3, after: 14000 })],
      ['rw', on({ ev: 'watch', client: 'r1', state: 'SyncConnected' })],
    ]),
    chapters: chapters('readonly-partition', [
      ['before', { step: 0 }],
      ['readonly', on({ ev: 'readonly', sid: 3 })],
      ['heal', on({ ev: 'heal' })],
    ]),
  },
  {
    id: 'session-expiry',
    json: sessionExpiry,
    topic: 'clients',
    cues: cues('session-expiry', [
      ['ephemeral', on({ ev: 'reply', client: 'c1', ok: true }, 2)],
      ['watches', on({ ev: 'reply', client: 'c2' }, 2)],
      ['silent', on({ ev: 'client', id: 'c1', cmd: 'disconnect' })],
      ['expire', on({ ev: 'propose', op: 'closeSession' })],
      ['fired', on({ ev: 'watch', client: 'c2', type: 'NodeDeleted' })],
      ['expired', on({ ev: 'watch', client: 'c1', state: 'Expired' })],
    ]),
    chapters: chapters('session-expiry', [
      ['setup', { step: 0 }],
      ['silence', on({ ev: 'client', id: 'c1', cmd: 'disconnect' })],
      ['expiry', on({ ev: 'propose', op: 'closeSession' })],
    ]),
  },
  {
    id: 'lock-recipe',
    json: lockRecipe,
    topic: 'clients',
    cues: cues('lock-recipe', [
      ['first', on({ ev: 'reply', client: 'c1', ok: true }, 2)],
      ['queue', on({ ev: 'reply', client: 'c3', ok: true })],
      ['watch', on({ ev: 'client', id: 'c2', cmd: 'stat -w' })],
      ['release', on({ ev: 'propose', op: 'closeSession /lock/lock-0000000000' })],
      ['fired', on({ ev: 'watch', client: 'c2', type: 'NodeDeleted' })],
      ['next', on({ ev: 'watch', client: 'c3', type: 'NodeDeleted' })],
    ]),
    chapters: chapters('lock-recipe', [
      ['queue', on({ ev: 'client', id: 'c1' })],
      ['handover', on({ ev: 'client', id: 'c1', cmd: 'close' })],
    ]),
  },
  {
    // texts in src/ui/locales/*/zkfeatures.ts
    id: 'acl-lock',
    json: aclLock,
    topic: 'clients',
    cues: cues('acl-lock', [
      ['addauth', on({ ev: 'client', id: 'alice', cmd: 'addauth' })],
      ['acl', on({ ev: 'reply', client: 'alice', ok: true }, 3)],
      ['denied', on({ ev: 'reply', client: 'mallory' })],
      ['crash', on({ ev: 'crash', sid: 3 })],
      ['snap', on({ ev: 'sync', learner: 1, mode: 'SNAP' })],
      ['still-denied', on({ ev: 'reply', client: 'mallory', after: 9000 })],
      ['owner', on({ ev: 'reply', client: 'alice', after: 9400 })],
      ['parent', on({ ev: 'reply', client: 'mallory', after: 10000 })],
    ]),
    chapters: chapters('acl-lock', [
      ['protect', on({ ev: 'client', id: 'alice' })],
      ['failover', on({ ev: 'crash', sid: 3 })],
      ['after', on({ ev: 'client', id: 'mallory', after: 9000 })],
    ]),
  },
  {
    id: 'zk-4643-391',
    json: zk4643v391,
    topic: 'bugs',
    compareWith: 'zk-4643-395',
    cues: cues('zk-4643-391', [
      ['partition', on({ ev: 'partition' })],
      ['committed', on({ ev: 'reply', client: 'c1', zxid: '0x100000003' })],
      ['newleader', on({ ev: 'crash', sid: 1 })],
      ['restart', on({ ev: 'restart', sid: 1 })],
      ['wrong-leader', on({ ev: 'election', state: 'LEADING', after: 17000 })],
      ['violation', on({ ev: 'violation' })],
    ]),
    chapters: chapters('zk-4643-391', [
      ['epoch1', { step: 0 }],
      ['epoch2', on({ ev: 'heal' })],
      ['epoch3', on({ ev: 'restart', sid: 1 })],
    ]),
  },
  {
    id: 'zk-4643-395',
    json: zk4643v395,
    topic: 'bugs',
    compareWith: 'zk-4643-391',
    cues: cues('zk-4643-395', [
      ['partition', on({ ev: 'partition' })],
      ['committed', on({ ev: 'reply', client: 'c1', zxid: '0x100000003' })],
      ['newleader', on({ ev: 'crash', sid: 1 })],
      ['restart', on({ ev: 'restart', sid: 1 })],
      ['right-leader', on({ ev: 'election', state: 'LEADING', after: 17000 })],
    ]),
    chapters: chapters('zk-4643-395', [
      ['epoch1', { step: 0 }],
      ['epoch2', on({ ev: 'heal' })],
      ['epoch3', on({ ev: 'restart', sid: 1 })],
    ]),
  },
  // latent replica divergence in ZooKeeper 3.9.5 itself (issue 11)
  {
    id: 'zk-2846',
    json: zk2846,
    topic: 'bugs',
    compareWith: 'zk-2846-factor-off',
    cues: cues('zk-2846', [
      ['orphan', on({ ev: 'log', sid: 1, zxid: '0x100000003' })],
      ['snap', on({ ev: 'sync', learner: 1, mode: 'SNAP', after: 14000 })],
      ['append', on({ ev: 'log', sid: 1, zxid: '0x300000001' })],
      ['leads', on({ ev: 'election', sid: 1, state: 'LEADING' })],
      ['walk', on({ ev: 'sync', learner: 5, after: 18000 })],
      ['violation', on({ ev: 'violation' })],
    ]),
    chapters: chapters('zk-2846', [
      ['orphan', on({ ev: 'partition' })],
      ['snap', on({ ev: 'heal' })],
      ['lead', on({ ev: 'crash', sid: 3 })],
    ]),
  },
  {
    id: 'zk-2846-factor-off',
    json: zk2846FactorOff,
    topic: 'bugs',
    compareWith: 'zk-2846',
    cues: cues('zk-2846-factor-off', [
      ['orphan', on({ ev: 'log', sid: 1, zxid: '0x100000003' })],
      ['leads', on({ ev: 'election', sid: 1, state: 'LEADING' })],
      ['snap', on({ ev: 'sync', learner: 5, after: 18000 })],
    ]),
    chapters: chapters('zk-2846-factor-off', [
      ['orphan', on({ ev: 'partition' })],
      ['lead', on({ ev: 'crash', sid: 3 })],
    ]),
  },
  {
    id: 'trunc-kept-txn',
    json: truncKeptTxn,
    topic: 'bugs',
    cues: cues('trunc-kept-txn', [
      ['snap', on({ ev: 'sync', learner: 1, mode: 'SNAP' })],
      ['uncommitted', on({ ev: 'log', sid: 1, zxid: '0x100000003' })],
      ['trunc', on({ ev: 'sync', learner: 1, mode: 'TRUNC' })],
      ['kept', on({ ev: 'anomaly', sid: 1 })],
      ['read', on({ ev: 'reply', client: 'c3' })],
    ]),
    chapters: chapters('trunc-kept-txn', [
      ['setup', { step: 0 }],
      ['fork', on({ ev: 'partition' })],
      ['rejoin', on({ ev: 'restart', sid: 1 })],
    ]),
  },
  {
    id: 'recovery-tour',
    json: recoveryTour,
    topic: 'recovery',
    cues: cues('recovery-tour', [
      ['lagging', on({ ev: 'crash', sid: 1 })],
      ['unreplicated', on({ ev: 'crash', sid: 5 })],
      ['trunc', on({ ev: 'sync', learner: 5, mode: 'TRUNC' })],
      ['diff', on({ ev: 'sync', learner: 1, after: 6000 })],
      ['unreplicated2', on({ ev: 'crash', sid: 4 })],
      ['snap', on({ ev: 'sync', learner: 4, mode: 'SNAP' })],
    ]),
    chapters: chapters('recovery-tour', [
      ['epoch1', { step: 0 }],
      ['epoch2', on({ ev: 'crash', sid: 5 })],
      ['epoch3', on({ ev: 'crash', sid: 4 })],
    ]),
  },
];

// --------------------------------------------------------------------------------------------
// Loading

/** A preset's file that does not validate (a bug: tests/presets asserts there is none). */
export class PresetInvalid extends Error {
  constructor(
    readonly id: string,
    readonly errors: string[],
  ) {
    super(`preset ${id} does not validate: ${errors.join('; ')}`);
  }
}

/**
 * A preset whose file is validated when it is first read, not when this module loads: validating
 * all of them with zod was the largest script cost before the first screen was interactive, and a
 * plain visit opens none.
 */
function load(def: PresetDef): Preset {
  const { json, ...rest } = def;
  let file: Scenario | null = null;
  return {
    ...rest,
    get file(): Scenario {
      if (file === null) {
        const r = validateScenario(json);
        if (!r.ok) throw new PresetInvalid(def.id, r.errors);
        file = r.scenario;
      }
      return file;
    },
    titleKey: `presets.${def.id}.title`,
    watchKey: `presets.${def.id}.watch`,
  };
}

/** Every preset, in menu order. */
export const presets: Preset[] = DEFS.map(load);

/** The presets whose file does not validate, and why (validates every one; a test asserts none). */
export function presetLoadErrors(): { id: string; errors: string[] }[] {
  const out: { id: string; errors: string[] }[] = [];
  for (const p of presets)
    try {
      void p.file;
    } catch (e) {
      if (!(e instanceof PresetInvalid)) throw e;
      out.push({ id: e.id, errors: e.errors });
    }
  return out;
}

const BY_ID = new Map(presets.map((p) => [p.id, p]));

/** The preset with this id, or undefined. */
export function presetById(id: string): Preset | undefined {
  return BY_ID.get(id);
}

/** i18n key of a topic's name. */
export function topicKey(topic: PresetTopic): string {
  return `presets.topic.${topic}`;
}
