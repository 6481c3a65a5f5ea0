/**
 * Memory and responsiveness of long runs in the browser (issue 15), measured on the production
 * bundle in headless Chromium:
 *
 *   - the page's JS heap after 30 s and after 2 minutes of playback at full speed (the speed
 *     slider's maximum) with 9 voters + 4 observers, each reading taken after a forced garbage
 *     collection (CDP HeapProfiler.collectGarbage, then Performance.getMetrics JSHeapUsedSize) —
 *     target: the 2-minute figure within 1.2× of the 30 s one (a long run's memory stays flat);
 *   - a link a million steps deep (five voters for a day, ~780,000 steps) opening on the workers
 *     runtime: its replay's long tasks (PerformanceObserver 'longtask') — target: every one < 200 ms.
 *
 * `runMemoryBench(browser, base)` is called by bench/ui-bench.ts on its own build and server.
 * Run alone (`npx tsx bench/memory-bench.ts`) it builds into a temporary folder and serves it with
 * `vite preview` on $ZABLAB_MEMORY_BENCH_PORT (4304 by default).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from '@playwright/test';
import { CHROMIUM_FLAGS, findChromium } from '../scripts/chromium';
import { encodeLink } from '../src/share/link';
import { makeScenario, type Scenario } from '../src/sim/Scenario';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DAY = 24 * 3600 * 1000;

export const MEMORY_TARGETS = { heapRatio: 1.2, longTaskMs: 200 };

/** 9 voters + 4 observers, started, running for a day (playback never reaches its end). */
function thirteenServers(): Scenario {
  return makeScenario({
    format: 1,
    title: '9 voters + 4 observers',
    seed: 1,
    ensemble: { voters: 9, observers: 4 },
    actions: [{ at: 0, start: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13] }],
    until: DAY,
  });
}

/** Five voters for a day (e2e/limits.spec.ts's link): ~780,000 steps to its end. */
function dayRun(): Scenario {
  return makeScenario({
    format: 1,
    title: 'A day of five servers',
    seed: 1,
    ensemble: { voters: 5, observers: 0 },
    actions: [{ at: 0, start: [1, 2, 3, 4, 5] }],
    until: DAY,
  });
}

export interface MemoryFigures {
  /** JS heap used (MB) after a forced GC, 30 s and 120 s after playback started */
  heap30sMb: number;
  heap120sMb: number;
  /** steps reached at those readings, and the runtime the servers ran on */
  steps30s: number;
  steps120s: number;
  runtime: string;
  /** long tasks (ms, longest first) while the deep link replayed, and after it until idle */
  replayLongTasks: number[];
  finalLongTasks: number[];
  replaySteps: number;
  replayWallMs: number;
}

async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  await cdp.detach();
  const used = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
  return Math.round((used / (1024 * 1024)) * 10) / 10;
}

const step = (page: Page) => page.evaluate(() => window.__zablab!.position().step);

async function measureHeap(
  browser: Browser,
  base: string,
): Promise<Pick<MemoryFigures, 'heap30sMb' | 'heap120sMb' | 'steps30s' | 'steps120s' | 'runtime'>> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await page.addInitScript(() => localStorage.setItem('zablab.lang', 'en'));
  await page.goto(`${base}/?s=${encodeLink({ scenario: thirteenServers(), recorded: [], step: 0 })}`);
  await page.locator('.server-card').nth(12).waitFor();
  await page.waitForFunction(() => window.__zablab !== undefined);
  await page.evaluate(() => window.__zablab!.idle());
  const runtime = await page.evaluate(() => window.__zablab!.runtime().kind);
  const pace = page.getByTestId('pace');
  if ((await pace.count()) > 0) await pace.selectOption('even');
  // full speed: the slider's maximum
  const slider = page.locator('.speed input[type="range"]');
  await slider.fill((await slider.getAttribute('max')) ?? '2000');
  await page.getByTestId('play').click();
  const t0 = Date.now();
  const at = async (ms: number) => {
    await page.waitForTimeout(Math.max(0, t0 + ms - Date.now()));
    return { steps: await step(page), heap: await heapAfterGc(page) };
  };
  const r30 = await at(30_000);
  const r120 = await at(120_000);
  await context.close();
  return { heap30sMb: r30.heap, heap120sMb: r120.heap, steps30s: r30.steps, steps120s: r120.steps, runtime };
}

