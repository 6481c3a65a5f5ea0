/**
 * Messages a person can read, and a pace a person can follow, end to end: a message in flight
 * opens its inspector (mouse and keyboard) with the vote it carries; at the densest step of a
 * five-server first boot no two visible message names overlap and none lies under a card; the
 * first-boot preset plays for at least 20 s at the default pace and pauses at each chapter.
 *
 * Expected values come from the app's state and from the same run replayed in Node (the model is
 * deterministic: the same scenario, actions and step give the same messages).
 */
import { expect, test, type Page } from '@playwright/test';
import { encodeLink } from '../src/share/link';
import { validateScenario, type Scenario } from '../src/sim/Scenario';
import type { RecordedAction } from '../src/sim/SimulationApi';
import { Simulation } from '../src/sim/Simulation';
import type { MessageView, SimView } from '../src/zk/view';
import { failOnConsoleErrors, idle } from './guards';

failOnConsoleErrors();

const position = (page: Page) => page.evaluate(() => window.__zablab!.position());

/** The app's default ensemble (five voters, not started), started at step 0. */
function fiveServers(): { scenario: Scenario; recorded: RecordedAction[] } {
  const r = validateScenario({
    format: 1,
    title: 'Five servers',
    seed: 1,
    ensemble: { voters: 5, observers: 0 },
    actions: [],
    until: 24 * 3600 * 1000,
  });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return { scenario: r.scenario, recorded: [{ step: 0, action: { start: [1, 2, 3, 4, 5] } }] };
}

/** The messages in flight at `step` of the run, replayed in Node. */
function inflightAt(run: { scenario: Scenario; recorded: RecordedAction[] }, step: number): MessageView[] {
  const sim = new Simulation(run.scenario, run.recorded);
  while (sim.stepCount < step && sim.step()) {
    // stepping
  }
  return sim.view().inflight;
}

/** The step (of the first `limit`) with the most messages in flight. */
function densestStep(run: { scenario: Scenario; recorded: RecordedAction[] }, limit: number): number {
  const sim = new Simulation(run.scenario, []);
  for (const r of run.recorded) sim.act(r.action);
  let best = 0;
  let most = -1;
  while (sim.stepCount < limit && sim.step()) {
    const n = sim.view().inflight.length;
    if (n > most) {
      most = n;
      best = sim.stepCount;
    }
  }
  return best;
}

async function openAt(page: Page, run: { scenario: Scenario; recorded: RecordedAction[] }, step: number) {
  await page.goto(`/?s=${encodeLink({ scenario: run.scenario, recorded: run.recorded, step })}`);
  await idle(page);
  await expect.poll(async () => (await position(page)).step).toBe(step);
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
  what: string;
}

/** Every visible message name (own labels and aggregates) and every card, in page px. */
async function boxes(page: Page): Promise<{ labels: Box[]; cards: Box[] }> {
  return page.evaluate(() => {
    const box = (el: Element, what: string) => {
      const r = el.getBoundingClientRect();
      return { x: r.x, y: r.y, w: r.width, h: r.height, what };
    };
    const labels: Box[] = [];
    for (const el of document.querySelectorAll<SVGTextElement>('[data-testid="stage"] g.msg text.label')) {
      if (getComputedStyle(el).display === 'none' || el.getBBox().width === 0) continue;
      labels.push(box(el, `label ${el.textContent} #${el.parentElement!.getAttribute('data-id')}`));
    }
    for (const el of document.querySelectorAll('[data-testid="stage"] g.msg-agg'))
      labels.push(box(el, `aggregate ${el.textContent}`));
    const cards = [...document.querySelectorAll('[data-testid="stage"] .server-card')].map((el) =>
      box(el, `card ${el.getAttribute('data-sid')}`),
    );
    return { labels, cards };
  });
}

const overlap = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

