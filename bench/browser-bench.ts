/**
 * Browser benchmark: committed client writes per second for 5 voters with durable logging through
 * Web Workers + IndexedDB (every txn group-committed to each server's IndexedDB before its ACK),
 * next to what IndexedDB itself takes in the same browser, measured in the same run: the same
 * record (a real txn of the run), in batches the size of the run's group commits, and one
 * transaction per record (what batching saves).
 *
 * Builds the app with the dev-only harness page (ZABLAB_HARNESS=1) into a folder of its own, serves it
 * with `vite preview`, drives headless Chromium (a persistent, on-disk
 * profile) on runtime-harness.html. Run standalone: `npx tsx bench/browser-bench.ts`.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from '@playwright/test';
import type { BenchOptions, PlaybackResult } from './harness/runtime-harness';
import { CHROMIUM_FLAGS, findChromium } from '../scripts/chromium';
import { CORES, chromiumCpu, cpuSince } from './cpu';
import type { CpuSample } from './cpu';

/** playback is measured this many times and the median run reported */
const PLAYBACK_RUNS = 3;

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// $ZABLAB_BROWSER_BENCH_PORT: another port, when one bench already serves on 4179 (a shared machine)
const PORT = Number(process.env.ZABLAB_BROWSER_BENCH_PORT) || 4179;

