/**
 * The headless CLI: `npm run -s sim -- <scenario.json> [--trace out.jsonl]`.
 * Runs a scenario on the same core as the app and prints the summary as one JSON object on
 * stdout (scenario-format.md). Bad input gives a clear message on stderr and exit code 2.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { runScenarioText } from '../sim/run';

function usage(): string {
  return 'usage: npm run -s sim -- <scenario.json> [--trace <file.jsonl>]';
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
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    process.stderr.write(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}\n`);
    return 2;
  }
  const r = runScenarioText(text);
  if (!r.ok) {
    process.stderr.write(`${file}: not a valid scenario:\n${r.errors.map((e) => `  - ${e}`).join('\n')}\n`);
    return 2;
  }
  if (tracePath) {
    try {
      writeFileSync(tracePath, r.traceJsonl);
    } catch (e) {
      process.stderr.write(
        `cannot write trace ${tracePath}: ${(e as NodeJS.ErrnoException).code ?? String(e)}\n`,
      );
      return 2;
    }
  }
  process.stdout.write(JSON.stringify(r.summary) + '\n');
  return 0;
}

process.exitCode = main(process.argv.slice(2));
