/**
 * The scenario file (format 1): a zod schema, a parser that never throws and explains every problem
 * with its place in the file, and a canonical pretty printer.
 *
 * Contract: ../shared/scenario-format.md ("Scenario"). Additions over the contract, all optional:
 *   config.fsyncMs [lo, hi]   virtual ms one group-commit flush takes (default [1, 2])
 *   config.dropRate           probability that any one message is lost (default 0)
 *   config.fourLetterWhitelist  zoo.cfg 4lw.commands.whitelist, e.g. "srvr, ruok" or "*" (default: srvr only)
 *   { "at", "drop": { "from", "to" } }        the next message from → to is lost
 *   { "at", "latency": { "ms": [lo, hi] } }   message latency from now on
 *   { "at", "crashOn": { "sid", "after" } }    fault injection: from now on, crash `sid` right after
 *                                              it next processes a packet of type `after` (e.g.
 *                                              "NEWLEADER": between NEWLEADER and its log flush, §8.2)
 *   { "at", "wipe": { "sid" } }               the operator stops `sid` (if it runs) and deletes its
 *                                              dataDir; restarted, it rejoins empty (SNAP)
 *   { "at", "corrupt": { "sid", "zxid" } }     a bad disk: a bit of `sid`'s stored txn `zxid`
 *                                              ("0x…") flips; its checksum does not, so the next
 *                                              start stops with "CRC check failed"
 *   { "at", "purge": { "sid", "count"? } }     the operator runs `zkCleanup.sh -n count` (PurgeTxnLog,
 *                                              count ≥ 3, default 3) on `sid`'s dataDir
 *   config.snapRetainCount    zoo.cfg autopurge.snapRetainCount (default 3; below 3 ZooKeeper uses 3)
 *   config.purgeInterval      zoo.cfg autopurge.purgeInterval, hours (default 0: no purge task)
 *   config.readonlyModeEnabled  the readonlymode.enabled system property (default false)
 *   config.localSessionsEnabled  zoo.cfg localSessionsEnabled (default false); modelled only where
 *                                a read-only server needs it to create a session
 *   client.sessionTimeoutMs   the session timeout the client asks for (zkCli's default 30000)
 *   client.canBeReadOnly      zkCli -r: the client may connect to a read-only server (default false)
 *   config.extendedTypesEnabled  -Dzookeeper.extendedTypesEnabled: TTL nodes (default false)
 *   config.enforceQuota       -Dzookeeper.enforceQuota: hard quotas refuse writes (default false)
 *   config.containerCheckIntervalMs / containerMaxPerMinute / containerMaxNeverUsedIntervalMs
 *                             -Dznode.container.* of the ContainerManager (60000 / 10000 / 0)
 *
 * Meaning of `partition`: links between the listed groups are cut; servers listed in no group form
 * one more group together. A later `partition` replaces the earlier one; `heal` restores every link.
 */
import { z } from 'zod';
import type { Sid } from '../zk/Zxid';
import { bytesText, LIMITS, overLimit, quoteClipped } from './limits';
import type { LimitProblem } from './limits';
import { COUNT_ERR_MSG, MIN_SNAP_RETAIN_COUNT } from '../zk/persistence/PurgeTxnLog';

// ---------------------------------------------------------------------------------------------
// Types

import type { ZkVersion } from '../zk/QuorumPeer';
export type { ZkVersion };

/** [lo, hi] inclusive, whole virtual ms, drawn uniformly from the seeded Random. */
export type MsRange = [number, number];

/** Every key is filled: what the file didn't say is the default (DEFAULT_CONFIG). */
export interface ScenarioConfig {
  zkVersion: ZkVersion;
  tickTime: number;
  initLimit: number;
  syncLimit: number;
  snapCount: number;
  commitLogCount: number;
  snapshotSizeFactor: number;
  latencyMs: MsRange;
  bootMs: MsRange;
  fsyncMs: MsRange;
  dropRate: number;
  /** -Dzookeeper.extendedTypesEnabled=true: TTL nodes may be created */
  extendedTypesEnabled?: boolean;
  /** -Dzookeeper.enforceQuota=true: a hard quota refuses writes with "Quota has exceeded" */
  enforceQuota?: boolean;
  /** -Dznode.container.checkIntervalMs: how often the leader's ContainerManager looks (default 60000) */
  containerCheckIntervalMs?: number;
  /** -Dznode.container.maxPerMinute: deletes it posts per minute at most (default 10000) */
  containerMaxPerMinute?: number;
  /** -Dznode.container.maxNeverUsedIntervalMs: a never-used container's age limit (default 0: none) */
  containerMaxNeverUsedIntervalMs?: number;
  /** zoo.cfg 4lw.commands.whitelist ("srvr, ruok" or "*"); absent: not set, only srvr answers */
  fourLetterWhitelist?: string;
  /** zoo.cfg autopurge.snapRetainCount; absent: 3 */
  snapRetainCount?: number;
  /** zoo.cfg autopurge.purgeInterval (hours); absent or 0: DatadirCleanupManager schedules nothing */
  purgeInterval?: number;
  /** -Dreadonlymode.enabled=true: a server cut off from a quorum serves read-only clients */
  readonlyModeEnabled?: boolean;
  /**
   * zoo.cfg localSessionsEnabled (absent: false). Modelled for the read-only server only: without it
   * a read-only server cannot create a session (ReadOnlyRequestProcessor answers NOTREADONLY)
   */
  localSessionsEnabled?: boolean;
}

