/**
 * Chaos runs at scale: N random fault schedules (RandomScenario: 3/5/7 voters, an observer on odd
 * seeds, crashes, partitions, drops, client writes), each with the invariant checker after every
 * event, summed into one table — violations by name and cause with the seeds that reproduce them,
 * sync modes seen, runs that ended without a leader. `npm run chaos` prints it; the unit test and
 * `npm run bench` use the same function. Pure: timing is the caller's (no clock in src/sim).
 */
import { makeScenario, type ZkVersion } from './Scenario';
import { Simulation } from './Simulation';
import { randomScenario } from './RandomScenario';
import type { Violation } from './InvariantChecker';

export interface ChaosOptions {
  /** how many seeds */
  seeds: number;
  /** the first seed (the 10,000 are 1000–10999) */
  from: number;
  zkVersion: ZkVersion;
  /** virtual ms of chaos and of settling afterwards (the 300-seed test's 30 s each by default) */
  chaosMs?: number;
  settleMs?: number;
  /** a slow disk: every flush takes SLOW_FSYNC_MS (default: the usual [1, 3] ms) */
  slowDisk?: boolean;
}

/** The slow disk's flush time, virtual ms: tens of proposals wait in each batch. */
export const SLOW_FSYNC_MS: [number, number] = [5, 40];

export interface ChaosRow {
  invariant: string;
  /** the ZooKeeper bug, or null when the checker cannot explain it */
  bug: string | null;
  mechanism: string;
  /** violations of this kind in all runs */
  count: number;
  /** seeds that show it, ascending */
  seeds: number[];
}

export interface ChaosReport {
  zkVersion: ZkVersion;
  slowDisk: boolean;
  from: number;
  runs: number;
  /** runs with at least one violation */
  runsWithViolations: number;
  rows: ChaosRow[];
  syncModes: Record<string, number>;
  /** seeds that had no leader in BROADCAST at the end */
  noLeader: number[];
  events: number;
}

/** The ensemble shape of a seed: the same rule as the 300-seed test. */
export function chaosShape(seed: number): { voters: number; observers: number } {
  return { voters: [3, 5, 7][seed % 3], observers: seed % 2 };
}

/** One seed's run (for reproducing a row of the table). */
export function runChaosSeed(
  seed: number,
  zkVersion: ZkVersion,
  chaosMs = 30000,
  settleMs = 30000,
  slowDisk = false,
): Simulation {
  const fsyncMs = slowDisk ? SLOW_FSYNC_MS : undefined;
  const sim = new Simulation(
    makeScenario(randomScenario(seed, { ...chaosShape(seed), chaosMs, settleMs, zkVersion, fsyncMs })),
  );
  sim.runToEnd();
  return sim;
}

export function emptyChaosReport(o: ChaosOptions): ChaosReport {
  return {
    zkVersion: o.zkVersion,
    slowDisk: o.slowDisk ?? false,
    from: o.from,
    runs: 0,
    runsWithViolations: 0,
    rows: [],
    syncModes: {},
    noLeader: [],
    events: 0,
  };
}

/** Adds one finished run to the report. */
export function addChaosRun(r: ChaosReport, seed: number, sim: Simulation): void {
  r.runs++;
  r.events += sim.trace.length;
  if (sim.violations.length) r.runsWithViolations++;
  for (const v of sim.violations) addViolation(r, seed, v);
  for (const e of sim.trace) if (e.ev === 'sync') r.syncModes[e.mode] = (r.syncModes[e.mode] ?? 0) + 1;
  if (sim.leader() === null) r.noLeader.push(seed);
}

function addViolation(r: ChaosReport, seed: number, v: Violation): void {
  const bug = v.cause?.bug ?? null;
  const mechanism = v.cause?.mechanism ?? '';
  let row = r.rows.find((x) => x.invariant === v.invariant && x.bug === bug && x.mechanism === mechanism);
  if (!row) {
    row = { invariant: v.invariant, bug, mechanism, count: 0, seeds: [] };
    r.rows.push(row);
  }
  row.count++;
  if (row.seeds[row.seeds.length - 1] !== seed) row.seeds.push(seed);
}

export function runChaos(o: ChaosOptions, progress?: (done: number) => void): ChaosReport {
  const r = emptyChaosReport(o);
  for (let i = 0; i < o.seeds; i++) {
    const seed = o.from + i;
    addChaosRun(r, seed, runChaosSeed(seed, o.zkVersion, o.chaosMs, o.settleMs, o.slowDisk));
    progress?.(i + 1);
  }
  return r;
}

/** Rows that name no known ZooKeeper bug. */
export function unexplained(r: ChaosReport): ChaosRow[] {
  return r.rows.filter((x) => x.bug === null);
}

const SEEDS_SHOWN = 8;

/** The table, as plain text (the CLI and the bench print it). */
export function formatChaosReport(r: ChaosReport, wallMs?: number): string {
  const lines: string[] = [];
  const last = r.from + r.runs - 1;
  lines.push(
    `chaos: ${r.runs} runs (seeds ${r.from}–${last}), ZooKeeper ${r.zkVersion}` +
      (r.slowDisk ? `, slow disk (fsync ${SLOW_FSYNC_MS[0]}–${SLOW_FSYNC_MS[1]} ms)` : '') +
      (wallMs !== undefined
        ? `, ${(wallMs / 1000).toFixed(1)} s (${Math.round(r.runs / (wallMs / 1000))} runs/s)`
        : ''),
  );
  lines.push(`runs with a violation: ${r.runsWithViolations}; simulated events: ${r.events}`);
  const modes = Object.entries(r.syncModes)
    .sort((a, b) => b[1] - a[1])
    .map(([m, n]) => `${m} ${n}`)
    .join(', ');
  lines.push(`sync modes seen: ${modes || 'none'}`);
  lines.push(
    `runs without a leader at the end: ${r.noLeader.length}` +
      (r.noLeader.length
        ? ` (seeds ${r.noLeader.slice(0, SEEDS_SHOWN).join(', ')}${r.noLeader.length > SEEDS_SHOWN ? ', …' : ''})`
        : ''),
  );
  if (!r.rows.length) {
    lines.push('violations: none');
    return lines.join('\n');
  }
  const rows = [...r.rows].sort(
    (a, b) => b.seeds.length - a.seeds.length || a.invariant.localeCompare(b.invariant),
  );
  const head = ['violation', 'cause', 'count', 'seeds', 'reproduce with seeds'];
  const body = rows.map((x) => [
    x.invariant,
    x.bug ?? 'UNEXPLAINED',
    String(x.count),
    String(x.seeds.length),
    x.seeds.slice(0, SEEDS_SHOWN).join(' ') + (x.seeds.length > SEEDS_SHOWN ? ' …' : ''),
  ]);
  const w = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const fmt = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(w[i]))
      .join('  ')
      .trimEnd();
  lines.push(fmt(head));
  lines.push(w.map((n) => '-'.repeat(n)).join('  '));
  for (const b of body) lines.push(fmt(b));
  lines.push('');
  lines.push('mechanisms:');
  for (const x of rows)
    lines.push(`  ${x.invariant} / ${x.bug ?? 'UNEXPLAINED'}: ${x.mechanism || '(no mechanism known)'}`);
  lines.push(`unexplained: ${unexplained(r).reduce((n, x) => n + x.count, 0)}`);
  return lines.join('\n');
}
