/**
 * `npx tsx bench/ui-trace.ts [ring|log] [memory|workers]`: where a frame of the stage goes while the
 * UI bench's write load plays (bench/ui-bench.ts), from a Chromium rendering trace (CDP Tracing,
 * devtools.timeline categories) — the evidence behind the bench's frame figures, which on a shared
 * machine are noisy. Prints, per frame: ms of the renderer main thread in script, style
 * recalculation, layout, paint (and pre-paint, layerize, commit), how many elements a style
 * recalculation touched and how many layout objects a layout visited, forced (synchronous) layouts,
 * and the DOM size of the stage.
 *
 * It builds the app into a temporary folder, serves it with `vite preview` on
 * $ZABLAB_UI_TRACE_PORT (4318 by default) and stops the server it started.
 */
import { stopPreview } from './preview';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { chromiumThreadCpu } from './cpu';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type CDPSession } from '@playwright/test';
import { CHROMIUM_FLAGS, findChromium } from '../scripts/chromium';
import { encodeLink } from '../src/share/link';
import { writeLoadScenario } from './ui-bench';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PORT = Number(process.env.ZABLAB_UI_TRACE_PORT) || 4318;
const BASE = `http://localhost:${PORT}`;
const SAMPLE_MS = 4000;

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.frame',
  'blink.user_timing',
].join(',');

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** thread (CPU) time: what the thread itself spent, without the time it waited for a core */
  tdur?: number;
  tts?: number;
  args?: {
    name?: string;
    elementCount?: number;
    beginData?: { dirtyObjects?: number; totalObjects?: number; stackTrace?: unknown[] };
    data?: { stackTrace?: unknown[] };
  };
}

/** The names summed (ms per frame); nesting is not subtracted (a forced Layout is also script). */
const BUCKETS: Record<string, string> = {
  FunctionCall: 'script',
  EvaluateScript: 'script',
  TimerFire: 'script',
  FireAnimationFrame: 'script (rAF)',
  EventDispatch: 'script (events)',
  RunMicrotasks: 'script (microtasks)',
  UpdateLayoutTree: 'recalc style',
  Layout: 'layout',
  PrePaint: 'pre-paint',
  Paint: 'paint',
  Layerize: 'layerize',
  UpdateLayer: 'update layer',
  Commit: 'commit',
  HitTest: 'hit test',
  ParseHTML: 'parse html',
};

/** A tag on the browser's command line, to find its processes in /proc. */
const TAG = `--zablab-trace-tag=${process.pid}`;

async function readStream(client: CDPSession, handle: string): Promise<string> {
  let out = '';
  for (;;) {
    const r = await client.send('IO.read', { handle });
    out += r.base64Encoded ? Buffer.from(r.data, 'base64').toString('utf8') : r.data;
    if (r.eof) break;
  }
  await client.send('IO.close', { handle });
  return out;
}