export interface ClientCommand {
  /** one ZooKeeper session */
  id: string;
  /** the server to connect to; required on a client's first command, moves the client if it changes */
  server?: Sid;
  /** a zkCli command line: `create /a hello`, `get -w /a`, `close`, `disconnect`, … */
  cmd: string;
  /** the session timeout the client asks for; the server clamps it to [2, 20]·tickTime */
  sessionTimeoutMs?: number;
  /** ZooKeeper's canBeReadOnly (zkCli -r): it may connect to a read-only server; read when the client is made */
  canBeReadOnly?: boolean;
}

export type StartAction = { at: number; start: Sid[] };
export type CrashAction = { at: number; crash: Sid[] };
export type RestartAction = { at: number; restart: Sid[] };
export type PartitionAction = { at: number; partition: Sid[][] };
export type HealAction = { at: number; heal: true };
export type ClientAction = { at: number; client: ClientCommand };
export type DropAction = { at: number; drop: { from: Sid; to: Sid } };
export type LatencyAction = { at: number; latency: { ms: MsRange } };
/** message types a `crashOn` injection can name */
export const CRASH_ON_TYPES = [
  'NOTIFICATION',
  'FOLLOWERINFO',
  'OBSERVERINFO',
  'LEADERINFO',
  'ACKEPOCH',
  'DIFF',
  'TRUNC',
  'SNAP',
  'PROPOSAL',
  'ACK',
  'COMMIT',
  'NEWLEADER',
  'UPTODATE',
  'INFORM',
  'PING',
  'REQUEST',
  'REVALIDATE',
  'SYNC',
] as const;
export type CrashOnAction = { at: number; crashOn: { sid: Sid; after: (typeof CRASH_ON_TYPES)[number] } };
export type WipeAction = { at: number; wipe: { sid: Sid } };
export type CorruptAction = { at: number; corrupt: { sid: Sid; zxid: string } };
/** the operator's `zkCleanup.sh -n count` (PurgeTxnLog.main); count absent: 3 */
export type PurgeAction = { at: number; purge: { sid: Sid; count?: number } };

/** One timed action; which one it is is told by its key (`'crash' in a`, or actionKind(a)). */
export type ScenarioAction =
  | StartAction
  | CrashAction
  | RestartAction
  | PartitionAction
  | HealAction
  | ClientAction
  | DropAction
  | LatencyAction
  | CrashOnAction
  | WipeAction
  | CorruptAction
  | PurgeAction;

export const ACTION_KINDS = [
  'start',
  'crash',
  'restart',
  'partition',
  'heal',
  'client',
  'drop',
  'latency',
  'crashOn',
  'wipe',
  'corrupt',
  'purge',
] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

export interface Scenario {
  format: 1;
  title?: string;
  seed: number;
  /** sids 1..voters vote; sids voters+1..voters+observers are observers */
  ensemble: { voters: number; observers: number };
  config: ScenarioConfig;
  /** sorted by `at` (virtual ms); ties keep file order */
  actions: ScenarioAction[];
  /** virtual ms to run to; ≥ the last action's `at` */
  until: number;
}

export type ParseResult = { ok: true; scenario: Scenario } | { ok: false; errors: string[] };

export const SCENARIO_FORMAT = 1;
export const MAX_VOTERS = 9;
export const MAX_OBSERVERS = 4;

export const DEFAULT_CONFIG: Readonly<ScenarioConfig> = Object.freeze<ScenarioConfig>({
  zkVersion: '3.9.5',
  tickTime: 2000,
  initLimit: 10,
  syncLimit: 5,
  snapCount: 100_000,
  commitLogCount: 500,
  snapshotSizeFactor: 0.33,
  latencyMs: [1, 5],
  bootMs: [0, 0],
  fsyncMs: [1, 2],
  dropRate: 0,
});

// ---------------------------------------------------------------------------------------------
// Schema

type Issue = z.core.$ZodRawIssue;

function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  // JSON.stringify would write "null" for these; name them (1e400 parses to Infinity)
  if (typeof v === 'number' && !Number.isFinite(v)) return `${v}, not a finite number`;
  if (Array.isArray(v)) return v.length === 0 ? '[]' : clip(JSON.stringify(v));
  if (v === null) return 'null';
  if (typeof v === 'object') return 'an object';
  return clip(JSON.stringify(v));
}

function clip(s: string): string {
  return s.length > 40 ? s.slice(0, 37) + '…' : s;
}

/** "missing" or "must be <what>, got <input>" — one message for every way a field can be wrong. */
function wants(what: string) {
  return (iss: Issue) =>
    iss.input === undefined ? `missing (${what})` : `must be ${what}, got ${show(iss.input)}`;
}

function wholeNumber(lo: number, hi: number | null, what: string) {
  const error = wants(what);
  const s = z.int({ error }).min(lo, { error });
  return hi === null ? s : s.max(hi, { error });
}

const sidSchema = z.int({ error: wants('a server id (a whole number)') });
const msSchema = (what: string) => wholeNumber(0, null, `a whole number of virtual ms ≥ 0${what}`);

const copyRange = (r: MsRange): MsRange => [r[0], r[1]];

function rangeSchema(what: string) {
  const error = wants(`[lo, hi]: ${what}, lo ≤ hi`);
  return z
    .tuple([wholeNumber(0, null, 'a whole number ≥ 0'), wholeNumber(0, null, 'a whole number ≥ 0')], {
      error,
    })
    .refine(([lo, hi]) => lo <= hi, {
      error: (iss) => `lo ${(iss.input as MsRange)[0]} is greater than hi ${(iss.input as MsRange)[1]}`,
    });
}

const sidListSchema = z.array(sidSchema, { error: wants('a list of server ids, like [1, 2]') }).min(1, {
  error: 'must list at least one server',
});

