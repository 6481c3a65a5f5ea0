/**
 * CPU time of a headless Chromium's processes, read from /proc (Linux only; elsewhere null): the
 * browser process (where IndexedDB's backend runs) apart from the renderer (the page and its Web
 * Workers) and the rest. The browser bench brackets its measured phases with it, so that a target
 * the machine cannot reach says why in figures: the cores were busy, and with what.
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
  ppid: number;
  cpuMs: number;
  cmd: string;
}

function processes(): Proc[] {
  const out: Proc[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      // the fields after "(comm)", which may itself hold spaces or parentheses
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.push({
        pid: Number(d),
        ppid: Number(f[1]),
        cpuMs: (Number(f[11]) + Number(f[12])) * TICK_MS,
        cmd: readFileSync(`/proc/${d}/cmdline`, 'utf8'),
      });
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/**
 * The CPU used so far by the Chromium whose profile is `userDataDir` (its browser process and
 * every process under it), or null where /proc cannot tell.
 */
export function chromiumCpu(userDataDir: string): CpuSample | null {
  let all: Proc[];
  try {
    all = processes();
  } catch {
    return null;
  }
  const root = all.find(
    (p) => p.cmd.includes(`--user-data-dir=${userDataDir}`) && !p.cmd.includes('--type='),
  );
  if (!root) return null;
  const sample: CpuSample = { browser: 0, renderer: 0, other: 0 };
  const inTree = new Set([root.pid]);
  // parents are listed before their children often but not always: repeat until nothing joins
  for (let grew = true; grew;) {
    grew = false;
    for (const p of all)
      if (!inTree.has(p.pid) && inTree.has(p.ppid)) {
        inTree.add(p.pid);
        grew = true;
      }
  }
  for (const p of all) {
    if (!inTree.has(p.pid)) continue;
    if (p.pid === root.pid) sample.browser += p.cpuMs;
    else if (p.cmd.includes('--type=renderer')) sample.renderer += p.cpuMs;
    else sample.other += p.cpuMs;
  }
  return sample;
}

/** What `b` used more than `a`. */
export function cpuSince(a: CpuSample, b: CpuSample): CpuSample {
  return { browser: b.browser - a.browser, renderer: b.renderer - a.renderer, other: b.other - a.other };
}

export const CORES = cpus().length;
