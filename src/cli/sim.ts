/**
 * The headless CLI: `npm run -s sim -- <scenario.json> [--trace out.jsonl]`.
 * Runs a scenario on the same core as the app and prints the summary as one JSON object on
 * stdout (scenario-format.md). Every bad or oversized input — a file too big, not UTF-8, not a
 * valid scenario, a run over a limit (src/sim/limits.ts) — gives a one-line reason on stderr and
 * exit code 2, found before the work starts; the trace is streamed to its file as it grows.
 */
import { closeSync, fstatSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';
import { parseScenario } from '../sim/Scenario';
import { runBounded } from '../sim/run';
import { summarize } from '../sim/Summary';
import { bytesText, LIMITS, overLimit } from '../sim/limits';
import type { TraceEvent } from '../zk/trace';

function usage(): string {
  return 'usage: npm run -s sim -- <scenario.json> [--trace <file.jsonl>]';
}

/** A refusal: the reason (one line) and the exit code. */
class Refused {
  constructor(readonly message: string) {}
}

function errCode(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? String(e);
}

/** The file's bytes, reading no more than the limit allows (a FIFO or /dev/zero has no size). */
function readLimited(file: string): Uint8Array {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    throw new Refused(`cannot read ${file}: ${errCode(e)}`);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw new Refused(`cannot read ${file}: it is a directory`);
    const tooBig = (n: string) =>
      new Refused(`${file}: ${overLimit(`the file is ${n}`, 'fileBytes', bytesText(LIMITS.fileBytes))}`);
    if (st.isFile() && st.size > LIMITS.fileBytes) throw tooBig(bytesText(st.size));
    const buf = new Uint8Array(LIMITS.fileBytes + 1);
    let n = 0;
    for (;;) {
      const got = readSync(fd, buf, n, buf.length - n, null);
      if (got === 0) break;
      n += got;
      if (n > LIMITS.fileBytes) throw tooBig(`larger than ${bytesText(LIMITS.fileBytes)}`);
    }
    return buf.subarray(0, n);
  } catch (e) {
    if (e instanceof Refused) throw e;
    throw new Refused(`cannot read ${file}: ${errCode(e)}`);
  } finally {
    closeSync(fd);
  }
}

/** The offset of the first byte that is not valid UTF-8 (RFC 3629), or -1. */
export function invalidUtf8At(b: Uint8Array): number {
  for (let i = 0; i < b.length;) {
    const c = b[i];
    let n: number;
    let min: number;
    if (c < 0x80) {
      i++;
      continue;
    } else if (c >= 0xc2 && c <= 0xdf) [n, min] = [1, 0x80];
    else if (c >= 0xe0 && c <= 0xef) [n, min] = [2, 0x800];
    else if (c >= 0xf0 && c <= 0xf4) [n, min] = [3, 0x10000];
    else return i;
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const x = b[i + k];
      if (x === undefined || (x & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (x & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return -1;
}

/** One line: a multi-line reason is joined, a long one cut. */
function oneLine(s: string): string {
  const line = s.replace(/\s*\n\s*/g, ' ');
  return line.length > 2000 ? line.slice(0, 1999) + '…' : line;
}

function run(file: string, tracePath: string | null): string {
  const bytes = readLimited(file);
  const bad = invalidUtf8At(bytes);
  if (bad >= 0)
    throw new Refused(
      `${file}: not UTF-8 text (an invalid byte 0x${bytes[bad].toString(16).padStart(2, '0')} at byte offset ${bad}); a scenario file is JSON in UTF-8`,
    );
  const text = new TextDecoder('utf-8').decode(bytes);
  const parsed = parseScenario(text);
  if (!parsed.ok) {
    const [first, ...rest] = parsed.errors;
    const more = rest.length === 0 ? '' : ` (and ${rest.length} more: ${rest.slice(0, 3).join('; ')})`;
    throw new Refused(`${file}: not a valid scenario: ${first}${more}`);
  }

  let fd: number | null = null;
  if (tracePath) {
    try {
      fd = openSync(tracePath, 'w');
    } catch (e) {
      throw new Refused(`cannot write trace ${tracePath}: ${errCode(e)}`);
    }
  }
  try {
    const put = (chunk: string): void => {
      try {
        writeSync(fd as number, chunk);
      } catch (e) {
        throw new Refused(`cannot write trace ${tracePath}: ${errCode(e)}`);
      }
    };
    const write = (events: readonly TraceEvent[]): void => {
      if (fd === null) return;
      let chunk = '';
      for (const e of events) {
        chunk += JSON.stringify(e) + '\n';
        if (chunk.length > 1 << 20) {
          put(chunk);
          chunk = '';
        }
      }
      if (chunk) put(chunk);
    };
    const r = runBounded(parsed.scenario, LIMITS.steps, write);
    if (!r.ok) {
      if (fd !== null) {
        closeSync(fd);
        fd = null;
        unlinkSync(tracePath as string);
      }
      throw new Refused(
        `${file}: ${overLimit(`the run passed ${LIMITS.steps} events before its until (${parsed.scenario.until} ms)`, 'steps')}; no summary${tracePath ? ' and no trace' : ''} written`,
      );
    }
    return JSON.stringify(summarize(r.sim)) + '\n';
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

function main(argv: string[]): number {
  let file: string | null = null;
  let tracePath: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--trace') {
      tracePath = argv[++i] ?? null;
      if (!tracePath) {
        process.stderr.write(`--trace needs a file name\n${usage()}\n`);
        return 2;
      }
    } else if (a === '-h' || a === '--help') {
      process.stdout.write(usage() + '\n');
      return 0;
    } else if (a.startsWith('-')) {
      process.stderr.write(`unknown option ${a}\n${usage()}\n`);
      return 2;
    } else if (file === null) file = a;
    else {
      process.stderr.write(`only one scenario file, got also ${a}\n${usage()}\n`);
      return 2;
    }
  }
  if (!file) {
    process.stderr.write(`no scenario file given\n${usage()}\n`);
    return 2;
  }
  try {
    process.stdout.write(run(file, tracePath));
    return 0;
  } catch (e) {
    if (e instanceof Refused) {
      process.stderr.write(oneLine(e.message) + '\n');
      return 2;
    }
    // a bug, not bad input: still one line, no stack
    process.stderr.write(`internal error: ${oneLine(e instanceof Error ? e.message : String(e))}\n`);
    return 1;
  }
}

process.exitCode = main(process.argv.slice(2));
