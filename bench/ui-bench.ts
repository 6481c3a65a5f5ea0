/**
 * `npx tsx bench/ui-bench.ts`: the browser figures the UI promises, measured on the production
 * bundle in headless Chromium.
 *
 *   - frame interval p50 / p95 (requestAnimationFrame deltas over ~5 s) while 7 servers (5 voters
 *     + 2 observers) run a write load with ≥ 50 messages in flight — target p95 ≤ 17.5 ms;
 *   - initial JS, gzip: every script the first paint loads, gzip-compressed here — target ≤ 250 kB;
 *   - time to interactive: navigation start → the "Start all" button is enabled and clickable
 *     (the app's `zablab:interactive` performance mark), the median of five fresh pages after a
 *     first one (measureColdLoad says why) — target < 1 s;
 *   - a long run's JS heap (2 min vs 30 s at full speed, 9 + 4 servers) and a 10^6-step link's long
 *     tasks: bench/memory-bench.ts.
 *
 * It builds the app (`npx vite build`), serves it with `npx vite preview --port 4317`, drives
 * Chromium (found like scripts/e2e.mjs finds it) and stops the server it started.
 * `ZABLAB_UI_BENCH_DIST=<dir>` serves a build made earlier instead (an old build next to a new one,
 * for interleaved before/after runs; the folder is kept); `ZABLAB_UI_BENCH_FRAMES=1` measures the
 * three frame figures only (no cold load, no memory bench); `ZABLAB_UI_BENCH_COLD=1` the cold load
 * only (initial JS and time to interactive).
 */
import { stopPreview } from './preview';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from '@playwright/test';
import { CHROMIUM_FLAGS, findChromium } from '../scripts/chromium';
import { encodeLink } from '../src/share/link';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// $ZABLAB_UI_BENCH_PORT: another port, when one bench already serves on 4317 (a shared machine)
const PORT = Number(process.env.ZABLAB_UI_BENCH_PORT) || 4317;
const BASE = `http://localhost:${PORT}`;
const SAMPLE_MS = 5000;

/** requestAnimationFrame deltas and messages in flight, every frame for `ms` (runs in the page). */
const FRAME_SAMPLER = `(ms) => new Promise((resolve) => {
  const deltas = [];
  const inflight = [];
  let last = 0;
  let start = 0;
  const frame = (t) => {
    if (!start) start = t;
    else deltas.push(t - last);
    last = t;
    inflight.push(window.__zablab ? window.__zablab.position().inflight : 0);
    if (t - start < ms) requestAnimationFrame(frame);
    else resolve({ deltas, inflight });
  };
  requestAnimationFrame(frame);
})`;

const TARGETS = { frameP95Ms: 17.5, initialJsGzipKb: 250, interactiveMs: 1000 };

// the load the frame figures run under (shared with the runtime harness's playback figure)
export { writeLoadScenario } from './uiLoad';
import { writeLoadScenario } from './uiLoad';
import { printMemoryBench, runMemoryBench } from './memory-bench';

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))];
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