async function traceOnce(browser: Browser, view: 'ring' | 'log', where: 'memory' | 'workers'): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await page.addInitScript(() => localStorage.setItem('zablab.lang', 'en'));
  const link = encodeLink({ scenario: writeLoadScenario(), recorded: [], step: 0 });
  await page.goto(`${BASE}/?${where === 'memory' ? 'runtime=memory&' : ''}s=${link}`);
  await page.locator('.server-card').nth(6).waitFor();
  await page.waitForFunction(() => window.__zablab !== undefined);
  await page.evaluate(() => window.__zablab!.idle());
  if (view === 'log') {
    await page.getByTestId('view-log').click();
    await page.getByTestId('logview').waitFor();
  }
  const pace = page.getByTestId('pace');
  if ((await pace.count()) > 0) await pace.selectOption('even');
  await page.locator('.speed input[type="range"]').fill('850');
  await page.getByTestId('play').click();
  await page.waitForFunction(() => (window.__zablab?.position().t ?? 0) >= 6000, undefined, {
    timeout: 30_000,
  });
  // $ZABLAB_UI_TRACE_HIDE: CSS selectors taken off the screen (display: none), to see what they cost
  if (process.env.ZABLAB_UI_TRACE_HIDE)
    await page.addStyleTag({ content: `${process.env.ZABLAB_UI_TRACE_HIDE} { display: none !important; }` });
  const client = await context.newCDPSession(page);
  const profile = process.env.ZABLAB_UI_TRACE_PROFILE === '1';
  if (profile) {
    await client.send('Profiler.enable');
    await client.send('Profiler.setSamplingInterval', { interval: 500 });
    await client.send('Profiler.start');
  }
  await client.send('Tracing.start', {
    categories: CATEGORIES,
    transferMode: 'ReturnAsStream',
  });
  const cpu0 = chromiumThreadCpu(TAG);
  const frames = (await page.evaluate(
    `new Promise((resolve) => { let n = 0; const end = performance.now() + ${SAMPLE_MS};
      const f = (t) => { n++; if (t < end) requestAnimationFrame(f); else resolve(n); };
      requestAnimationFrame(f); })`,
  )) as number;
  const cpu1 = chromiumThreadCpu(TAG);
  const dom = await page.evaluate(() => ({
    stage: document.querySelector('[data-testid="stage"]')?.querySelectorAll('*').length ?? 0,
    all: document.querySelectorAll('*').length,
    messages: document.querySelectorAll('g.msg').length,
    packets: document.querySelectorAll('.client-packet').length,
    animations: document.getAnimations().length,
    animationNames: Object.entries(
      document.getAnimations().reduce<Record<string, number>>((acc, a) => {
        // a transition is named by its property and the class of the element it runs on
        const tr = a as CSSTransition;
        const on = (a.effect as KeyframeEffect | null)?.target?.getAttribute('class')?.split(' ')[0] ?? '?';
        const n =
          (a as CSSAnimation).animationName ??
          (tr.transitionProperty ? `${tr.transitionProperty} on .${on}` : a.constructor.name);
        acc[n] = (acc[n] ?? 0) + 1;
        return acc;
      }, {}),
    )
      .map(([k, v]) => `${k} ×${v}`)
      .join(', '),
  }));
  const cpu = profile ? (await client.send('Profiler.stop')).profile : null;
  const done = new Promise<string>((resolve) => {
    client.once('Tracing.tracingComplete', (e: { stream?: string }) => resolve(e.stream ?? ''));
  });
  await client.send('Tracing.end');
  const handle = await done;
  const raw = JSON.parse(await readStream(client, handle)) as TraceEvent[] | { traceEvents: TraceEvent[] };
  await context.close();
  if (cpu) printProfile(cpu);
  const events = Array.isArray(raw) ? raw : raw.traceEvents;

  // the page's main thread: the renderer thread that ran the rAF callbacks
  const mainThreads = new Map<string, number>();
  for (const e of events)
    if (e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      mainThreads.set(`${e.pid}:${e.tid}`, 0);
  for (const e of events) {
    const k = `${e.pid}:${e.tid}`;
    if (e.name === 'FireAnimationFrame' && mainThreads.has(k)) mainThreads.set(k, mainThreads.get(k)! + 1);
  }
  const main = [...mainThreads.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const ms = new Map<string, number>();
  let busy = 0;
  let styleElements = 0;
  let styleCount = 0;
  let layoutObjects = 0;
  let layoutCount = 0;
  let forced = 0;
  const open = new Map<string, TraceEvent[]>();
  // per frame: the main thread's tasks from one animation frame's callbacks to the next
  const frameStarts: number[] = [];
  const tasks: { ts: number; ms: number }[] = [];
  const add = (e: TraceEvent, dur: number) => {
    if (e.name === 'RunTask') {
      busy += dur;
      tasks.push({ ts: e.ts, ms: dur });
    }
    if (e.name === 'FireAnimationFrame') frameStarts.push(e.ts);
    const bucket = BUCKETS[e.name];
    if (bucket) ms.set(bucket, (ms.get(bucket) ?? 0) + dur);
  };
  for (const e of events) {
    if (`${e.pid}:${e.tid}` !== main) continue;
    if (e.ph === 'X') {
      add(e, (e.tdur ?? e.dur ?? 0) / 1000);
      if (e.name === 'Layout') {
        layoutCount++;
        layoutObjects += e.args?.beginData?.dirtyObjects ?? 0;
        if (e.args?.beginData?.stackTrace?.length) forced++;
      }
    } else if (e.ph === 'B') {
      const list = open.get(e.name) ?? [];
      list.push(e);
      open.set(e.name, list);
    } else if (e.ph === 'E') {
      const b = open.get(e.name)?.pop();
      if (b) {
        add(b, (e.tts !== undefined && b.tts !== undefined ? e.tts - b.tts : e.ts - b.ts) / 1000);
        if (b.name === 'Layout') {
          layoutCount++;
          layoutObjects += b.args?.beginData?.dirtyObjects ?? 0;
          if (b.args?.beginData?.stackTrace?.length) forced++;
        }
      }
    }
    if (e.name === 'UpdateLayoutTree' && e.ph === 'X') {
      styleCount++;
      styleElements += e.args?.elementCount ?? 0;
    }
    if (e.name === 'UpdateLayoutTree' && e.ph === 'E') styleCount++;
  }
  // CPU ms per frame and per second of the sample (the per-second figure does not depend on how
  // many frames the shared machine let through)
  const fmt = (x: number) =>
    `${(x / frames).toFixed(2)} ms/frame, ${((x * 1000) / SAMPLE_MS).toFixed(0).padStart(4)} ms/s`;
  console.log(
    `== ${view} view, servers ${where === 'memory' ? 'in the page' : 'in Web Workers'}: ${frames} frames in ${SAMPLE_MS} ms`,
  );
  const cpuDiff = [...cpu1.entries()]
    .map(([k, v]) => [k, v - (cpu0.get(k) ?? 0)] as const)
    .filter(([, v]) => v > 0)
    .sort((a, b) => b[1] - a[1]);
  const cpuTotal = cpuDiff.reduce((a, [, v]) => a + v, 0);
  console.log(
    `   browser CPU (all processes, /proc): ${(cpuTotal / frames).toFixed(1)} ms/frame, ${((cpuTotal * 1000) / SAMPLE_MS).toFixed(0)} ms/s — ` +
      cpuDiff
        .slice(0, 6)
        .map(([k, v]) => `${k} ${((v * 1000) / SAMPLE_MS).toFixed(0)}`)
        .join(', '),
  );
  console.log(`   main thread busy ${fmt(busy)} (CPU time)`);
  // how the busy time is spread over frames: a frame busy past ~14 ms misses its vsync here
  frameStarts.sort((a, b) => a - b);
  // one frame runs several callbacks (the player's, the sampler's): one start per frame
  for (let i = frameStarts.length - 1; i > 0; i--)
    if (frameStarts[i] - frameStarts[i - 1] < 4000) frameStarts.splice(i, 1);
  const perFrame = new Array<number>(Math.max(0, frameStarts.length - 1)).fill(0);
  for (const t of tasks) {
    let lo = 0;
    let hi = frameStarts.length - 1;
    if (t.ts < frameStarts[0] || t.ts >= frameStarts[hi]) continue;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (frameStarts[mid] <= t.ts) lo = mid;
      else hi = mid;
    }
    perFrame[lo] += t.ms;
  }
  const sortedFrames = [...perFrame].sort((a, b) => a - b);
  const q = (x: number) =>
    sortedFrames[Math.min(sortedFrames.length - 1, Math.floor(sortedFrames.length * x))] ?? 0;
  const over = (x: number) =>
    ((100 * perFrame.filter((v) => v > x).length) / Math.max(1, perFrame.length)).toFixed(0);
  console.log(
    `   per frame (rAF to rAF, ${perFrame.length}): busy p50 ${q(0.5).toFixed(1)}, p90 ${q(0.9).toFixed(1)}, ` +
      `max ${q(1).toFixed(1)} ms; over 12 ms ${over(12)} %, over 16 ms ${over(16)} %`,
  );
  for (const [k, v] of [...ms.entries()].sort((a, b) => b[1] - a[1]))
    console.log(`   ${k.padEnd(20)} ${fmt(v)}`);
  console.log(
    `   recalc style: ${styleCount} times, ${(styleElements / Math.max(1, styleCount)).toFixed(0)} elements each; ` +
      `layout: ${layoutCount} times (${forced} forced by script), ${(layoutObjects / Math.max(1, layoutCount)).toFixed(0)} dirty objects each`,
  );
  console.log(
    `   DOM: ${dom.all} elements (${dom.stage} in the stage), ${dom.messages} messages, ${dom.packets} client packets, ${dom.animations} running animations (${dom.animationNames})`,
  );
}

interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }[];
  samples?: number[];
  timeDeltas?: number[];
  startTime?: number;
}

/** Self time by function (top 30) and by script, from a V8 CPU profile. */
function printProfile(p: CpuProfile, until = Infinity): void {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  const samples = p.samples ?? [];
  const deltas = p.timeDeltas ?? [];
  // `until`: µs on the profile's clock (the trace's), the samples after it are left out
  let at = p.startTime ?? 0;
  for (let i = 0; i < samples.length; i++) {
    at += deltas[i] ?? 0;
    if (at > until) break;
    self.set(samples[i], (self.get(samples[i]) ?? 0) + (deltas[i] ?? 0) / 1000);
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const fn = new Map<string, number>();
  const file = new Map<string, number>();
  for (const [id, ms] of self) {
    const f = byId.get(id)!.callFrame;
    const where = f.url ? `${f.url.split('/').pop()}:${f.lineNumber + 1}` : '';
    const k = `${f.functionName || '(anonymous)'} ${where}`;
    fn.set(k, (fn.get(k) ?? 0) + ms);
    const fk = f.url ? f.url.split('/').pop()! : f.functionName;
    file.set(fk, (file.get(fk) ?? 0) + ms);
  }
  const top = (m: Map<string, number>, n: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `     ${((100 * v) / total).toFixed(1).padStart(5)} %  ${k}`)
      .join('\n');
  console.log(`   CPU profile, self time (${total.toFixed(0)} ms sampled), by script:\n${top(file, 12)}`);
  console.log(`   by function:\n${top(fn, 30)}`);
  // inclusive time (the function and what it called), to see which of our calls the time is under
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const incl = new Map<string, number>();
  for (const [id, ms] of self) {
    const seen = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const f = byId.get(n)!.callFrame;
      if (!f.url || !f.functionName) continue;
      const k = `${f.functionName} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
      if (seen.has(k)) continue;
      seen.add(k);
      incl.set(k, (incl.get(k) ?? 0) + ms);
    }
  }
  console.log(`   inclusive:\n${top(incl, 40)}`);
  // React components (capitalised names): their render, with what it called (not their effects)
  const comps = new Map([...incl].filter(([k]) => /^[A-Z][A-Za-z0-9]* /.test(k)));
  console.log(`   components (render, inclusive):\n${top(comps, 25)}`);
}

/**
 * `load`: a cold start of the plain address, as the bench's time to interactive measures it — when
 * each script was requested and arrived, and what the main thread did before the app was interactive.
 */
async function traceLoad(browser: Browser): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const client = await context.newCDPSession(page);
  const profile = process.env.ZABLAB_UI_TRACE_PROFILE === '1';
  if (profile) {
    await client.send('Profiler.enable');
    await client.send('Profiler.setSamplingInterval', { interval: 200 });
    await client.send('Profiler.start');
  }
  await client.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReturnAsStream' });
  await page.goto(BASE, { waitUntil: 'load' });
  await page.waitForFunction(() => performance.getEntriesByName('zablab:interactive').length > 0, undefined, {
    timeout: 10_000,
  });
  const r = await page.evaluate(() => {
    const mark = performance.getEntriesByName('zablab:interactive')[0].startTime;
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
    const res = performance
      .getEntriesByType('resource')
      .filter((e) => e.startTime <= mark)
      .map((e) => {
        const t = e as PerformanceResourceTiming;
        return `${t.startTime.toFixed(0).padStart(5)} → ${t.responseEnd.toFixed(0).padStart(5)} ms  ${(t.encodedBodySize / 1024).toFixed(1).padStart(6)} kB  ${t.name.split('/').pop()}`;
      });
    // the app's own modules (requested by the page before any of them ran) against the texts' chunk
    const scripts = performance
      .getEntriesByType('resource')
      .filter((e) => /\.m?js$/.test(e.name)) as PerformanceResourceTiming[];
    const texts = scripts.find((e) => /\/(en|zh-CN)-[\w-]+\.js$/.test(e.name));
    const modules = scripts.filter((e) => texts && e.startTime < texts.startTime && e.startTime < 600);
    return {
      waterfall: texts
        ? `modules arrived by ${Math.max(...modules.map((e) => e.responseEnd)).toFixed(0)} ms, texts asked for at ${texts.startTime.toFixed(0)} ms, here at ${texts.responseEnd.toFixed(0)} ms`
        : 'no texts chunk',
      mark,
      fcp,
      domInteractive: nav.domInteractive,
      res,
    };
  });
  const cpu = profile ? (await client.send('Profiler.stop')).profile : null;
  const done = new Promise<string>((resolve) => {
    client.once('Tracing.tracingComplete', (e: { stream?: string }) => resolve(e.stream ?? ''));
  });
  await client.send('Tracing.end');
  const text = await readStream(client, await done);
  // $ZABLAB_UI_TRACE_SAVE: the raw trace too (DevTools' Performance panel opens it)
  if (process.env.ZABLAB_UI_TRACE_SAVE) writeFileSync(process.env.ZABLAB_UI_TRACE_SAVE, text);
  const raw = JSON.parse(text) as TraceEvent[] | { traceEvents: TraceEvent[] };
  await context.close();
  const events = Array.isArray(raw) ? raw : raw.traceEvents;
  // the renderer's main thread: the one that evaluated the app's scripts
  const renderers = new Set(
    events
      .filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const counts = new Map<string, number>();
  for (const e of events)
    if (renderers.has(`${e.pid}:${e.tid}`) && e.ph === 'X')
      counts.set(`${e.pid}:${e.tid}`, (counts.get(`${e.pid}:${e.tid}`) ?? 0) + (e.tdur ?? 0));
  const main = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const nav = events.find((e) => e.name === 'navigationStart' && `${e.pid}:${e.tid}` === main);
  const t0 =
    nav?.ts ?? Math.min(...events.filter((e) => `${e.pid}:${e.tid}` === main && e.ts > 0).map((e) => e.ts));
  const until = t0 + r.mark * 1000;
  if (cpu) printProfile(cpu, until);
  const ms = new Map<string, number>();
  for (const e of events) {
    if (`${e.pid}:${e.tid}` !== main || e.ph !== 'X' || e.ts > until) continue;
    const bucket = BUCKETS[e.name] ?? (e.name.startsWith('v8.compile') ? 'compile' : undefined);
    if (bucket) ms.set(bucket, (ms.get(bucket) ?? 0) + (e.tdur ?? e.dur ?? 0) / 1000);
  }
  console.log(
    `== cold load: interactive at ${r.mark.toFixed(0)} ms (DOM interactive ${r.domInteractive.toFixed(0)} ms, first contentful paint ${r.fcp.toFixed(0)} ms)`,
  );
  console.log(`   ${r.waterfall}; interactive ${(r.mark - Math.max(0, 0)).toFixed(0)} ms`);
  console.log(`   scripts and other resources before it:\n${r.res.map((x) => `     ${x}`).join('\n')}`);
  console.log(
    `   main thread CPU before it: ${[...ms.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${v.toFixed(0)} ms`)
      .join(', ')}`,
  );
}

async function main(): Promise<void> {
  const view = (process.argv[2] ?? 'ring') as 'ring' | 'log' | 'load';
  const where = (process.argv[3] ?? 'memory') as 'memory' | 'workers';
  const outDir = mkdtempSync(path.join(tmpdir(), 'zablab-ui-trace-'));
  const minify = process.env.ZABLAB_UI_TRACE_PROFILE === '1' ? ['--minify', 'false'] : [];
  const build = spawnSync(
    'npx',
    ['vite', 'build', ...minify, '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'],
    {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  if (build.status !== 0) throw new Error(`vite build exited with ${build.status}`);
  const server = spawn(
    'npx',
    ['vite', 'preview', '--outDir', outDir, '--port', String(PORT), '--strictPort'],
    {
      cwd: ROOT,
      stdio: 'ignore',
      detached: true,
    },
  );
  let browser: Browser | null = null;
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(BASE)).ok) break;
      } catch {
        // not up yet
      }
      if (i > 200) throw new Error(`no server at ${BASE}`);
      await new Promise((r) => setTimeout(r, 150));
    }
    browser = await chromium.launch({ executablePath: findChromium(), args: [...CHROMIUM_FLAGS, TAG] });
    for (let i = 0; i < Number(process.env.ZABLAB_UI_TRACE_REPEAT ?? 1); i++)
      await (view === 'load' ? traceLoad(browser) : traceOnce(browser, view, where));
  } finally {
    await browser?.close();
    stopPreview(server, outDir);
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