export const ScenarioConfigSchema = z.strictObject(
  {
    zkVersion: z
      .enum(['3.9.5', '3.9.1'], { error: wants('"3.9.5" or "3.9.1"') })
      .default(DEFAULT_CONFIG.zkVersion),
    tickTime: wholeNumber(1, null, 'a whole number of ms ≥ 1').default(DEFAULT_CONFIG.tickTime),
    initLimit: wholeNumber(1, null, 'a whole number of ticks ≥ 1').default(DEFAULT_CONFIG.initLimit),
    syncLimit: wholeNumber(1, null, 'a whole number of ticks ≥ 1').default(DEFAULT_CONFIG.syncLimit),
    snapCount: wholeNumber(2, null, "a whole number ≥ 2 (ZooKeeper's minimum)").default(
      DEFAULT_CONFIG.snapCount,
    ),
    commitLogCount: wholeNumber(1, null, 'a whole number ≥ 1').default(DEFAULT_CONFIG.commitLogCount),
    snapshotSizeFactor: z
      .number({ error: wants('a number ≤ 1 (negative turns txn-log sync off)') })
      .max(1, {
        error: (iss) => `must be at most 1 (ZooKeeper would reset it to 0.33), got ${show(iss.input)}`,
      })
      .default(DEFAULT_CONFIG.snapshotSizeFactor),
    latencyMs: rangeSchema('whole ms each message takes').default(() => copyRange(DEFAULT_CONFIG.latencyMs)),
    bootMs: rangeSchema('whole ms from process start to election start').default(() =>
      copyRange(DEFAULT_CONFIG.bootMs),
    ),
    fsyncMs: rangeSchema('whole ms one group-commit flush takes').default(() =>
      copyRange(DEFAULT_CONFIG.fsyncMs),
    ),
    dropRate: z
      .number({ error: wants('a probability from 0 to 1') })
      .min(0, { error: wants('a probability from 0 to 1') })
      .max(1, { error: wants('a probability from 0 to 1') })
      .default(DEFAULT_CONFIG.dropRate),
    extendedTypesEnabled: z.boolean({ error: wants('true or false') }).optional(),
    enforceQuota: z.boolean({ error: wants('true or false') }).optional(),
    containerCheckIntervalMs: wholeNumber(1, 2_592_000_000, 'a whole number of ms ≥ 1').optional(),
    containerMaxPerMinute: wholeNumber(1, 1_000_000_000, 'a whole number ≥ 1').optional(),
    containerMaxNeverUsedIntervalMs: wholeNumber(
      0,
      2_592_000_000,
      'a whole number of ms (0: never)',
    ).optional(),
    fourLetterWhitelist: z
      .string({ error: wants('a comma-separated list of four-letter words, or "*"') })
      .max(200, { error: 'must be at most 200 characters' })
      .optional(),
    snapRetainCount: wholeNumber(
      0,
      1_000_000,
      'a whole number of snapshots to keep (ZooKeeper uses 3 for anything below 3)',
    ).optional(),
    purgeInterval: wholeNumber(0, 1_000_000, 'a whole number of hours (0: no purge task)').optional(),
    readonlyModeEnabled: z.boolean({ error: wants('true or false') }).optional(),
    localSessionsEnabled: z.boolean({ error: wants('true or false') }).optional(),
  },
  { error: wants('an object') },
);

const clientSchema = z.strictObject(
  {
    id: z.string({ error: wants('a string naming the session, like "c1"') }).min(1, {
      error: 'must not be empty',
    }),
    server: sidSchema.optional(),
    cmd: z.string({ error: wants('a zkCli command line, like "create /a hello"') }).min(1, {
      error: 'must not be empty (a zkCli command line, like "create /a hello")',
    }),
    sessionTimeoutMs: wholeNumber(1, null, 'a whole number of ms ≥ 1').optional(),
    canBeReadOnly: z.boolean({ error: wants('true or false (zkCli -r)') }).optional(),
  },
  { error: wants('an object: { "id": "c1", "server": 1, "cmd": "create /a" }') },
);

const at = msSchema('');
/** the znode features' system properties (containers, TTL nodes, quotas), written only when set */
const ZNODE_CONFIG_KEYS = [
  'extendedTypesEnabled',
  'enforceQuota',
  'containerCheckIntervalMs',
  'containerMaxPerMinute',
  'containerMaxNeverUsedIntervalMs',
];
/** One strict schema per action kind; an entry holds `at` and exactly one of these keys. */
export const ActionSchemas = {
  start: z.strictObject({ at, start: sidListSchema }),
  crash: z.strictObject({ at, crash: sidListSchema }),
  restart: z.strictObject({ at, restart: sidListSchema }),
  partition: z.strictObject({
    at,
    partition: z
      .array(sidListSchema, { error: wants('a list of groups of server ids, like [[1, 2], [3, 4, 5]]') })
      .min(1, { error: 'must list at least one group of servers' }),
  }),
  heal: z.strictObject({ at, heal: z.literal(true, { error: wants('true') }) }),
  client: z.strictObject({ at, client: clientSchema }),
  drop: z.strictObject({
    at,
    drop: z.strictObject(
      { from: sidSchema, to: sidSchema },
      { error: wants('{ "from": sid, "to": sid }: the link whose next message is lost') },
    ),
  }),
  latency: z.strictObject({
    at,
    latency: z.strictObject(
      { ms: rangeSchema('whole ms each message takes') },
      { error: wants('{ "ms": [lo, hi] }') },
    ),
  }),
  crashOn: z.strictObject({
    at,
    crashOn: z.strictObject(
      {
        sid: sidSchema,
        after: z.enum(CRASH_ON_TYPES, { error: wants('a message type such as "NEWLEADER"') }),
      },
      { error: wants('{ "sid": 3, "after": "NEWLEADER" }: crash sid right after it processes that message') },
    ),
  }),
  wipe: z.strictObject({
    at,
    wipe: z.strictObject(
      { sid: sidSchema },
      { error: wants('{ "sid": 2 }: the server whose dataDir is deleted') },
    ),
  }),
  corrupt: z.strictObject({
    at,
    corrupt: z.strictObject(
      {
        sid: sidSchema,
        zxid: z
          .string({ error: wants('a zxid as ZooKeeper writes it, like "0x100000003"') })
          .regex(/^0x(0|[1-9a-f][0-9a-f]{0,12})$/, {
            error:
              'must be a zxid as ZooKeeper writes it: "0x", lower-case hex, no padding (like "0x100000003")',
          }),
      },
      { error: wants('{ "sid": 2, "zxid": "0x100000003" }: the stored txn whose bit flips') },
    ),
  }),
  purge: z.strictObject({
    at,
    purge: z.strictObject(
      {
        sid: sidSchema,
        // PurgeTxnLog.purge: IllegalArgumentException(COUNT_ERR_MSG) below 3
        count: z
          .int({ error: wants('a whole number of snapshots to keep, at least 3') })
          .min(MIN_SNAP_RETAIN_COUNT, { error: COUNT_ERR_MSG })
          .max(1_000_000, { error: wants('a whole number of snapshots to keep, at least 3') })
          .optional(),
      },
      {
        error: wants('{ "sid": 2, "count": 3 }: whose dataDir zkCleanup.sh purges, keeping count snapshots'),
      },
    ),
  }),
} satisfies Record<ActionKind, z.ZodType>;