async function waitForServer(url: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > until) throw new Error(`vite preview did not answer at ${url}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function runBrowserBench(
  opts: BenchOptions & { crash?: boolean } = {},
): Promise<Record<string, number>> {
  // a build of its own (never racing another build of dist/), with the dev-only harness page in it
  const outDir = mkdtempSync(path.join(tmpdir(), 'zablab-browser-bench-'));
  const b = spawnSync('npx', ['vite', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, ZABLAB_HARNESS: '1' },
  });
  if (b.status !== 0) {
    rmSync(outDir, { recursive: true, force: true });
    throw new Error('vite build failed');
  }
  const server: ChildProcess = spawn(
    'npx',
    ['vite', 'preview', '--outDir', outDir, '--port', String(PORT), '--strictPort'],
    { cwd: ROOT, stdio: 'ignore', detached: true },
  );
  const dir = mkdtempSync(path.join(tmpdir(), 'zablab-bench-'));
  try {
    const base = `http://localhost:${PORT}`;
    await waitForServer(`${base}/runtime-harness.html`, 30_000);
    const ctx = await chromium.launchPersistentContext(dir, {
      executablePath: findChromium(),
      args: CHROMIUM_FLAGS,
    });
    try {
      const page = ctx.pages()[0] ?? (await ctx.newPage());
      // the harness notes Chromium's CPU before and after each measured phase (Linux: /proc)
      const marks = new Map<string, CpuSample>();
      await page.exposeFunction('zablabCpuMark', (name: string) => {
        const c = chromiumCpu(`--user-data-dir=${dir}`);
        if (c) marks.set(name, c);
      });
      /** the CPU of a measured phase, as `<as>CpuBrowserMs` and so on */
      const cpuOf = (phase: string, as = phase): Record<string, number> => {
        const a = marks.get(phase);
        const b = marks.get(`${phase}-end`);
        if (!a || !b) return {};
        const d = cpuSince(a, b);
        return {
          [`${as}CpuBrowserMs`]: d.browser,
          [`${as}CpuRendererMs`]: d.renderer,
          [`${as}CpuOtherMs`]: d.other,
        };
      };
      await page.goto(`${base}/runtime-harness.html`);
      await page.waitForFunction(() => typeof window.zablab === 'object');
      const { crash: _crash, ...benchOpts } = opts;
      const r = await page.evaluate((o) => window.zablab.bench(o), benchOpts);
      // playback at the speed slider's maximum: 7 servers in workers under the UI bench's write
      // load; the median of three runs (one moves by ±10 points on this shared machine)
      const runs: { p: PlaybackResult; mark: string }[] = [];
      for (let i = 1; i <= PLAYBACK_RUNS; i++) {
        const mark = `playback-${i}`;
        const p = await page.evaluate(
          (m) => window.zablab.playback({ speed: 2000, seconds: 6, cpuMark: m }),
          mark,
        );
        runs.push({ p, mark });
      }
      const playReachedEach = runs.map((x) => x.p.reached);
      const { p, mark: playMark } = [...runs].sort((a, b) => a.p.reached - b.p.reached)[PLAYBACK_RUNS >> 1];
      const play = {
        playSpeed: p.speed,
        playEventsPerSec: p.eventsPerSec,
        playReached: p.reached,
        playFrames: p.frames,
        playBusyFrames: p.busyFrames,
        playWaitMs: p.waitMs,
        playWallMs: p.wallMs,
        playCalls: p.calls,
        playSteps: p.steps,
        playViolations: p.violations,
        playMessages: p.messages,
        playVirtualMs: p.virtualMs,
        playFlushedMs: p.callMs.flushed ?? 0,
        playFlushed: p.callCount.flushed ?? 0,
        playFlushedAhead: p.flushedAhead,
        playHeld: p.held,
        playHeldMs: p.heldMs,
        cores: CORES,
        ...cpuOf('writes'),
        ...cpuOf(playMark, 'playback'),
        playRuns: PLAYBACK_RUNS,
        ...Object.fromEntries(playReachedEach.map((x, i) => [`playReached${i + 1}`, x])),
      };
      if (opts.crash === false) return { ...r, ...play };
      // crash consistency, longer than the e2e test's 60 cycles
      const c = await page.evaluate(() =>
        window.zablab.crashTest({ cycles: 200, voters: 5, clients: 5, seed: 7, timeLimitMs: 600_000 }),
      );
      return {
        ...r,
        ...play,
        crashCycles: c.cycles,
        crashKills: c.stats.hardKills,
        crashKillsInCall: c.stats.hardKillsInCall,
        crashFlushesLost: c.stats.flushesLost,
        crashDiedBeforeLanding: c.stats.diedBeforeLanding,
        crashFlushesRestored: c.stats.flushesRestored,
        crashAcked: c.acked,
        crashAttempted: c.attempted,
        crashMissing: c.missing.length,
        crashViolations: c.violations.length,
        crashSynced: c.syncedServers.length,
        crashRefused: c.refusedToStart.length,
        crashStorageMismatches: c.storageMismatches.length,
        crashErrors: c.errors.length,
        crashWallMs: c.wallMs,
      };
    } finally {
      await ctx.close();
    }
  } finally {
    if (server.pid) {
      try {
        process.kill(-server.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    rmSync(dir, { recursive: true, force: true });
    rmSync(outDir, { recursive: true, force: true });
  }
}

export function printBrowserBench(r: Record<string, number>): void {
  const f = (x: number, d = 0): string =>
    x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
  console.log('== browser (headless Chromium, workers + IndexedDB, on-disk profile)');
  console.log(
    `${f(r.writes)} client writes on ${r.voters} voters (${r.clients} clients): ${f(r.wallMs)} ms wall, ` +
      `${f(r.committedWritesPerSec)} committed writes/s (${f(r.stepsPerSec)} events/s)`,
  );
  console.log(
    `group commit: ${f(r.flushBatches)} batches, ${f(r.avgBatch, 1)} txns per batch; ` +
      `${f(r.loggedRecordsPerSec)} txn records logged/s over all servers`,
  );
  console.log(
    `raw IndexedDB from a worker (median of 3), ${r.recordBytes}-byte records: batches of ${r.rawBatch} ` +
      `${f(r.rawBatchedRecordsPerSec)} records/s; one transaction per record ${f(r.rawNaiveRecordsPerSec)} records/s ` +
      `(batching pays ×${f(r.rawBatchedRecordsPerSec / r.rawNaiveRecordsPerSec, 1)})`,
  );
  if (r.rawBigBatchRecordsPerSec)
    console.log(
      `raw IndexedDB in batches of ${r.rawBigBatch}: ${f(r.rawBigBatchRecordsPerSec)} records/s — ` +
        `×${f(r.rawBigBatchRecordsPerSec / r.rawNaiveRecordsPerSec, 1)} the one-transaction-per-record store`,
    );
  // five per-server databases written at once: each write is logged by every voter, so the ratio
  // cannot pass this here (printed beside the figure, as issue 13 asks)
  const ceiling = r.rawParallelRecordsPerSec
    ? r.rawParallelRecordsPerSec / r.voters / r.rawBatchedRecordsPerSec
    : NaN;
  console.log(
    `committed writes/s ÷ raw batched rate: ${f(r.ratio * 100, 1)} % (target ≥ 22 %: ${r.ratio >= 0.22 ? 'met' : 'NOT met'}; ` +
      `ceiling with ${r.voters} per-server databases written at once: ${f(ceiling * 100, 1)} %); ` +
      `logged records/s ÷ raw batched rate: ${f(r.loggedRatio * 100, 1)} %`,
  );
  if (r.rawParallelRecordsPerSec)
    console.log(
      `ceiling: ${r.voters} workers writing their own databases at once (batches of ${r.rawBatch}, nothing else ` +
        `running) ${f(r.rawParallelRecordsPerSec)} records/s in all; every write is logged by ${r.voters} voters, so ` +
        `the ratio cannot pass ${f(ceiling * 100, 1)} % here (the ensemble logs at ` +
        `${f((r.loggedRecordsPerSec / r.rawParallelRecordsPerSec) * 100, 1)} % of it)`,
    );
  if (r.writesCpuBrowserMs !== undefined) {
    // why the ratio stops where it does: the cores are busy, mostly in IndexedDB's commits
    const used = r.writesCpuBrowserMs + r.writesCpuRendererMs + r.writesCpuOtherMs;
    const perWrite = used / r.writes;
    const atTarget = 0.22 * r.rawBatchedRecordsPerSec;
    console.log(
      `CPU while the writes ran (Chromium's processes, /proc): ${f(used)} ms of ${r.cores} cores × ` +
        `${f(r.wallMs)} ms = ${f((used / (r.cores * r.wallMs)) * 100)} % busy — the browser process, where ` +
        `IndexedDB's backend runs, ${f(r.writesCpuBrowserMs)} ms (${f(r.writesCpuBrowserMs / r.flushBatches, 2)} ms ` +
        `per batch committed), the page and its workers ${f(r.writesCpuRendererMs)} ms, the rest ` +
        `${f(r.writesCpuOtherMs)} ms; ${f(perWrite, 1)} ms of CPU per committed write, so the target's ` +
        `${f(atTarget)} writes/s would take ${f((perWrite * atTarget) / 1000, 2)} of this machine's ${r.cores} cores`,
    );
  }
  if (r.playSpeed)
    console.log(
      `playback at the speed slider's maximum, 7 servers in workers under write load (the runtime alone, ` +
        `frames as the player makes them): ${f(r.playEventsPerSec)} of ${f(r.playSpeed)} events/s asked = ` +
        `${f(r.playReached * 100, 1)} % (target ≥ 95 %: ${r.playReached >= 0.95 ? 'met' : 'NOT met'}; the median ` +
        `of ${r.playRuns} runs: ${Array.from({ length: r.playRuns }, (_, i) => f(r[`playReached${i + 1}`] * 100, 1)).join(', ')} %); ` +
        `in the median run: ` +
        `${f(r.playSteps)} events in ${f(r.playWallMs)} ms, ${f(r.playCalls)} calls, the page waited ` +
        `${f(r.playWaitMs)} ms; ${f(r.playBusyFrames)} of ${f(r.playFrames)} frames found the last job still running`,
    );
  if (r.playFlushed)
    // a `flushed` no longer waits for its batch's IndexedDB commit (the write overlaps the run);
    // what the commit guards — the process's ACK, COMMIT, client reply — is held in the page instead
    console.log(
      `  where playback's wall time went: ${f(r.playFlushed)} flushed calls took ${f(r.playFlushedMs)} ms ` +
        `(${f(r.playFlushedMs / r.playFlushed, 2)} ms each, a round trip) = ` +
        `${f((r.playFlushedMs / r.playWallMs) * 100, 1)} % of the wall time; ${f(r.playFlushedAhead)} of them ` +
        `were heard before their batch committed, ${f(r.playHeld)} deliveries waited ${f(r.playHeldMs)} ms ` +
        `for a commit; ${f(r.playMessages)} messages to workers for ${f(r.playSteps)} events over ` +
        `${f(r.playVirtualMs)} virtual ms`,
    );
  if (r.playbackCpuBrowserMs !== undefined) {
    const used = r.playbackCpuBrowserMs + r.playbackCpuRendererMs + r.playbackCpuOtherMs;
    const perEvent = used / r.playSteps;
    console.log(
      `  CPU during playback: ${f(used)} ms of ${r.cores} cores × ${f(r.playWallMs)} ms = ` +
        `${f((used / (r.cores * r.playWallMs)) * 100)} % busy — the browser process (IndexedDB) ` +
        `${f(r.playbackCpuBrowserMs)} ms, the page and its workers ${f(r.playbackCpuRendererMs)} ms, the rest ` +
        `${f(r.playbackCpuOtherMs)} ms; ${f(perEvent, 2)} ms per event, so ${f(r.playSpeed)} events/s would take ` +
        `${f((perEvent * r.playSpeed) / 1000, 2)} cores`,
    );
  }
  if (r.waitMs)
    console.log(
      `the page waited for workers ${f(r.waitMs)} of ${f(r.wallMs)} ms; ${f(r.calls)} calls, ` +
        `${f(r.prefetched)} of them sent ahead (overlapping calls to other workers)`,
    );
  console.log(`invariant violations: ${r.violations}`);
  if (r.crashCycles !== undefined)
    console.log(
      `crash consistency: ${f(r.crashCycles)} crash/restart cycles (${f(r.crashKills)} workers terminated at random ` +
        `real moments, ${f(r.crashKillsInCall)} during a call, ${f(r.crashFlushesLost)} group-commit batches lost, ` +
        `${f(r.crashDiedBeforeLanding)} before a batch heard flushed was known landed, ${f(r.crashFlushesRestored)} ` +
        `databases then written from the mirror) ` +
        `under a write load, ${f(r.crashWallMs / 1000, 1)} s: ${f(r.crashAcked)}/${f(r.crashAttempted)} writes ` +
        `acknowledged, ${r.crashMissing} missing from a synced server, ${r.crashViolations} violations, ` +
        `${r.crashSynced}/5 servers synced at the end, ${r.crashRefused} refused to start, ` +
        `${r.crashStorageMismatches} databases differing from the run, ${r.crashErrors} runtime errors — ` +
        (r.crashMissing + r.crashViolations + r.crashStorageMismatches + r.crashErrors === 0
          ? 'clean'
          : 'NOT clean'),
    );
  console.log(
    `seeking to step ${f(r.seekSteps)} (in-process replay, then 5 workers + databases hydrated): ${f(r.seekMs)} ms` +
      (r.hydrateOk ? '' : ' — HYDRATION MISMATCH'),
  );
  const split = Object.keys(r)
    .filter((k) => k.startsWith('ms:'))
    .map((k) => `${k.slice(3)} ${f(r[k])} ms / ${f(r['n:' + k.slice(3)])} calls`);
  if (split.length)
    console.log(
      `call latency by input (calls overlap, so these add up to more than the wall time): ${split.join(', ')}`,
    );
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  runBrowserBench({ crash: process.env.ZABLAB_BENCH_CRASH !== '0' })
    .then(printBrowserBench)
    .catch((e: unknown) => {
      console.error(e);
      process.exit(1);
    });
}