test('clicking a message in flight pins its inspector with the vote it carries; the keyboard does too', async ({
  page,
}) => {
  const run = fiveServers();
  const step = 12;
  const expected = inflightAt(run, step).filter((m) => m.type === 'NOTIFICATION');
  expect(expected.length).toBeGreaterThan(0);
  await openAt(page, run, step);
  const el = page.locator(`[data-testid="stage"] g.msg.flying[data-id="${expected[0].id}"]`);
  await expect(el).toHaveCount(1);
  // a real click where the dot is (a neighbour's dot may lie on top: then that one is pinned)
  await el.locator('circle.dot').click({ force: true });
  const inspector = page.getByTestId('message-inspector');
  await expect(inspector).toBeVisible();
  const id = Number(await inspector.getAttribute('data-id'));
  const m = expected.find((x) => x.id === id)!;
  expect(m, `message #${id} is a notification in flight`).toBeDefined();
  const el2 = page.locator(`[data-testid="stage"] g.msg.flying[data-id="${id}"]`);
  await expect(inspector.locator('h3')).toHaveText('NOTIFICATION');
  await expect(page.getByTestId('inspector-route')).toHaveText(`S${m.from} → S${m.to}`);
  await expect(page.getByTestId('inspector-vote')).toHaveText(`for S${m.vote!.leader}`);
  await expect(inspector).toContainText(`round (electionEpoch)${m.vote!.electionEpoch}`, {
    ignoreCase: true,
  });
  await expect(page.getByTestId('inspector-status')).toContainText(`at ${m.deliverAt} ms`);
  await expect(el2).toHaveClass(/pinned/);
  await page.keyboard.press('Escape');
  await expect(inspector).toHaveCount(0);

  // the keyboard: `m` focuses a message, Enter pins it, Escape closes
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('m');
  const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-id'));
  expect(focused).not.toBeNull();
  await page.keyboard.press('Enter');
  await expect(inspector).toHaveAttribute('data-id', focused!);
  await page.keyboard.press('Escape');
  await expect(inspector).toHaveCount(0);
});

test('at the densest step of a five-server first boot no two message names overlap and none is under a card', async ({
  page,
}) => {
  const run = fiveServers();
  const step = densestStep(run, 200);
  await openAt(page, run, step);
  const inflight = (await position(page)).inflight;
  expect(inflight).toBeGreaterThanOrEqual(15);
  // let every glide settle
  await page.waitForTimeout(300);
  const { labels, cards } = await boxes(page);
  expect(labels.length).toBeGreaterThan(0);
  // and the names are not bought by hiding them: nearly every message is named, by its own label or
  // by the count of an aggregate
  const named = await page.evaluate(() => {
    const own = [...document.querySelectorAll('[data-testid="stage"] g.msg:not(.unlabelled)')].length;
    const agg = [...document.querySelectorAll('[data-testid="stage"] g.msg-agg')].reduce(
      (n, el) => n + Number(el.getAttribute('data-count')),
      0,
    );
    return { named: own + agg, drawn: document.querySelectorAll('[data-testid="stage"] g.msg').length };
  });
  expect(named.named).toBeGreaterThanOrEqual(Math.ceil(named.drawn * 0.8));
  const problems: string[] = [];
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++)
      if (overlap(labels[i], labels[j])) problems.push(`${labels[i].what} overlaps ${labels[j].what}`);
    for (const c of cards) if (overlap(labels[i], c)) problems.push(`${labels[i].what} is under ${c.what}`);
  }
  expect(problems).toEqual([]);
  // an aggregate names a bunch, and opens the list of the messages it names
  const agg = page.locator('[data-testid="stage"] g.msg-agg').first();
  if ((await agg.count()) > 0) {
    const n = Number(await agg.getAttribute('data-count'));
    await agg.click();
    await expect(page.getByTestId('message-group').locator('.msg-row')).toHaveCount(n);
    await page.getByTestId('message-group').locator('.msg-row').first().click();
    await expect(page.getByTestId('message-inspector')).toBeVisible();
  }
});