export const ScenarioActionSchema = z.union(Object.values(ActionSchemas));

const ensembleSchema = z.strictObject(
  {
    voters: wholeNumber(
      1,
      MAX_VOTERS,
      `a whole number from 1 to ${MAX_VOTERS} (ZAB Lab runs 1 to ${MAX_VOTERS} voters; the app's editor offers 3 to ${MAX_VOTERS})`,
    ),
    observers: wholeNumber(0, MAX_OBSERVERS, `a whole number from 0 to ${MAX_OBSERVERS}`).default(0),
  },
  { error: wants('an object like { "voters": 3, "observers": 0 }') },
);

const topShape = {
  format: z.literal(SCENARIO_FORMAT),
  title: z
    .string({ error: wants('a string') })
    .max(LIMITS.titleChars, {
      error: (iss) =>
        overLimit(
          `is ${(iss.input as string).length} characters long`,
          'titleChars',
          `${LIMITS.titleChars} characters`,
        ),
    })
    .optional(),
  seed: wholeNumber(
    0,
    0xffff_ffff,
    'a whole number from 0 to 4294967295; every random choice derives from it',
  ),
  ensemble: ensembleSchema,
  config: ScenarioConfigSchema.prefault({}),
  until: msSchema(', the virtual time the run stops'),
};

/** The whole file, structurally. parseScenario adds what a schema can't say (sids, order, clients). */
export const ScenarioSchema = z.strictObject({ ...topShape, actions: z.array(ScenarioActionSchema) });

/** What parseScenario checks first: the top level, with each action left for its own schema. */
const topSchema = z.strictObject({
  ...topShape,
  actions: z.array(z.unknown(), {
    error: wants('a list of actions, like [{ "at": 0, "start": [1, 2, 3] }]'),
  }),
});

// ---------------------------------------------------------------------------------------------
// Parsing

const TOP_KEYS = ['format', 'title', 'seed', 'ensemble', 'config', 'actions', 'until'];

/** Parses a scenario file. Never throws; every error names its place (`actions[3].crash[0]: …`). */
export function parseScenario(text: string): ParseResult {
  try {
    if (typeof text !== 'string') return fail(['a scenario file is JSON text']);
    if (text.length > LIMITS.fileBytes)
      return fail([
        overLimit(`the scenario is ${text.length} characters long`, 'fileBytes', bytesText(LIMITS.fileBytes)),
      ]);
    const json = parseJson(text);
    if (!json.ok) return fail([json.error]);
    return validateScenario(json.value);
  } catch (e) {
    // Not expected; the promise is never to throw.
    return fail([`could not read the scenario: ${e instanceof Error ? e.message : String(e)}`]);
  }
}

/** Validates an already-parsed value (e.g. one built by the app) as parseScenario does. */
export function validateScenario(value: unknown): ParseResult {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const what = Array.isArray(value)
      ? 'an array'
      : value === null
        ? 'null'
        : value === undefined
          ? 'nothing'
          : `a ${typeof value}`;
    return fail([`a scenario is a JSON object ({ "format": 1, … }), but this file holds ${what}`]);
  }
  const obj = value as Record<string, unknown>;

  // The format decides how to read everything else, so it is checked alone, first.
  if (!('format' in obj))
    return fail([`format: missing; a scenario file starts with "format": ${SCENARIO_FORMAT}`]);
  if (obj.format !== SCENARIO_FORMAT) {
    if (typeof obj.format === 'number' && Number.isInteger(obj.format) && obj.format > 0) {
      return fail([
        `this file is format ${obj.format}; this version of ZAB Lab reads format ${SCENARIO_FORMAT}`,
      ]);
    }
    return fail([`format: must be the number ${SCENARIO_FORMAT}, got ${show(obj.format)}`]);
  }

  const errors: string[] = [];
  const top = topSchema.safeParse(obj, { error: fallbackMessage });
  if (!top.success) errors.push(...top.error.issues.flatMap((iss) => describeIssue(iss, '')));

  // Actions: each is read by the schema its key names, so errors speak of that action. The checks
  // across actions then run over every entry that could be read, so one typo hides nothing else.
  const rawActions: unknown[] = Array.isArray(obj.actions) ? obj.actions : [];
  // bounded work: too many actions, or a run too long, is refused before any action is read
  const tooBig = scenarioSizeProblem(obj);
  if (tooBig) return fail([tooBig.message]);
  const parsed: (ScenarioAction | null)[] = rawActions.map((raw, i) => {
    const r = parseAction(raw, `actions[${i}]`);
    if (r.ok) return r.action;
    errors.push(...r.errors);
    return null;
  });
  const ensemble = ensembleSchema.safeParse(obj.ensemble);
  errors.push(...checkActions(rawActions, parsed, ensemble.success ? ensemble.data : null));

  const until = readableTime(obj.until);
  let last = -1;
  rawActions.forEach((raw, i) => {
    const t = readableAt(raw);
    if (t !== null && (last < 0 || t >= (readableAt(rawActions[last]) as number))) last = i;
  });
  if (until !== null && last >= 0 && until < (readableAt(rawActions[last]) as number)) {
    errors.push(
      `until: ${until} is before the last action (actions[${last}] at ${readableAt(rawActions[last])}); run at least that long`,
    );
  }

  if (errors.length > 0 || !top.success) return fail(errors);
  const { format, title, seed, config } = top.data;
  const actions = parsed as ScenarioAction[];
  const scenario: Scenario = {
    format,
    seed,
    ensemble: top.data.ensemble,
    config,
    actions,
    until: top.data.until,
  };
  if (title !== undefined) scenario.title = title;
  return { ok: true, scenario: orderKeys(scenario) };
}