async function measureDeepLink(
  browser: Browser,
  base: string,
): Promise<Pick<MemoryFigures, 'replayLongTasks' | 'finalLongTasks' | 'replaySteps' | 'replayWallMs'>> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await page.addInitScript(() => {
    localStorage.setItem('zablab.lang', 'en');
    const w = window as unknown as { __longtasks: { start: number; ms: number }[] };
    w.__longtasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longtasks.push({ start: e.startTime, ms: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  const t0 = Date.now();
  await page.goto(`${base}/#${encodeLink({ scenario: dayRun(), recorded: [], step: 1_000_000 })}`);
  await page.getByTestId('replay-progress').waitFor();
  const start = await page.evaluate(() => performance.now());
  await page.getByTestId('replay-progress').waitFor({ state: 'hidden', timeout: 300_000 });
  const replayWallMs = Date.now() - t0;
  await page.evaluate(() => window.__zablab!.idle());
  await page.waitForTimeout(1000);
  const tasks = await page.evaluate((s) => {
    const end = performance.getEntriesByName('zablab:replay-end').at(-1)?.startTime ?? Infinity;
    const all = (window as unknown as { __longtasks: { start: number; ms: number }[] }).__longtasks;
    const during = all.filter((x) => x.start >= s && x.start + x.ms <= end).map((x) => x.ms);
    const after = all.filter((x) => x.start + x.ms > end).map((x) => x.ms);
    return { during, after };
  }, start);
  const replaySteps = await step(page);
  await context.close();
  const desc = (xs: number[]) => xs.map((x) => Math.round(x)).sort((a, b) => b - a);
  return {
    replayLongTasks: desc(tasks.during),
    finalLongTasks: desc(tasks.after),
    replaySteps,
    replayWallMs,
  };
}

export async function runMemoryBench(browser: Browser, base: string): Promise<MemoryFigures> {
  const deep = await measureDeepLink(browser, base);
  const heap = await measureHeap(browser, base);
  return { ...heap, ...deep };
}

export function printMemoryBench(f: MemoryFigures): void {
  const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
  const ratio = f.heap120sMb / f.heap30sMb;
  console.log(
    `JS heap at full speed, 9 voters + 4 observers [${f.runtime}], after a forced GC: ` +
      `${f.heap30sMb} MB at 30 s (step ${f.steps30s}), ${f.heap120sMb} MB at 2 min (step ${f.steps120s}), ` +
      `×${ratio.toFixed(2)} — target ≤ ×${MEMORY_TARGETS.heapRatio}: ${verdict(ratio <= MEMORY_TARGETS.heapRatio)}`,
  );
  const top = (xs: number[]) => (xs.length ? xs.slice(0, 5).join(', ') + ' ms' : 'none');
  const longest = Math.max(0, ...f.replayLongTasks);
  console.log(
    `a link 1,000,000 steps deep (workers runtime): replayed to step ${f.replaySteps} in ${f.replayWallMs} ms; ` +
      `${f.replayLongTasks.length} long tasks while replaying (longest: ${top(f.replayLongTasks)}); ` +
      `after it (the final render, until idle): ${top(f.finalLongTasks)} — target every long task while ` +
      `replaying < ${MEMORY_TARGETS.longTaskMs} ms: ${verdict(longest < MEMORY_TARGETS.longTaskMs)}`,
  );
}

const invokedDirectly = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  const port = Number(process.env.ZABLAB_MEMORY_BENCH_PORT) || 4304;
  const outDir = mkdtempSync(path.join(tmpdir(), 'zablab-memory-bench-'));
  const build = spawnSync(
    'npx',
    ['vite', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'],
    {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  if (build.status !== 0) throw new Error(`vite build exited with ${build.status}`);
  const server = spawn(
    'npx',
    ['vite', 'preview', '--outDir', outDir, '--port', String(port), '--strictPort'],
    {
      cwd: ROOT,
      stdio: 'ignore',
      detached: true,
    },
  );
  const base = `http://localhost:${port}`;
  void (async () => {
    let browser: Browser | null = null;
    try {
      for (let i = 0; ; i++) {
        try {
          await fetch(base);
          break;
        } catch {
          if (i > 60) throw new Error('vite preview did not start');
          await new Promise((r) => setTimeout(r, 500));
        }
      }
      browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_FLAGS });
      printMemoryBench(await runMemoryBench(browser, base));
    } catch (e) {
      console.error(e instanceof Error ? e.message : e);
      process.exitCode = 1;
    } finally {
      await browser?.close();
      if (server.pid !== undefined) process.kill(-server.pid, 'SIGTERM');
      rmSync(outDir, { recursive: true, force: true });
    }
  })();
}
