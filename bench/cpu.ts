/**
 * CPU time of a headless Chromium's processes, read from /proc (Linux only; elsewhere nothing): the
 * browser process (where IndexedDB's backend runs) apart from the renderer (the page and its Web
 * Workers) and the rest, or every thread by process type and name. The browser bench brackets its
 * measured phases with it, so that a target the machine cannot reach says why in figures; the UI
 * trace (bench/ui-trace.ts) splits a frame's CPU by thread with it.
 */
import { cpus } from 'node:os';
import { readdirSync, readFileSync } from 'node:fs';

export interface CpuSample {
  /** ms of CPU (user + system) since each process started, by kind */
  browser: number;
  renderer: number;
  other: number;
}

/** clock ticks per second of /proc/<pid>/stat (USER_HZ: 100 on every Linux Chromium runs on) */
const TICK_MS = 10;

interface Proc {
  pid: number;
  /** Chromium's --type (the browser process has none) */
  type: string;
  cpuMs: number;
}

/** The fields of a /proc stat line after "(comm)", which may itself hold spaces or parentheses. */
function statFields(stat: string): string[] {
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** user + system ms of a /proc stat line */
function statCpuMs(f: string[]): number {
  return (Number(f[11]) + Number(f[12])) * TICK_MS;
}

/**
 * The browser whose command line holds `marker` (its profile's --user-data-dir, or a tag of its
 * own) and every process under it; empty where /proc cannot tell.
 */
function chromiumProcesses(marker: string): Proc[] {
  const all: (Proc & { ppid: number; root: boolean })[] = [];
  try {
    for (const d of readdirSync('/proc')) {
      if (!/^\d+$/.test(d)) continue;
      try {
        const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8');
        const f = statFields(readFileSync(`/proc/${d}/stat`, 'utf8'));
        const type = /--type=([\w-]+)/.exec(cmd)?.[1] ?? 'browser';
        all.push({
          pid: Number(d),
          ppid: Number(f[1]),
          type,
          cpuMs: statCpuMs(f),
          root: type === 'browser' && cmd.includes(marker),
        });
      } catch {
        // gone meanwhile
      }
    }
  } catch {
    return [];
  }
  const mine = new Set(all.filter((p) => p.root).map((p) => p.pid));
  if (!mine.size) return [];
  // parents are listed before their children often but not always: repeat until nothing joins
  for (let grew = true; grew;) {
    grew = false;
    for (const p of all)
      if (!mine.has(p.pid) && mine.has(p.ppid)) {
        mine.add(p.pid);
        grew = true;
      }
  }
  return all.filter((p) => mine.has(p.pid));
}

/** The CPU used so far by the Chromium marked `marker`, by kind; null where /proc cannot tell. */
export function chromiumCpu(marker: string): CpuSample | null {
  const procs = chromiumProcesses(marker);
  if (!procs.length) return null;
  const sample: CpuSample = { browser: 0, renderer: 0, other: 0 };
  for (const p of procs) {
    if (p.type === 'browser') sample.browser += p.cpuMs;
    else if (p.type === 'renderer') sample.renderer += p.cpuMs;
    else sample.other += p.cpuMs;
  }
  return sample;
}

/** CPU ms so far of every thread of the Chromium marked `marker`, by `process type/thread name`. */
export function chromiumThreadCpu(marker: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of chromiumProcesses(marker)) {
    let tids: string[];
    try {
      tids = readdirSync(`/proc/${p.pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tids) {
      try {
        const stat = readFileSync(`/proc/${p.pid}/task/${tid}/stat`, 'utf8');
        const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replace(/\d+$/, '');
        const k = `${p.type}/${name}`;
        out.set(k, (out.get(k) ?? 0) + statCpuMs(statFields(stat)));
      } catch {
        // gone meanwhile
      }
    }
  }
  return out;
}

/** What `b` used more than `a`. */
export function cpuSince(a: CpuSample, b: CpuSample): CpuSample {
  return { browser: b.browser - a.browser, renderer: b.renderer - a.renderer, other: b.other - a.other };
}

export const CORES = cpus().length;