async function waitForServer(url: string, server: ChildProcess, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (server.exitCode !== null) throw new Error(`vite preview exited with ${server.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`no server at ${url} after ${timeoutMs} ms`);
}

/** How many fresh pages the time to interactive is the median of (after the first). */
const COLD_LOADS = 5;

/** One fresh page (a context of its own: no cache, no storage) until the app is interactive. */
async function coldLoad(
  browser: Browser,
  keepScripts: boolean,
): Promise<{ interactiveMs: number; jsGzipKb: number; allJsGzipKb: number }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const scripts = new Map<string, Promise<Buffer>>();
  if (keepScripts)
    page.on('response', (res) => {
      if (res.request().resourceType() !== 'script') return;
      // a body the browser no longer holds (a worker's script) is fetched again, never left as an
      // unhandled rejection that ends the bench
      const body = res.body().catch(() => context.request.get(res.url()).then((r) => r.body()));
      scripts.set(res.url(), body);
    });
  await page.goto(BASE, { waitUntil: 'load' });
  const startAll = page.locator('.stage-toolbar').getByRole('button', { name: /Start all|全部启动/ });
  await startAll.waitFor({ state: 'visible' });
  await page.waitForFunction(() => performance.getEntriesByName('zablab:interactive').length > 0, undefined, {
    timeout: 5000,
  });
  const { interactiveMs, early } = await page.evaluate(() => {
    const mark = performance.getEntriesByName('zablab:interactive')[0].startTime;
    const early = performance
      .getEntriesByType('resource')
      .filter((e) => e.startTime <= mark && /\.m?js(\?|$)/.test(e.name))
      .map((e) => e.name);
    return { interactiveMs: mark, early };
  });
  // clickable for real: a click starts the servers
  await startAll.click();
  await page.waitForFunction(
    () => document.querySelector<HTMLButtonElement>('.stage-toolbar .btn.primary')?.disabled === true,
    undefined,
    { timeout: 5000 },
  );
  await page.waitForLoadState('networkidle');
  let bytes = 0;
  let all = 0;
  for (const [url, body] of scripts) {
    const gz = gzipSync(await body, { level: 9 }).length;
    all += gz;
    if (early.includes(url)) bytes += gz;
  }
  await context.close();
  return {
    interactiveMs: Math.round(interactiveMs),
    jsGzipKb: round1(bytes / 1024),
    allJsGzipKb: round1(all / 1024),
  };
}

/**
 * Fresh pages: the JS requested before the app was interactive (the entry, its preloads, anything
 * fetched during start-up; not the chunks fetched after the first paint, like the panels), and
 * also all JS once the page has settled, from the first page; the time to interactive as the
 * median of COLD_LOADS fresh pages after it. The first page is reported on its own, not in the
 * median: it collects every script's body through the DevTools protocol as it loads (which costs
 * the page time) and it is the first the just-started `vite preview` serves. One page's figure
 * varies by ±200 ms on this 2-core machine (first pages of 904 and 514 ms in two runs a minute
 * apart), so a single page was never a measurement.
 */
async function measureColdLoad(browser: Browser): Promise<{
  jsGzipKb: number;
  allJsGzipKb: number;
  interactiveMs: number;
  firstMs: number;
  samplesMs: number[];
}> {
  const first = await coldLoad(browser, true);
  const samplesMs: number[] = [];
  for (let i = 0; i < COLD_LOADS; i++) samplesMs.push((await coldLoad(browser, false)).interactiveMs);
  return {
    jsGzipKb: first.jsGzipKb,
    allJsGzipKb: first.allJsGzipKb,
    interactiveMs: quantile(
      [...samplesMs].sort((a, b) => a - b),
      0.5,
    ),
    firstMs: first.interactiveMs,
    samplesMs,
  };
}

interface FrameFigures {
  p50: number;
  p95: number;
  /** the share of frames whose interval is over the 17.5 ms target, in % */
  overPct: number;
  frames: number;
  inflightMin: number;
  inflightMedian: number;
  inflightMax: number;
  /** where the servers ran, and how many events per second playback reached while sampled */
  runtime: string;
  eventsPerSec: number;
}

/** `memory`: the servers in the page (`?runtime=memory`); `workers`: Web Workers + IndexedDB. */
async function measureFrames(
  browser: Browser,
  where: 'workers' | 'memory',
  opts: { logView?: boolean } = {},
): Promise<FrameFigures> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page: Page = await context.newPage();
  await page.addInitScript(() => localStorage.setItem('zablab.lang', 'en'));
  const link = encodeLink({ scenario: writeLoadScenario(), recorded: [], step: 0 });
  await page.goto(`${BASE}/?${where === 'memory' ? 'runtime=memory&' : ''}s=${link}`);
  await page.locator('.server-card').nth(6).waitFor();
  // the servers move into their workers after the first paint: measure there, not before
  await page.waitForFunction(() => window.__zablab !== undefined);
  await page.evaluate(() => window.__zablab!.idle());
  const runtime = await page.evaluate(() => window.__zablab!.runtime().kind);
  if (opts.logView) {
    // the stage's log view instead of the ring (issue 9)
    await page.getByTestId('view-log').click();
    await page.getByTestId('logview').waitFor();
  }
  // at the even pace the slider asks for (the default narrated pace would slow the load down)
  const pace = page.getByTestId('pace');
  if ((await pace.count()) > 0) await pace.selectOption('even');
  // play until the load is on, then measure
  // ~600 events/s: many steps (and view updates) per frame
  await page.locator('.speed input[type="range"]').fill('850');
  await page.getByTestId('play').click();
  // past the first creates, into the steady load (sets from 4 s of virtual time on)
  await page.waitForFunction(() => (window.__zablab?.position().t ?? 0) >= 6000, undefined, {
    timeout: 30_000,
  });
  // page code as text: tsx would wrap named functions in a helper the page does not have
  const step0 = await page.evaluate(() => window.__zablab!.position().step);
  const t0 = Date.now();
  const r = (await page.evaluate(`(${FRAME_SAMPLER})(${SAMPLE_MS})`)) as {
    deltas: number[];
    inflight: number[];
  };
  const steps = (await page.evaluate(() => window.__zablab!.position().step)) - step0;
  const eventsPerSec = Math.round((steps * 1000) / (Date.now() - t0));
  await page.screenshot({
    path: path.join(ROOT, `test-results/scn-bench-load-${where}${opts.logView ? '-logview' : ''}.png`),
  });
  await context.close();
  const d = [...r.deltas].sort((a, b) => a - b);
  const f = [...r.inflight].sort((a, b) => a - b);
  return {
    p50: round1(quantile(d, 0.5)),
    p95: round1(quantile(d, 0.95)),
    overPct: round1((100 * d.filter((x) => x > TARGETS.frameP95Ms).length) / Math.max(1, d.length)),
    frames: d.length,
    inflightMin: f[0] ?? 0,
    inflightMedian: quantile(f, 0.5),
    inflightMax: f[f.length - 1] ?? 0,
    runtime,
    eventsPerSec,
  };
}

export async function runUiBench(): Promise<Record<string, number>> {
  const given = process.env.ZABLAB_UI_BENCH_DIST;
  const framesOnly = process.env.ZABLAB_UI_BENCH_FRAMES === '1';
  const coldOnly = process.env.ZABLAB_UI_BENCH_COLD === '1';
  // a build of its own, so that it never races another build of dist/ on this machine
  const outDir = given ? path.resolve(given) : mkdtempSync(path.join(tmpdir(), 'zablab-ui-bench-'));
  if (!given) {
    const build = spawnSync(
      'npx',
      ['vite', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'],
      {
        cwd: ROOT,
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    if (build.status !== 0) {
      rmSync(outDir, { recursive: true, force: true });
      throw new Error(`vite build exited with ${build.status}`);
    }
  }
  const server = spawn(
    'npx',
    ['vite', 'preview', '--outDir', outDir, '--port', String(PORT), '--strictPort'],
    {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
      detached: true,
    },
  );
  let browser: Browser | null = null;
  try {
    await waitForServer(BASE, server, 30_000);
    browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_FLAGS });
    const cold = framesOnly
      ? { jsGzipKb: NaN, allJsGzipKb: NaN, interactiveMs: NaN, firstMs: NaN, samplesMs: [] }
      : await measureColdLoad(browser);
    const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
    const printCold = (): void => {
      console.log(
        `initial JS: ${cold.jsGzipKb} kB gzip (all JS once settled, panels included: ${cold.allJsGzipKb} kB) ` +
          `— target ≤ ${TARGETS.initialJsGzipKb} kB: ` +
          verdict(cold.jsGzipKb <= TARGETS.initialJsGzipKb),
      );
      console.log(
        `time to interactive: ${cold.interactiveMs} ms, the median of ${cold.samplesMs.length} fresh pages ` +
          `(${cold.samplesMs.join(', ')} ms; the first page after the server started: ${cold.firstMs} ms) ` +
          `— target < ${TARGETS.interactiveMs} ms: ` +
          verdict(cold.interactiveMs < TARGETS.interactiveMs),
      );
    };
    if (coldOnly) {
      printCold();
      return {
        initialJsGzipKb: cold.jsGzipKb,
        interactiveMs: cold.interactiveMs,
        interactiveFirstMs: cold.firstMs,
      };
    }
    // in-page first: measured right after the workers' run, its p95 doubled (33 ms) twice — the
    // browser was still busy with that run's storage or workers
    const inPage = await measureFrames(browser, 'memory');
    const frames = await measureFrames(browser, 'workers');
    const logView = await measureFrames(browser, 'workers', { logView: true });
    // a long run's memory and a deep link's long tasks (issue 15; bench/memory-bench.ts)
    const memory = framesOnly ? null : await runMemoryBench(browser, BASE);
    const out: Record<string, number> = {
      playEventsPerSec: frames.eventsPerSec,
      inPageFrameP95Ms: inPage.p95,
      inPagePlayEventsPerSec: inPage.eventsPerSec,
      frameP50Ms: frames.p50,
      frameP95Ms: frames.p95,
      frames: frames.frames,
      inflightMin: frames.inflightMin,
      inflightMedian: frames.inflightMedian,
      inflightMax: frames.inflightMax,
      logViewFrameP95Ms: logView.p95,
      logViewInflightMedian: logView.inflightMedian,
      initialJsGzipKb: cold.jsGzipKb,
      allJsGzipKb: cold.allJsGzipKb,
      interactiveMs: cold.interactiveMs,
      heap30sMb: memory?.heap30sMb ?? NaN,
      heap120sMb: memory?.heap120sMb ?? NaN,
      deepLinkLongestTaskMs: Math.max(0, ...(memory?.replayLongTasks ?? [])),
    };
    console.log('== UI (headless Chromium, production bundle, 1280×720)');
    for (const [fr, label] of [
      [frames, 'servers in Web Workers'],
      [inPage, 'servers in the page (?runtime=memory)'],
      [logView, 'log view open, servers in Web Workers'],
    ] as const)
      console.log(
        `frame interval with 7 servers under write load, ${label} [${fr.runtime}] (${fr.frames} frames, ` +
          `messages in flight min ${fr.inflightMin} / median ${fr.inflightMedian} / max ${fr.inflightMax}; ` +
          `playback reached ${fr.eventsPerSec} events/s of ~600 asked): ` +
          `p50 ${fr.p50} ms, p95 ${fr.p95} ms, ${fr.overPct} % of frames over ${TARGETS.frameP95Ms} ms ` +
          `— target p95 ≤ ${TARGETS.frameP95Ms} ms: ` +
          verdict(fr.p95 <= TARGETS.frameP95Ms),
      );
    if (!memory) return out;
    printCold();
    printMemoryBench(memory);
    return out;
  } finally {
    await browser?.close();
    // the server and the vite process it runs under are one process group: stop that group only
    stopPreview(server, given ? null : outDir);
  }
}

const invokedDirectly = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  runUiBench().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exitCode = 1;
  });
}