test('the first-boot preset plays for at least 20 s at the default pace and pauses at each chapter', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.goto('/');
  await idle(page);
  await page.getByTestId('open-scenarios').click();
  await page.locator('[data-preset="first-boot"]').click();
  await page.getByTestId('open-preset').click();
  await expect(page.getByTestId('pace')).toHaveValue('narrated');
  await expect(page.getByTestId('chapter-stops')).toBeChecked();
  // the chapters and their steps, as the scenario card lists them (its title says the step)
  const listed = await page
    .locator('[data-testid="scenario-card"] [data-chapter]')
    .evaluateAll((els) => els.map((el) => Number(/\d+/.exec(el.getAttribute('title') ?? '')?.[0])));
  const chapters = listed.filter((s) => s > 0);
  expect(chapters.length).toBeGreaterThanOrEqual(3);
  const pausedAt: number[] = [];
  let playedMs = 0;
  for (let guard = 0; guard < 10; guard++) {
    const t0 = Date.now();
    await page.getByTestId('play').click();
    await expect.poll(async () => (await position(page)).playing, { timeout: 60_000 }).toBe(false);
    playedMs += Date.now() - t0;
    if (await page.locator('.stage-status .finished').isVisible()) break;
    pausedAt.push((await position(page)).step);
    // the stage says why it stopped
    await expect(page.getByTestId('chapter-note')).toContainText(`chapter ${pausedAt.length + 1}`);
  }
  expect(pausedAt).toEqual(chapters);
  expect(playedMs).toBeGreaterThanOrEqual(20_000);
});

test('screenshots: a message inspector, in English and Chinese', async ({ page }) => {
  const run = fiveServers();
  await openAt(page, run, densestStep(run, 200));
  await page.waitForTimeout(300);
  const shots = process.env.ZABLAB_SHOTS ?? 'test-results/shots';
  const notification = page.locator('[data-testid="stage"] g.msg.flying[data-type="NOTIFICATION"]').first();
  await notification.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('message-inspector')).toBeVisible();
  await page.screenshot({ path: `${shots}/inspector-en.png` });
  await page.getByRole('button', { name: '简体中文' }).click();
  await expect(page.getByTestId('message-inspector')).toContainText('投票');
  await page.screenshot({ path: `${shots}/inspector-zh-CN.png` });
});

/** Three servers; c1 writes /a and watches it through S1, then reconnects to S2. */
function clientRun(): { scenario: Scenario; recorded: RecordedAction[] } {
  const r = validateScenario({
    format: 1,
    title: 'A client moves',
    seed: 1,
    ensemble: { voters: 3, observers: 0 },
    config: { latencyMs: [1, 2] },
    actions: [
      { at: 0, start: [1, 2, 3] },
      { at: 1000, client: { id: 'c1', server: 1, cmd: 'create /a x' } },
      { at: 1100, client: { id: 'c1', cmd: 'get -w /a' } },
      { at: 1200, client: { id: 'c2', server: 3, cmd: 'ls /' } },
      { at: 3000, client: { id: 'c1', server: 2, cmd: 'ls /' } },
    ],
    until: 6000,
  });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return { scenario: r.scenario, recorded: [] };
}

/** The first step (replayed in Node) whose view satisfies `ok`. */
function firstStep(
  run: { scenario: Scenario; recorded: RecordedAction[] },
  ok: (v: SimView) => boolean,
): number {
  const sim = new Simulation(run.scenario, []);
  while (sim.step()) if (ok(sim.view())) return sim.stepCount;
  throw new Error('no such step');
}

const centreOf = (b: { x: number; y: number; width: number; height: number }) => ({
  x: b.x + b.width / 2,
  y: b.y + b.height / 2,
});