/**
 * The limits a run's size is held to (LIMITS), checked before anything else is read: the number of
 * actions, and `until` in ms and in ticks — every server's work is paced by tickTime, so
 * until / tickTime bounds the run's events. Also for readers that check sizes first (links).
 */
export function scenarioSizeProblem(value: unknown): LimitProblem | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const obj = value as Record<string, unknown>;
  const actions = Array.isArray(obj.actions) ? obj.actions.length : 0;
  if (actions > LIMITS.actions)
    return {
      limit: 'actions',
      value: actions,
      message: overLimit(`actions: the file has ${actions} actions`, 'actions', String(LIMITS.actions)),
    };
  const until = obj.until;
  if (typeof until !== 'number' || !Number.isFinite(until) || until < 0) return null;
  if (until > LIMITS.untilMs)
    return {
      limit: 'untilMs',
      value: until,
      message: overLimit(
        `until: ${until} ms is more than 30 days of virtual time`,
        'untilMs',
        `${LIMITS.untilMs} ms`,
      ),
    };
  const config = obj.config;
  const tt =
    config !== null && typeof config === 'object' ? (config as { tickTime?: unknown }).tickTime : undefined;
  const tickTime =
    typeof tt === 'number' && Number.isSafeInteger(tt) && tt >= 1 ? tt : DEFAULT_CONFIG.tickTime;
  const ticks = Math.ceil(until / tickTime);
  if (ticks > LIMITS.untilTicks)
    return {
      limit: 'untilTicks',
      value: ticks,
      message: overLimit(
        `until: ${until} ms is ${ticks} ticks of tickTime ${tickTime} ms`,
        'untilTicks',
        `${LIMITS.untilTicks} ticks`,
      ),
    };
  return null;
}

/** What code may hand to makeScenario: the file's shape, with config keys and observers optional. */
export type ScenarioInput = z.input<typeof ScenarioSchema>;

/**
 * A scenario built in code (a preset, the app's default): validated and filled in like a file.
 * Throws an Error listing every problem — for values a program wrote, where a mistake is a bug.
 * Reading a file or a share link? Use parseScenario, which never throws.
 */
export function makeScenario(input: ScenarioInput): Scenario {
  const r = validateScenario(input);
  if (!r.ok) throw new Error('invalid scenario:\n  ' + r.errors.join('\n  '));
  return r.scenario;
}

/** An entry's "at" if it is a valid time, else null (its own error says why). */
function readableAt(raw: unknown): number | null {
  return readableTime(raw !== null && typeof raw === 'object' ? (raw as { at?: unknown }).at : undefined);
}

function readableTime(t: unknown): number | null {
  return typeof t === 'number' && Number.isSafeInteger(t) && t >= 0 ? t : null;
}

function fail(errors: string[]): ParseResult {
  const max = 50;
  if (errors.length > max) errors = [...errors.slice(0, max), `… and ${errors.length - max} more errors`];
  return { ok: false, errors };
}

function parseAction(
  raw: unknown,
  where: string,
): { ok: true; action: ScenarioAction } | { ok: false; errors: string[] } {
  const example = '{ "at": 1000, "crash": [3] }';
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, errors: [`${where}: must be an object like ${example}, got ${show(raw)}`] };
  }
  const keys = Object.keys(raw);
  const kinds = keys.filter((k): k is ActionKind => (ACTION_KINDS as readonly string[]).includes(k));
  const unknown = keys.filter((k) => k !== 'at' && !kinds.includes(k as ActionKind));
  const errors = unknown.map(
    (k) => `${where}: unknown key ${quoteClipped(k)}${suggest(k, ['at', ...ACTION_KINDS])}`,
  );
  if (kinds.length === 0) {
    if (unknown.length === 0)
      errors.push(`${where}: no action; an action has "at" and one of ${ACTION_KINDS.join(', ')}`);
    if (!('at' in raw)) errors.push(`${where}.at: missing (a whole number of virtual ms ≥ 0)`);
    return { ok: false, errors };
  }
  if (kinds.length > 1) {
    errors.push(
      `${where}: has more than one action (${kinds.join(', ')}); write one per entry (they may share an "at")`,
    );
    return { ok: false, errors };
  }
  const kind = kinds[0];
  const r = ActionSchemas[kind].safeParse(raw, { error: fallbackMessage });
  if (!r.success) {
    // Unknown keys of the entry itself were reported above.
    errors.push(
      ...r.error.issues
        .filter((iss) => !(iss.code === 'unrecognized_keys' && iss.path.length === 0))
        .flatMap((iss) => describeIssue(iss, where)),
    );
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, action: r.data as ScenarioAction };
}

