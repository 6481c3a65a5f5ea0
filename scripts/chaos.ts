/**
 * `npm run chaos -- --seeds N [--from S] [--version V] [--slow-disk]`: runs N random fault schedules on the
 * deterministic core (src/sim/Chaos.ts) and prints the table — violations by name and cause, the
 * seeds that reproduce each, sync modes seen, time taken. Exit code 1 when a violation is
 * unexplained (names no known ZooKeeper bug). Reproduce one seed with `--from S --seeds 1`.
 * `--slow-disk`: every flush takes 5–40 virtual ms (Chaos.SLOW_FSYNC_MS) instead of 1–3.
 */
import { formatChaosReport, runChaos, unexplained } from '../src/sim/Chaos';
import type { ZkVersion } from '../src/sim/Scenario';

const USAGE = 'usage: npm run chaos -- --seeds N [--from S] [--version 3.9.5|3.9.1] [--slow-disk]';

function parse(
  argv: string[],
): { seeds: number; from: number; zkVersion: ZkVersion; slowDisk: boolean } | string {
  let seeds = 1000;
  let from = 1000;
  let zkVersion: ZkVersion = '3.9.5';
  let slowDisk = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = argv[i + 1];
    if (a === '--help' || a === '-h') return USAGE;
    if (a === '--slow-disk') {
      slowDisk = true;
      continue;
    }
    if (a !== '--seeds' && a !== '--from' && a !== '--version') return `unknown argument "${a}"\n${USAGE}`;
    if (v === undefined) return `${a} needs a value\n${USAGE}`;
    i++;
    if (a === '--version') {
      if (v !== '3.9.5' && v !== '3.9.1') return `--version must be 3.9.5 or 3.9.1, got "${v}"`;
      zkVersion = v;
      continue;
    }
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0 || (a === '--seeds' && n < 1))
      return `${a} must be a whole number${a === '--seeds' ? ' ≥ 1' : ' ≥ 0'}, got "${v}"`;
    if (a === '--seeds') seeds = n;
    else from = n;
  }
  return { seeds, from, zkVersion, slowDisk };
}

const opts = parse(process.argv.slice(2));
if (typeof opts === 'string') {
  console.error(opts);
  process.exit(opts === USAGE ? 0 : 2);
}
const t0 = performance.now();
let lastShown = t0;
const report = runChaos(opts, (done) => {
  const now = performance.now();
  if (process.stderr.isTTY && now - lastShown > 1000) {
    lastShown = now;
    process.stderr.write(`\r${done}/${opts.seeds} runs…`);
  }
});
if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
console.log(formatChaosReport(report, performance.now() - t0));
if (unexplained(report).length) process.exitCode = 1;