test('clients sit beside their server with their state and watches, and move when they reconnect elsewhere', async ({
  page,
}) => {
  const run = clientRun();
  const watching = firstStep(run, (v) => {
    const c = v.clients.find((x) => x.id === 'c1');
    return !!c && c.state === 'CONNECTED' && c.watches.some((w) => w.path === '/a');
  });
  const moved = firstStep(run, (v) => v.clients.find((x) => x.id === 'c1')?.server === 2);
  await openAt(page, run, watching);
  const c1 = page.locator('[data-testid="stage"] .client-pill[data-client="c1"]');
  await expect(c1).toHaveAttribute('data-state', 'CONNECTED');
  await expect(c1).toHaveAttribute('data-server', '1');
  await expect(c1.locator('.client-watch')).toContainText('/a');
  await expect(c1).toContainText('CONNECTED');
  // beside S1: nearer its card than any other
  const near = async (sid: number) => {
    const pill = centreOf((await c1.boundingBox())!);
    const dist = async (s: number) => {
      const card = centreOf((await page.locator(`.server-card[data-sid="${s}"]`).boundingBox())!);
      return Math.hypot(card.x - pill.x, card.y - pill.y);
    };
    const mine = await dist(sid);
    for (const other of [1, 2, 3].filter((s) => s !== sid)) expect(mine).toBeLessThan(await dist(other));
  };
  await near(1);
  // the leader's session tracker lists every session in its expiry buckets
  const tracker = page.getByTestId('session-tracker');
  await expect(tracker).toBeVisible();
  const inBuckets = await tracker
    .locator('.tracker-bucket')
    .evaluateAll((els) => els.reduce((n, el) => n + Number(el.getAttribute('data-n')), 0));
  const sessions = (() => {
    const sim = new Simulation(run.scenario, []);
    while (sim.stepCount < watching && sim.step()) {
      // to the step shown
    }
    return sim.view().servers.find((s) => s.leader !== null)!.sessions.length;
  })();
  expect(sessions).toBeGreaterThan(0);
  expect(inBuckets).toBe(sessions);

  // on to the reconnection: the pill moves beside S2, same session, same watch
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  for (let i = watching; i < moved; i++) await page.keyboard.press('ArrowRight');
  await expect.poll(async () => (await position(page)).step).toBe(moved);
  await expect(c1).toHaveAttribute('data-server', '2');
  await page.waitForTimeout(800);
  await near(2);
});

test('screenshots: a card with its timers, clients on the stage (en, zh-CN)', async ({ page }) => {
  const shots = process.env.ZABLAB_SHOTS ?? 'test-results/shots';
  // a five-server election at the moment a server waits out finalizeWait
  const five = fiveServers();
  const sim = new Simulation(five.scenario, []);
  for (const r of five.recorded) sim.act(r.action);
  let step = 0;
  while (sim.step()) {
    const v = sim.view();
    if (
      v.servers.some((s) => s.voteBox.finalizeUntil !== null) &&
      v.servers.some((s) => s.timers.length > 0)
    ) {
      step = sim.stepCount;
      break;
    }
  }
  await openAt(page, five, step);
  await expect(page.locator('.card-timer[data-timer="finalizeWait"]').first()).toBeVisible();
  await page.screenshot({ path: `${shots}/timers-en.png` });
  const run = clientRun();
  await openAt(
    page,
    run,
    firstStep(run, (v) => v.clients.filter((c) => c.state === 'CONNECTED').length === 2),
  );
  await expect(page.locator('.client-pill')).toHaveCount(2);
  await page.screenshot({ path: `${shots}/clients-en.png` });
  await page.getByRole('button', { name: '简体中文' }).click();
  await expect(page.locator('.client-pill').first()).toContainText('已连接');
  await page.screenshot({ path: `${shots}/clients-zh-CN.png` });
  await openAt(page, five, step);
  await page.screenshot({ path: `${shots}/timers-zh-CN.png` });
});