/** DEFAULT_CONFIG's keys, then the optional ones (written only when set) */
const CONFIG_KEYS = [
  ...Object.keys(DEFAULT_CONFIG),
  'fourLetterWhitelist',
  'snapRetainCount',
  'purgeInterval',
  'readonlyModeEnabled',
  'localSessionsEnabled',
];
/** The keys an object may hold, by the key it sits under: for "did you mean" on unknown keys. */
const KEYS_BY_PARENT: Record<string, string[]> = {
  config: [...CONFIG_KEYS, ...ZNODE_CONFIG_KEYS],
  ensemble: ['voters', 'observers'],
  client: ['id', 'server', 'cmd', 'sessionTimeoutMs', 'canBeReadOnly'],
  drop: ['from', 'to'],
  latency: ['ms'],
  crashOn: ['sid', 'after'],
  wipe: ['sid'],
  corrupt: ['sid', 'zxid'],
  purge: ['sid', 'count'],
};

/** What a schema can't check: sids exist, groups don't overlap, order by `at`, clients name a server. */
function checkActions(
  raw: unknown[],
  actions: (ScenarioAction | null)[],
  ensemble: { voters: number; observers: number } | null,
): string[] {
  const errors: string[] = [];
  const n = ensemble ? ensemble.voters + ensemble.observers : Infinity;
  const sids = !ensemble
    ? ''
    : ensemble.observers === 0
      ? ` (sids are 1–${n})`
      : ` (sids are 1–${n}: voters 1–${ensemble.voters}, observers ${ensemble.voters + 1}–${n})`;
  const checkSid = (sid: number, where: string) => {
    if (ensemble && (sid < 1 || sid > n))
      errors.push(`${where}: ${sid} is not a server of this ensemble${sids}`);
  };
  const checkList = (list: Sid[], where: string) => {
    const seen = new Set<Sid>();
    list.forEach((sid, j) => {
      checkSid(sid, `${where}[${j}]`);
      if (seen.has(sid)) errors.push(`${where}: server ${sid} is listed twice`);
      seen.add(sid);
    });
  };
  const connected = new Set<string>();
  let prev = -1; // the last entry whose "at" could be read

  actions.forEach((a, i) => {
    const where = `actions[${i}]`;
    const t = readableAt(raw[i]);
    if (t !== null) {
      if (prev >= 0 && t < (readableAt(raw[prev]) as number)) {
        errors.push(
          `${where}: at ${t} comes after actions[${prev}] at ${readableAt(raw[prev])}; actions must be sorted by "at"`,
        );
      }
      prev = i;
    }
    if (a === null) {
      // Unreadable, but if it names a client, later commands of that client may omit "server".
      const id = (raw[i] as { client?: { id?: unknown } } | null)?.client?.id;
      if (typeof id === 'string') connected.add(id);
      return;
    }
    if ('start' in a) checkList(a.start, `${where}.start`);
    else if ('crash' in a) checkList(a.crash, `${where}.crash`);
    else if ('restart' in a) checkList(a.restart, `${where}.restart`);
    else if ('partition' in a) {
      const group = new Map<Sid, number>();
      a.partition.forEach((g, gi) => {
        checkList(g, `${where}.partition[${gi}]`);
        for (const sid of new Set(g)) {
          const other = group.get(sid);
          if (other !== undefined) {
            errors.push(`${where}.partition: server ${sid} is in both group ${other} and group ${gi}`);
          }
          group.set(sid, gi);
        }
      });
    } else if ('crashOn' in a) {
      checkSid(a.crashOn.sid, `${where}.crashOn.sid`);
    } else if ('wipe' in a) {
      checkSid(a.wipe.sid, `${where}.wipe.sid`);
    } else if ('corrupt' in a) {
      checkSid(a.corrupt.sid, `${where}.corrupt.sid`);
    } else if ('purge' in a) {
      checkSid(a.purge.sid, `${where}.purge.sid`);
    } else if ('drop' in a) {
      checkSid(a.drop.from, `${where}.drop.from`);
      checkSid(a.drop.to, `${where}.drop.to`);
      if (a.drop.from === a.drop.to)
        errors.push(`${where}.drop: from and to are both ${a.drop.from}; name a link between two servers`);
    } else if ('client' in a) {
      const c = a.client;
      if (c.server !== undefined) checkSid(c.server, `${where}.client.server`);
      else if (!connected.has(c.id) && !/^\s*(connect|zkCli\.sh\s.*-server)\s+\S/.test(c.cmd)) {
        // zkCli's `connect server1:2181,server2:2181` names its servers itself (a connect string), and
        // so does the shell line `zkCli.sh [-r] -server server1:2181,…`
        errors.push(
          `${where}.client: the first command of client ${JSON.stringify(c.id)} has no "server"; say which server it connects to${sids}`,
        );
      }
      connected.add(c.id);
    }
  });
  return errors;
}

// ---------------------------------------------------------------------------------------------
// Issue messages

/** Messages for issues no schema worded itself. */
function fallbackMessage(iss: Issue): string | undefined {
  switch (iss.code) {
    case 'invalid_type': {
      if (iss.input === undefined) return 'missing';
      const names: Record<string, string> = {
        int: 'a whole number',
        number: 'a number',
        string: 'a string',
        boolean: 'true or false',
        object: 'an object',
        array: 'a list',
        tuple: 'a list',
      };
      return `must be ${names[iss.expected] ?? iss.expected}, got ${show(iss.input)}`;
    }
    case 'invalid_value':
      return `must be ${iss.values.map((v) => JSON.stringify(v)).join(' or ')}, got ${show(iss.input)}`;
    case 'too_small':
      return iss.origin === 'array' || iss.origin === 'string'
        ? `must not be empty`
        : `must be ≥ ${iss.minimum}, got ${show(iss.input)}`;
    case 'too_big':
      return `must be ≤ ${iss.maximum}, got ${show(iss.input)}`;
    default:
      return undefined;
  }
}

