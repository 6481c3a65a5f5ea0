#!/usr/bin/env node
/**
 * `npm test`: every check and every test, in order, stopping at the first failure.
 *
 *   1. tsc --noEmit -p tsconfig.json      types
 *   2. eslint .                           lint
 *   3. prettier --check .                 formatting
 *   4. vitest run                         unit + scenario tests (tests/**, src/**\/*.test.ts)
 *   5. node scripts/e2e.mjs               Playwright e2e tests in Chromium (e2e/**)
 *
 * The last line printed is always `N passed, N failed` (unit + e2e tests, read from the vitest and
 * Playwright JSON reports). The exit code is non-zero if any stage failed or if a test stage ran
 * no tests at all.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const VITEST_JSON = path.join(root, 'test-results', 'vitest-report.json');
// Written by Playwright's json reporter (see playwright.config.ts).
const E2E_JSON = path.join(root, 'test-results', 'e2e-report.json');

const totals = { passed: 0, failed: 0 };
const done = [];

function run(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: 'inherit' });
    const forward = (sig) => child.kill(sig);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('error', (err) => {
      console.error(`could not start ${cmd}: ${err.message}`);
      resolve(127);
    });
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? (signal ? 128 : 1));
    });
  });
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** Counts from vitest's json reporter (Jest-compatible shape). A file that failed to load counts as one failure. */
function vitestCounts() {
  const r = readJson(VITEST_JSON);
  if (!r) return null;
  let failed = r.numFailedTests ?? 0;
  for (const file of r.testResults ?? []) {
    const failedInFile = (file.assertionResults ?? []).filter((a) => a.status === 'failed').length;
    if (file.status === 'failed' && failedInFile === 0) failed += 1;
  }
  return { passed: r.numPassedTests ?? 0, failed };
}

/** Counts from Playwright's json reporter. Errors outside tests (web server, bad spec file) count as failures. */
function playwrightCounts() {
  const r = readJson(E2E_JSON);
  if (!r || !r.stats) return null;
  const s = r.stats;
  return {
    passed: (s.expected ?? 0) + (s.flaky ?? 0),
    failed: (s.unexpected ?? 0) + (r.errors?.length ?? 0),
  };
}

const stages = [
  { name: 'typecheck', cmd: bin('tsc'), args: ['--noEmit', '-p', 'tsconfig.json'] },
  { name: 'lint', cmd: bin('eslint'), args: ['.'] },
  { name: 'format', cmd: bin('prettier'), args: ['--check', '.'] },
  {
    name: 'unit tests',
    cmd: bin('vitest'),
    args: [
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${path.relative(root, VITEST_JSON)}`,
    ],
    report: VITEST_JSON,
    counts: vitestCounts,
  },
  {
    name: 'e2e tests',
    cmd: process.execPath,
    args: ['scripts/e2e.mjs'],
    report: E2E_JSON,
    counts: playwrightCounts,
  },
];

function fmtSecs(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}

function finish(failedStage) {
  console.log('\n' + '═'.repeat(72));
  for (const d of done)
    console.log(`${d.ok ? '✔' : '✘'} ${d.name.padEnd(12)} ${fmtSecs(d.ms).padStart(8)}  ${d.note}`);
  if (failedStage) console.log(`FAILED at "${failedStage}"; later stages did not run.`);
  console.log(`total ${fmtSecs(Date.now() - started)}`);
  console.log(`${totals.passed} passed, ${totals.failed} failed`);
  process.exit(failedStage ? 1 : 0);
}

const started = Date.now();
mkdirSync(path.join(root, 'test-results'), { recursive: true });

for (const [i, stage] of stages.entries()) {
  const shown = [stage.cmd === process.execPath ? 'node' : path.basename(stage.cmd), ...stage.args].join(' ');
  console.log(`\n${'═'.repeat(72)}\n[${i + 1}/${stages.length}] ${stage.name}: ${shown}\n${'═'.repeat(72)}`);
  if (stage.report) rmSync(stage.report, { force: true });
  const t0 = Date.now();
  const code = await run(stage.cmd, stage.args);
  const ms = Date.now() - t0;

  let ok = code === 0;
  let note = ok ? '' : `exit code ${code}`;
  if (stage.counts) {
    const c = existsSync(stage.report) ? stage.counts() : null;
    if (!c) {
      ok = false;
      note =
        `no test report at ${path.relative(root, stage.report)}` + (code === 0 ? '' : ` (exit code ${code})`);
      totals.failed += 1; // the stage broke before it could count anything
    } else {
      // An error outside any test (vitest's "unhandled error", a crash) fails the stage: count it.
      const outside = code !== 0 && c.failed === 0 ? 1 : 0;
      totals.passed += c.passed;
      totals.failed += c.failed + outside;
      note = `${c.passed} passed, ${c.failed} failed`;
      if (c.passed + c.failed === 0) note += ' — ran no tests';
      if (outside) note += ` + an error outside the tests (exit code ${code})`;
      ok = code === 0 && c.failed === 0 && c.passed > 0;
    }
  }
  done.push({ name: stage.name, ok, ms, note });
  if (!ok) finish(stage.name);
}
finish(null);