function pathString(prefix: string, path: PropertyKey[]): string {
  let s = prefix;
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s === '' ? String(p) : `.${String(p)}`;
  return s;
}

function describeIssue(iss: z.core.$ZodIssue, prefix: string): string[] {
  const where = pathString(prefix, iss.path);
  if (iss.code === 'unrecognized_keys') {
    const parent = iss.path[iss.path.length - 1];
    const known = parent === undefined ? TOP_KEYS : (KEYS_BY_PARENT[String(parent)] ?? []);
    return iss.keys.map(
      (k) => `${where === '' ? '' : where + ': '}unknown key ${quoteClipped(k)}${suggest(k, known)}`,
    );
  }
  return [`${where === '' ? '(top level)' : where}: ${iss.message}`];
}

/** ` (did you mean "tickTime"?)` for a near miss, else ` (known keys: …)`. */
function suggest(key: string, known: readonly string[]): string {
  let best: string | null = null;
  let bestD = Infinity;
  // a near miss is a short key: the edit distance (quadratic) runs only on those
  if (key.length > SUGGEST_MAX_CHARS) return ` (known keys: ${known.join(', ')})`;
  for (const k of known) {
    const d = editDistance(key.toLowerCase(), k.toLowerCase());
    if (d < bestD) [best, bestD] = [k, d];
  }
  if (best !== null && bestD <= (best.length <= 4 ? 1 : 2)) return ` (did you mean "${best}"?)`;
  return ` (known keys: ${known.join(', ')})`;
}

/** keys longer than this get no "did you mean" (the longest known key is 18 characters) */
const SUGGEST_MAX_CHARS = 24;

/** Optimal-string-alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

// ---------------------------------------------------------------------------------------------
// JSON with positions

type JsonResult = { ok: true; value: unknown } | { ok: false; error: string };

/**
 * JSON.parse, but a syntax error (or a duplicate key, which JSON.parse would silently resolve) is
 * reported as `invalid JSON at line L, column C: …` the same way in every engine.
 */
function parseJson(text: string): JsonResult {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '')
    return { ok: false, error: 'the file is empty; a scenario is a JSON object { "format": 1, … }' };
  const problem = scanJson(text);
  if (problem) return { ok: false, error: `invalid JSON at ${lineCol(text, problem.at)}: ${problem.what}` };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return { ok: false, error: `invalid JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
}

function lineCol(text: string, at: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < at && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return `line ${line}, column ${at - lineStart + 1} (position ${at})`;
}

/** A strict JSON (RFC 8259) scanner: the first problem and its offset, or null. */
function scanJson(s: string): { at: number; what: string } | null {
  let i = 0;
  class Bad {
    constructor(
      readonly at: number,
      readonly what: string,
    ) {}
  }
  const found = (): string => (i >= s.length ? 'the end of the file' : JSON.stringify(s[i]));
  const ws = () => {
    while (i < s.length && (s[i] === ' ' || s[i] === '\t' || s[i] === '\n' || s[i] === '\r')) i++;
  };
  const str = (): string => {
    const start = i++;
    let out = '';
    for (;;) {
      if (i >= s.length) throw new Bad(start, 'a string is never closed');
      const c = s[i];
      if (c === '"') {
        i++;
        return out;
      }
      if (c < ' ') throw new Bad(i, 'a control character (like a line break) inside a string; write \\n');
      if (c === '\\') {
        const e = s[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(s.slice(i + 2, i + 6))) throw new Bad(i, 'a bad \\u escape');
          out += String.fromCharCode(parseInt(s.slice(i + 2, i + 6), 16));
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) {
          out += e;
          i += 2;
        } else throw new Bad(i, `a bad escape \\${e ?? ''}`);
      } else {
        out += c;
        i++;
      }
    }
  };
  const num = () => {
    const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(s.slice(i, i + 400));
    if (!m || m[0] === '' || m[0] === '-') throw new Bad(i, `expected a value, found ${found()}`);
    if (!Number.isFinite(Number(m[0])))
      throw new Bad(
        i,
        `the number ${m[0].length > 40 ? m[0].slice(0, 40) + '…' : m[0]} is not finite (too large)`,
      );
    i += m[0].length;
  };
  const value = (depth: number): void => {
    if (depth > LIMITS.depth)
      throw new Bad(
        i,
        overLimit(`nested more than ${LIMITS.depth} levels deep`, 'depth', `${LIMITS.depth} levels`),
      );
    ws();
    const c = s[i];
    if (c === '{') {
      i++;
      ws();
      if (s[i] === '}') {
        i++;
        return;
      }
      const keys = new Set<string>();
      for (;;) {
        ws();
        if (s[i] !== '"') {
          throw new Bad(
            i,
            s[i] === '}'
              ? 'a comma before "}" (trailing commas are not JSON)'
              : `expected a "quoted" key, found ${found()}`,
          );
        }
        const keyAt = i;
        const key = str();
        if (key.length > LIMITS.keyChars)
          throw new Bad(
            keyAt,
            overLimit(
              `the key ${quoteClipped(key)} is too long`,
              'keyChars',
              `${LIMITS.keyChars} characters`,
            ),
          );
        if (keys.has(key)) throw new Bad(keyAt, `duplicate key ${JSON.stringify(key)}`);
        keys.add(key);
        ws();
        if (s[i] !== ':')
          throw new Bad(i, `expected ':' after the key ${JSON.stringify(key)}, found ${found()}`);
        i++;
        value(depth + 1);
        ws();
        if (s[i] === ',') {
          i++;
          continue;
        }
        if (s[i] === '}') {
          i++;
          return;
        }
        throw new Bad(i, `expected ',' or '}' after the value of ${JSON.stringify(key)}, found ${found()}`);
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (s[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (s[i] === ']') throw new Bad(i, 'a comma before "]" (trailing commas are not JSON)');
        value(depth + 1);
        ws();
        if (s[i] === ',') {
          i++;
          continue;
        }
        if (s[i] === ']') {
          i++;
          return;
        }
        throw new Bad(i, `expected ',' or ']' in a list, found ${found()}`);
      }
    }
    if (c === '"') {
      str();
      return;
    }
    for (const lit of ['true', 'false', 'null']) {
      if (s.startsWith(lit, i)) {
        i += lit.length;
        return;
      }
    }
    if (c === "'") throw new Bad(i, "a 'single-quoted' string; JSON strings use double quotes");
    if (c === '/') throw new Bad(i, 'a comment; JSON has no comments');
    num();
  };
  try {
    value(0);
    ws();
    if (i < s.length) throw new Bad(i, `unexpected ${found()} after the end of the JSON value`);
    return null;
  } catch (e) {
    if (e instanceof Bad) return { at: e.at, what: e.what };
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers

export function actionKind(a: ScenarioAction): ActionKind {
  for (const k of ACTION_KINDS) if (k in a) return k;
  throw new Error('not a scenario action: ' + JSON.stringify(a));
}

/** Sorted by `at`, stable (ties keep their order). Returns a new array. */
export function sortActions<A extends { at: number }>(actions: readonly A[]): A[] {
  return actions
    .map((a, i) => [a, i] as const)
    .sort((x, y) => x[0].at - y[0].at || x[1] - y[1])
    .map(([a]) => a);
}

/** Keys in the file's canonical order (format, title, seed, …; at first in actions). */
function orderKeys(s: Scenario): Scenario {
  const out: Scenario = {
    format: s.format,
    ...(s.title !== undefined ? { title: s.title } : {}),
    seed: s.seed,
    ensemble: { voters: s.ensemble.voters, observers: s.ensemble.observers },
    config: Object.fromEntries(
      [...CONFIG_KEYS, ...ZNODE_CONFIG_KEYS]
        .filter((k) => s.config[k as keyof ScenarioConfig] !== undefined)
        .map((k) => [k, s.config[k as keyof ScenarioConfig]]),
    ) as unknown as ScenarioConfig,
    actions: s.actions.map(orderAction),
    until: s.until,
  };
  return out;
}

function orderAction(a: ScenarioAction): ScenarioAction {
  if ('client' in a) {
    const { id, server, cmd, sessionTimeoutMs, canBeReadOnly } = a.client;
    return {
      at: a.at,
      client: {
        id,
        ...(server !== undefined ? { server } : {}),
        cmd,
        ...(sessionTimeoutMs !== undefined ? { sessionTimeoutMs } : {}),
        ...(canBeReadOnly !== undefined ? { canBeReadOnly } : {}),
      },
    };
  }
  if ('drop' in a) return { at: a.at, drop: { from: a.drop.from, to: a.drop.to } };
  if ('crashOn' in a) return { at: a.at, crashOn: { sid: a.crashOn.sid, after: a.crashOn.after } };
  if ('wipe' in a) return { at: a.at, wipe: { sid: a.wipe.sid } };
  if ('corrupt' in a) return { at: a.at, corrupt: { sid: a.corrupt.sid, zxid: a.corrupt.zxid } };
  if ('purge' in a)
    return {
      at: a.at,
      purge: { sid: a.purge.sid, ...(a.purge.count !== undefined ? { count: a.purge.count } : {}) },
    };
  const kind = actionKind(a);
  return { at: a.at, [kind]: (a as Record<string, unknown>)[kind] } as ScenarioAction;
}

/**
 * The scenario as pretty JSON, keys in canonical order, every config key written out (so the file
 * reproduces the run even if a default changes), one action per line. parseScenario reads it back
 * to an equal scenario.
 */
export function serializeScenario(s: Scenario): string {
  const o = orderKeys(s);
  const lines = ['{'];
  const entries: [string, string][] = [];
  entries.push(['format', JSON.stringify(o.format)]);
  if (o.title !== undefined) entries.push(['title', JSON.stringify(o.title)]);
  entries.push(['seed', JSON.stringify(o.seed)]);
  entries.push(['ensemble', inline(o.ensemble)]);
  entries.push([
    'config',
    '{\n' +
      Object.entries(o.config)
        .map(([k, v]) => `    ${JSON.stringify(k)}: ${inline(v)}`)
        .join(',\n') +
      '\n  }',
  ]);
  entries.push([
    'actions',
    o.actions.length === 0 ? '[]' : '[\n' + o.actions.map((a) => `    ${inline(a)}`).join(',\n') + '\n  ]',
  ]);
  entries.push(['until', JSON.stringify(o.until)]);
  lines.push(entries.map(([k, v]) => `  ${JSON.stringify(k)}: ${v}`).join(',\n'));
  lines.push('}');
  return lines.join('\n') + '\n';
}

/** JSON on one line with a space after ',' and ':' and inside braces: { "at": 0, "start": [1, 2] } */
function inline(v: unknown): string {
  if (Array.isArray(v)) return '[' + v.map(inline).join(', ') + ']';
  if (v !== null && typeof v === 'object') {
    const parts = Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${inline(x)}`);
    return parts.length === 0 ? '{}' : '{ ' + parts.join(', ') + ' }';
  }
  return JSON.stringify(v);
}
