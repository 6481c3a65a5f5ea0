/**
 * Scenarios, share links, lecture mode, embed mode and guided lessons, end to end.
 *
 * Outcomes are asserted from the app's own state: `window.__zablab.summary()` is the CLI's summary
 * (src/sim/Summary.ts) of the run on screen, `position()` where playback stands and `stops()` the
 * cue points and lesson stops. Screenshots go to test-results/scn-*.png.
 */
import { expect, test, type Page } from '@playwright/test';
import { failOnConsoleErrors, idle } from './guards';
import { evenPace } from './pace';
import type { Summary } from '../src/sim/Summary';
import { readFileSync } from 'node:fs';
import { runScenarioText } from '../src/sim/run';
import en from '../src/ui/locales/en/lessons';
import enUi from '../src/ui/locales/en/scenarios';
import enLimits from '../src/ui/locales/en/limits';
import enStorage2 from '../src/ui/locales/en/storage2';
import enZkfeatures from '../src/ui/locales/en/zkfeatures';
import enPurge from '../src/ui/locales/en/purge';
import enClients from '../src/ui/locales/en/clients';
import enReadonly from '../src/ui/locales/en/readonly';
import zhUi from '../src/ui/locales/zh-CN/scenarios';
import zh from '../src/ui/locales/zh-CN/lessons';
import zhReadonly from '../src/ui/locales/zh-CN/readonly';

const dict: Record<string, string> = {
  ...en,
  ...enUi,
  ...enLimits,
  ...enStorage2,
  ...enZkfeatures,
  ...enPurge,
  ...enClients,
  ...enReadonly,
};
const zhDict: Record<string, string> = { ...zh, ...zhUi, ...zhReadonly };

failOnConsoleErrors();

// ---------------------------------------------------------------------------------------------
// helpers

const summary = (page: Page) => page.evaluate(() => window.__zablab!.summary());
const position = (page: Page) => page.evaluate(() => window.__zablab!.position());
const stops = (page: Page) => page.evaluate(() => window.__zablab!.stops());

async function openPreset(page: Page, id: string) {
  await page.getByTestId('open-scenarios').click();
  await page.locator(`[data-preset="${id}"]`).click();
  // the card shows the title and the whole "what to watch for" paragraph, as text
  await expect(page.locator('.picker-card h3')).toHaveText(dict[`presets.${id}.title`]);
  await expect(page.locator('.picker-card .watch-text')).toHaveText(dict[`presets.${id}.watch`]);
  await page.getByTestId('open-preset').click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect.poll(async () => (await stops(page)).preset).toBe(id);
}

/** Plays at full speed until the run has nothing left to do (presets last seconds of virtual time). */
async function playToEnd(page: Page) {
  await evenPace(page);
  await page.locator('.speed input[type="range"]').fill('1000');
  const finished = page.locator('.stage-status .finished');
  // playback pauses at each violation (a setting, on by default): play on past each
  for (let i = 0; i < 6 && !(await finished.isVisible()); i++) {
    await page.getByTestId('play').click();
    await expect
      .poll(async () => (await finished.isVisible()) || !(await position(page)).playing, { timeout: 45_000 })
      .toBe(true);
  }
  await expect(finished).toBeVisible();
  expect((await position(page)).playing).toBe(false);
}

const server = (s: Summary, sid: number) => s.servers.find((x) => x.sid === sid)!;
const syncsTo = (s: Summary, learner: number) => s.syncs.filter((x) => x.learner === learner);
const client = (s: Summary, id: string, cmd: string) => s.clients.find((c) => c.id === id && c.cmd === cmd);
const paths = (s: Summary, sid: number) => Object.keys(server(s, sid).tree).sort();
const watchEvents = (s: Summary, id: string) =>
  s.events.filter((e) => e.id === id && e.type !== 'None').map((e) => `${e.type} ${e.path}`);

/** What each preset's paragraph promises, checked on the summary of the run the app played. */
const OUTCOMES: Record<string, (s: Summary) => void> = {
  'first-boot': (s) => {
    expect(s.leader).toBe(3);
    for (const l of [1, 2]) expect(syncsTo(s, l)[0]).toMatchObject({ mode: 'DIFF', zxid: '0x0' });
    expect(client(s, 'c1', 'create /a hello')).toMatchObject({ ok: true, zxid: '0x100000002' });
    expect(client(s, 'c2', 'get /a')).toMatchObject({ ok: true, output: 'hello', server: 2 });
  },
  'one-by-one-250': (s) => {
    expect(s.leader).toBe(3);
    for (const l of [1, 2]) expect(syncsTo(s, l)[0]).toMatchObject({ mode: 'DIFF', zxid: '0x0' });
    for (const l of [4, 5]) expect(syncsTo(s, l)[0]).toMatchObject({ mode: 'SNAP', zxid: '0x100000000' });
  },
  'one-by-one-150': (s) => {
    expect(s.leader).toBe(5);
    for (const l of [1, 2, 3, 4]) expect(syncsTo(s, l)[0]).toMatchObject({ mode: 'DIFF', zxid: '0x0' });
  },
  'boot-jitter': (s) => {
    expect(s.leader).toBe(4);
    expect(syncsTo(s, 5)[0]).toMatchObject({ mode: 'SNAP' });
  },
  'leader-crash': (s) => {
    expect(s.leader).toBe(2);
    for (const x of s.servers) expect([x.acceptedEpoch, x.currentEpoch]).toEqual([2, 2]);
    expect(client(s, 'c1', 'create /a before-the-crash')).toMatchObject({ ok: true, zxid: '0x100000002' });
    expect(client(s, 'c2', 'create /b after-the-crash')).toMatchObject({ ok: true, zxid: '0x200000002' });
    expect(syncsTo(s, 3).at(-1)).toMatchObject({ mode: 'DIFF' });
    expect(paths(s, 3)).toEqual(['/a', '/b']);
  },
  'lagging-follower-diff': (s) => {
    expect(syncsTo(s, 1).at(-1)).toMatchObject({
      mode: 'DIFF',
      zxid: '0x10000000a',
      peerLastZxid: '0x100000007',
    });
    expect(server(s, 1)).toMatchObject({ currentEpoch: 1, lastProcessedZxid: '0x10000000a' });
    expect(paths(s, 1)).toHaveLength(9);
  },
  'old-leader-trunc': (s) => {
    expect(s.leader).toBe(2);
    expect(syncsTo(s, 3).at(-1)).toMatchObject({ mode: 'TRUNC', zxid: '0x100000004' });
    expect(client(s, 'c1', 'create /b unreplicated')?.ok).toBe(false);
    for (const x of s.servers) expect(x.tree['/b']).toBeUndefined();
    expect(server(s, 3).snapshots).toContain('0x100000004');
  },
  'old-leader-snap': (s) => {
    expect(s.leader).toBe(2);
    expect(syncsTo(s, 3).at(-1)).toMatchObject({ mode: 'SNAP', zxid: '0x200000002' });
    expect(paths(s, 3)).toEqual(['/a1', '/a2', '/a3', '/c']);
  },
  'far-behind-snap': (s) => {
    expect(s.leader).toBe(3);
    expect(syncsTo(s, 1).at(-1)).toMatchObject({ mode: 'SNAP', zxid: '0x200000000' });
    expect(paths(s, 1)).toEqual(['/a1', '/b1', '/b2', '/b3', '/b4', '/b5', '/b6']);
  },
  'partition-minority': (s) => {
    expect(s.leader).toBe(5);
    expect(client(s, 'c2', 'create /during majority')?.ok).toBe(true);
    expect(client(s, 'c1', 'create /minority x')?.ok).toBe(false);
    for (const l of [1, 2]) expect(syncsTo(s, l).at(-1)).toMatchObject({ mode: 'DIFF' });
    expect(s.servers.every((x) => x.currentEpoch === 1)).toBe(true);
  },
  observer: (s) => {
    expect(s.leader).toBe(2);
    expect(server(s, 4)).toMatchObject({ state: 'OBSERVING', observer: true });
    expect(s.elections.filter((e) => e.sid === 4 && e.at > 3000).map((e) => e.leader)).toEqual([3, 2]);
    expect(syncsTo(s, 4).at(-1)).toMatchObject({ mode: 'DIFF', leader: 2 });
  },
  'session-expiry': (s) => {
    expect(watchEvents(s, 'c2')).toEqual(['NodeDeleted /e/x', 'NodeChildrenChanged /e']);
    expect(s.events.some((e) => e.id === 'c1' && e.state === 'Expired')).toBe(true);
    for (const x of s.servers) expect(x.tree['/e/x']).toBeUndefined();
  },
  'lock-recipe': (s) => {
    expect(watchEvents(s, 'c2')).toEqual(['NodeDeleted /lock/lock-0000000000']);
    expect(watchEvents(s, 'c3')).toEqual(['NodeDeleted /lock/lock-0000000001']);
  },
  'zk-4643-391': (s) => {
    expect(s.leader).toBe(1);
    expect(s.violations.map((v) => v.invariant).sort()).toEqual(['Durability', 'TruncBelowCommitted']);
    expect(s.servers.every((x) => x.tree['/t'] === undefined)).toBe(true);
  },
  'zk-4643-395': (s) => {
    expect(s.leader).toBe(3);
    expect(syncsTo(s, 1).at(-1)).toMatchObject({ mode: 'DIFF', zxid: '0x100000003' });
    for (const x of s.servers.filter((y) => y.up)) expect(x.tree['/t']).toBeDefined();
  },
  'zk-2846': (s) => {
    // S1 leads after a SNAP sync left an orphan txn in its log; serving S5 from that log sends the
    // orphan and skips what only its snapshot holds
    expect(s.leader).toBe(1);
    expect(syncsTo(s, 5).at(-1)).toMatchObject({ mode: 'DIFF', leader: 1 });
    expect(paths(s, 5)).toContain('/ghost');
    expect(paths(s, 5)).not.toContain('/w1');
    expect(s.violations.map((v) => [v.invariant, v.cause?.bug])).toEqual([
      ['LocalPrimaryOrder', 'ZOOKEEPER-2846'],
      ['UncommittedTxn', 'ZOOKEEPER-2846'],
    ]);
  },
  'zk-2846-factor-off': (s) => {
    // snapshotSizeFactor = -1: no sync from the txn log, a SNAP instead, and no divergence
    expect(s.leader).toBe(1);
    expect(syncsTo(s, 5).at(-1)).toMatchObject({ mode: 'SNAP', leader: 1 });
    expect(s.violations).toEqual([]);
    expect(paths(s, 5)).not.toContain('/ghost');
  },
  'trunc-kept-txn': (s) => {
    // FileTxnLog.truncate kept the never-committed /ghost on S1, and a client read it there
    expect(s.leader).toBe(4);
    expect(syncsTo(s, 1).map((x) => x.mode)).toEqual(['SNAP', 'TRUNC']);
    expect(client(s, 'c3', 'get /ghost')).toMatchObject({ output: 'never-committed' });
    expect(s.violations.map((v) => [v.invariant, v.cause?.bug])).toEqual([
      ['CheckDuringAction', 'FileTxnLog.truncate'],
      ['UncommittedTxn', 'FileTxnLog.truncate'],
    ]);
  },
  'corrupt-follower': (s) => {
    // S2 refused to start on its damaged txn, was wiped, and came back by SNAP with the same tree
    expect(s.leader).toBe(3);
    expect(syncsTo(s, 2).at(-1)).toMatchObject({ mode: 'SNAP', peerLastZxid: '0x0', zxid: '0x100000004' });
    expect(server(s, 2)).toMatchObject({ up: true, zabState: 'BROADCAST' });
    for (const x of s.servers) expect(x.tree).toEqual(server(s, 2).tree);
  },
  'acl-lock': (s) => {
    expect(s.leader).toBe(2);
    expect(syncsTo(s, 1).find((x) => x.at > 5000)).toMatchObject({ mode: 'SNAP' });
    const m = s.clients.filter((c) => c.id === 'mallory');
    expect(m.slice(0, 4).every((c) => c.output === 'Insufficient permission : /lock')).toBe(true);
    expect(client(s, 'alice', 'get /lock')).toMatchObject({ ok: true, output: 'held-by-alice', server: 1 });
  },
  'client-failover': (s) => {
    // c1's session outlived S2's crash: its ephemeral /owner is still on the leader, nothing violated
    expect(s.violations).toEqual([]);
    expect(s.leader).not.toBeNull();
    expect(Object.keys(server(s, s.leader!).tree)).toContain('/owner');
  },
  'readonly-partition': (s) => {
    // S3, cut off, served r1 read-only: a stale read, a refused write, then read-write again
    expect(s.violations).toEqual([]);
    expect(s.leader).toBe(2);
    const r1 = s.clients.filter((c) => c.id === 'r1').map((c) => c.output);
    expect(r1).toEqual(['v1', 'v1', 'Not a read-only call: /config', 'v2']);
  },
  'autopurge-snap': (s) => {
    // the leader's purge at its restart removed log.100000001: S1's return is a SNAP
    expect(s.leader).toBe(3);
    expect(syncsTo(s, 1).at(-1)).toMatchObject({ mode: 'SNAP', peerLastZxid: '0x100000002' });
  },
  'autopurge-off-diff': (s) => {
    expect(s.leader).toBe(3);
    expect(syncsTo(s, 1).at(-1)).toMatchObject({ mode: 'DIFF', peerLastZxid: '0x100000002' });
  },
  'recovery-tour': (s) => {
    expect(s.leader).toBe(5);
    expect(syncsTo(s, 5).find((x) => x.at > 4000)).toMatchObject({ mode: 'TRUNC' });
    expect(syncsTo(s, 1).find((x) => x.at > 6000)).toMatchObject({ mode: 'DIFF' });
    expect(syncsTo(s, 4).find((x) => x.at > 10000)).toMatchObject({ mode: 'SNAP' });
    for (const x of s.servers) expect(Object.keys(x.tree)).not.toContain('/lost');
  },
};

/** The stage as text: cards (role, phase, epoch, zxids), status line and step. */
async function screenText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const c of document.querySelectorAll<HTMLElement>('.server-card'))
      out.push(`${c.dataset.sid} ${c.dataset.role} ${c.dataset.phase} ${c.dataset.epoch}: ${c.textContent}`);
    out.push(`status ${document.querySelector('.stage-status')?.textContent}`);
    out.push(`step ${document.querySelector<HTMLInputElement>('.scrub input')?.value}`);
    return out.join('\n');
  });
}

// ---------------------------------------------------------------------------------------------

test('the first visit is still the 5-server ensemble, ready to boot; the picker lists every preset', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.locator('.server-card')).toHaveCount(5);
  await expect(page.locator('.server-card[data-role="DOWN"]')).toHaveCount(5);
  await expect(page.locator('.current-scenario')).toHaveText(dict['scn.default.title']);
  await page.getByTestId('open-scenarios').click();
  await expect(page.locator('[data-preset]')).toHaveCount(Object.keys(OUTCOMES).length);
  await page.locator('[data-preset="old-leader-trunc"]').click();
  await page.screenshot({ path: 'test-results/scn-picker.png' });
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
});

test.describe('every preset reaches the outcome its paragraph promises', () => {
  for (const [id, check] of Object.entries(OUTCOMES)) {
    test(id, async ({ page }) => {
      await page.goto('/');
      await openPreset(page, id);
      // the card beside the stage: title and paragraph
      await expect(page.getByTestId('scenario-card').locator('h2')).toHaveText(dict[`presets.${id}.title`]);
      await expect(page.getByTestId('watch-text')).toHaveText(dict[`presets.${id}.watch`]);
      if (['first-boot', 'leader-crash', 'zk-4643-391', 'observer'].includes(id))
        await page.screenshot({ path: `test-results/scn-preset-${id}-start.png` });
      await playToEnd(page);
      check(await summary(page));
      if (['leader-crash', 'zk-4643-391', 'partition-minority'].includes(id))
        await page.screenshot({ path: `test-results/scn-preset-${id}-end.png` });
    });
  }
});

test('a link copied mid-run opens on the same step, leader, zxids and screen', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/');
  await openPreset(page, 'leader-crash');
  // mid-run: after the crash and the re-election, before S3 returns
  await evenPace(page);
  await page.locator('.speed input[type="range"]').fill('600');
  await page.getByTestId('play').click();
  await expect(page.locator('.stage-status')).toContainText('leader: server 2', { timeout: 20_000 });
  await page.getByTestId('play').click();
  // the frame the workers were doing when paused still lands: copy the link once it has
  await idle(page);
  // select server 1 (the link carries the selection)
  await page.keyboard.press('1');
  await expect(page.locator('.server-card[data-sid="1"]')).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId('copy-link').click();
  await expect(page.getByTestId('share-status')).toContainText(dict['scn.share.copied']);
  const url = await page.getByTestId('share-url').inputValue();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
  expect(url).toMatch(/#v=1&z=[A-Za-z0-9_-]+$/);
  await page.screenshot({ path: 'test-results/scn-link-copied.png' });
  const before = { pos: await position(page), sum: await summary(page), screen: await screenText(page) };
  expect(before.pos.step).toBeGreaterThan(0);
  expect(before.sum.leader).toBe(2);

  const other = await context.newPage();
  await other.goto(url);
  await expect(other.locator('.server-card')).toHaveCount(3);
  const after = { pos: await position(other), sum: await summary(other), screen: await screenText(other) };
  expect(after.pos.step).toBe(before.pos.step);
  expect(after.sum.leader).toBe(before.sum.leader);
  expect(after.sum.servers.map((s) => [s.sid, s.state, s.currentEpoch, s.lastLoggedZxid])).toEqual(
    before.sum.servers.map((s) => [s.sid, s.state, s.currentEpoch, s.lastLoggedZxid]),
  );
  expect(after.sum).toEqual(before.sum);
  expect(after.screen).toBe(before.screen);
  // the view settings came along: the preset (its card) and the selected server
  await expect(other.getByTestId('scenario-card').locator('h2')).toHaveText(
    dict['presets.leader-crash.title'],
  );
  await expect(other.locator('.server-card[data-sid="1"]')).toHaveAttribute('aria-pressed', 'true');
  await other.screenshot({ path: 'test-results/scn-link-opened.png' });

  // the same link also works in the query, as ?s=
  const query = url.replace('#', '?s=');
  const third = await context.newPage();
  await third.goto(query);
  await expect(third.locator('.server-card')).toHaveCount(3);
  expect((await position(third)).step).toBe(before.pos.step);
  expect(await screenText(third)).toBe(before.screen);
  await other.close();
  await third.close();
});

test('the language and lecture mode travel with a link', async ({ page, context }) => {
  await page.goto('/');
  await openPreset(page, 'first-boot');
  await page.getByTestId('lecture-on').click();
  expect(page.url()).toContain('lecture=1');
  await page.keyboard.press('PageDown');
  await expect.poll(async () => (await position(page)).playing, { timeout: 20_000 }).toBe(false);
  await page.getByRole('button', { name: '简体中文' }).click();
  const step = (await position(page)).step;
  expect(step).toBe((await stops(page)).cues[0].step);
  await page.getByTestId('copy-link').click();
  const url = await page.getByTestId('share-url').inputValue();
  const other = await context.newPage();
  await other.addInitScript(() => localStorage.setItem('zablab.lang', 'en'));
  await other.goto(url);
  await expect(other.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(other.getByTestId('lecture')).toBeVisible();
  expect((await position(other)).step).toBe(step);
  const cue = (await stops(other)).cues[0];
  await expect(other.locator(`.caption[data-cue="${cue.id}"]`)).toHaveText(
    zhDict[`cues.first-boot.${cue.id}`],
  );
  await other.close();
});

/** A real link copied from the app, cut in the middle of its data (as a careless copy would). */
async function truncatedLink(page: Page): Promise<string> {
  await page.goto('/');
  await openPreset(page, 'first-boot');
  for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowRight');
  await page.getByTestId('copy-link').click();
  const url = await page.getByTestId('share-url').inputValue();
  const hash = url.slice(url.indexOf('#'));
  let cut = Math.floor(hash.length * 0.6);
  // cut between two whole base64 characters' worth of bytes, so it reads as "ends too early"
  if ((cut - hash.indexOf('z=') - 2) % 4 === 1) cut++;
  return '/' + hash.slice(0, cut);
}

test('a bad link shows a clear message and a way to start fresh, in both languages', async ({ page }) => {
  const truncated = await truncatedLink(page);
  const bad: [string, string][] = [
    ['/#v=1&z=this-is-not-a-link', 'link.error.malformed'],
    [truncated, 'link.error.truncated'],
    ['/#v=7&z=eNp9UstOwzAQ', 'link.error.future-version'],
    // over a limit: the message names it and the value (src/sim/limits.ts)
    [`/#v=1&z=${'A'.repeat(70_000)}`, 'limits.over.linkChars'],
    ['/#hello', 'link.error.malformed'],
  ];
  for (const [url, key] of bad) {
    await page.goto(url);
    const box = page.getByTestId('link-error');
    await expect(box).toBeVisible();
    await expect(box.locator('.link-error-message')).toHaveText(
      dict[key].replace('{version}', '7').replace('{value}', '70,006').replace('{max}', '65,536'),
    );
    await expect(page.getByRole('button', { name: dict['scn.linkError.fresh'] })).toBeVisible();
  }
  await page.screenshot({ path: 'test-results/scn-link-error.png' });
  await page.getByRole('button', { name: dict['scn.linkError.fresh'] }).click();
  await expect(page.locator('.server-card')).toHaveCount(5);
  await expect(page.locator('.server-card[data-role="DOWN"]')).toHaveCount(5);
  expect(page.url()).not.toContain('#');

  // in Chinese
  await page.evaluate(() => localStorage.setItem('zablab.lang', 'zh-CN'));
  await page.goto(truncated);
  await page.reload();
  await expect(page.getByTestId('link-error').locator('.link-error-message')).toHaveText(
    zhDict['link.error.truncated'],
  );
  await expect(page.getByRole('button', { name: zhDict['scn.linkError.fresh'] })).toBeVisible();
  await page.screenshot({ path: 'test-results/scn-link-error-zh.png' });
  // the page never renders link content as markup
  await page.goto('/?s=v=1%26z=%3Cimg%20src=x%20onerror=alert(1)%3E');
  await expect(page.getByTestId('link-error')).toBeVisible();
  await expect(page.locator('img')).toHaveCount(0);
});

test('lecture mode: the clicker moves from cue to cue, captions show, chapters jump', async ({ page }) => {
  await page.goto('/?lecture=1');
  await expect(page.getByTestId('lecture')).toBeVisible();
  await openPreset(page, 'leader-crash');
  // presenter layout: the stage, captions, only the vote box and ZAB panels
  await expect(page.getByRole('tab')).toHaveText(['Vote box', 'ZAB']);
  await expect(page.getByTestId('captions')).toContainText(dict['scn.lecture.start']);
  await evenPace(page);
  await page.locator('.speed input[type="range"]').fill('650');
  const { cues } = await stops(page);
  expect(cues.length).toBeGreaterThanOrEqual(5);
  for (let i = 0; i < 4; i++) {
    // (`.` is a clicker's blank-screen key in lecture mode: e2e/present.spec.ts)
    await page.keyboard.press('PageDown');
    await expect.poll(async () => (await position(page)).playing, { timeout: 20_000 }).toBe(false);
    const pos = await position(page);
    expect(pos.step).toBe(cues[i].step);
    await expect(page.locator(`.caption[data-cue="${cues[i].id}"]`)).toHaveText(
      dict[`cues.leader-crash.${cues[i].id}`],
    );
    await expect(page.getByTestId('cue-count')).toHaveText(`cue ${i + 1} / ${cues.length}`);
    if (i === 1) await page.screenshot({ path: 'test-results/scn-lecture.png' });
  }
  // pressed twice, the clicker skips the animation and lands on the next cue at once
  await page.keyboard.press('PageDown');
  await page.keyboard.press('PageDown');
  await expect.poll(async () => (await position(page)).step).toBe(cues[4].step);
  // back, cue by cue
  await page.keyboard.press('PageUp');
  await expect.poll(async () => (await position(page)).step).toBe(cues[3].step);
  await page.keyboard.press('PageUp');
  await expect.poll(async () => (await position(page)).step).toBe(cues[2].step);
  // chapters jump
  await page.locator('[data-chapter="return"]').click();
  await expect(page.locator('[data-chapter="return"]')).toHaveAttribute('aria-current', 'step');
  await page.locator('[data-chapter="before"]').click();
  expect((await position(page)).step).toBe(0);
  // Chinese captions on the projector
  await page.keyboard.press('PageDown');
  await expect.poll(async () => (await position(page)).playing, { timeout: 20_000 }).toBe(false);
  await page.getByRole('button', { name: '简体中文' }).click();
  await expect(page.locator(`.caption[data-cue="${cues[0].id}"]`)).toHaveText(
    zhDict[`cues.leader-crash.${cues[0].id}`],
  );
  await page.screenshot({ path: 'test-results/scn-lecture-zh.png' });
  await page.getByTestId('lecture-off').click();
  await expect(page.locator('.app-bar')).toBeVisible();
  expect(page.url()).not.toContain('lecture=1');
});

test('embed mode shows just the stage and the playback controls', async ({ page }) => {
  await page.goto('/');
  await openPreset(page, 'first-boot');
  for (let i = 0; i < 40; i++) await page.keyboard.press('ArrowRight');
  await idle(page);
  await page.getByRole('button', { name: /Share & files/ }).click();
  await page.getByRole('menuitem', { name: dict['scn.share.embed'] }).click();
  // the embed code is an <iframe>; its src is the embed link
  const code = await page.getByTestId('share-url').inputValue();
  expect(code).toMatch(/^<iframe src="[^"]+" width="800" height="450" /);
  const url = /src="([^"]+)"/.exec(code)![1].replace(/&amp;/g, '&');
  expect(url).toContain('?embed=');
  const before = await screenText(page);
  await page.goto(url);
  await expect(page.locator('.app.embed')).toBeVisible();
  await expect(page.locator('.app-header, .app-bar, .panels, .lang-switch')).toHaveCount(0);
  await expect(page.getByTestId('play')).toBeVisible();
  expect(await screenText(page)).toBe(before);
  await page.screenshot({ path: 'test-results/scn-embed.png' });
});

test('scenario files: export, import, and a bad file explained', async ({ page }) => {
  await page.goto('/');
  await openPreset(page, 'observer');
  await page.getByRole('button', { name: /Share & files/ }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: dict['scn.share.exportScenario'] }).click(),
  ]);
  const text = await (await download.createReadStream()).toArray();
  const json = Buffer.concat(text).toString('utf8');
  expect(JSON.parse(json)).toMatchObject({ format: 1, ensemble: { voters: 3, observers: 1 } });

  for (let i = 0; i < 30; i++) await page.keyboard.press('ArrowRight');
  await page.getByRole('button', { name: /Share & files/ }).click();
  const [trace] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: dict['scn.share.exportTrace'] }).click(),
  ]);
  const lines = Buffer.concat(await (await trace.createReadStream()).toArray())
    .toString('utf8')
    .trim()
    .split('\n');
  expect(lines.length).toBeGreaterThan(10);
  for (const l of lines) expect(JSON.parse(l)).toHaveProperty('ev');

  // back in with the file: a run of this scenario, no longer "the preset"
  await page.getByTestId('import-file').setInputFiles({
    name: 'observer.json',
    mimeType: 'application/json',
    buffer: Buffer.from(json),
  });
  await expect(page.locator('.server-card')).toHaveCount(4);
  expect((await position(page)).step).toBe(0);
  await expect(page.getByTestId('scenario-card')).toHaveCount(0);

  await page.getByTestId('import-file').setInputFiles({
    name: 'bad.json',
    mimeType: 'application/json',
    buffer: Buffer.from(
      '{"format": 1, "seed": "x", "ensemble": {"voters": 3}, "actions": [{"at": 0, "crash": [9]}]}',
    ),
  });
  await expect(page.getByRole('alert')).toContainText(dict['link.import.invalid-scenario']);
  await expect(page.locator('.problems li').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/scn-import-error.png' });
  await expect(page.locator('.server-card')).toHaveCount(4);
});

test("a trace file compared with the run on screen: the CLI's run, its own export, a changed line, not a trace", async ({
  page,
}) => {
  await page.goto('/');
  await openPreset(page, 'leader-crash');
  for (let i = 0; i < 30; i++) await page.keyboard.press('ArrowRight');
  await idle(page);
  const compare = async (name: string, text: string) => {
    await page.getByTestId('compare-trace-file').setInputFiles({
      name,
      mimeType: 'application/x-ndjson',
      buffer: Buffer.from(text),
    });
  };
  const verdict = page.getByTestId('trace-verdict');

  // the whole run, as the CLI writes it in Node: this run (on the workers) is its beginning
  const cli = runScenarioText(
    readFileSync(new URL('../src/presets/leader-crash.json', import.meta.url), 'utf8'),
  );
  if (!cli.ok) throw new Error('the preset runs');
  await compare('cli.jsonl', cli.traceJsonl);
  await expect(verdict).toHaveAttribute('data-kind', 'file-longer');
  expect((await page.evaluate(() => window.__zablab!.history())).step).toBe(30);

  // the app's own export, read back: the same run
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: /Share & files/ }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: dict['scn.share.exportTrace'] }).click(),
  ]);
  const exported = Buffer.concat(await (await download.createReadStream()).toArray()).toString('utf8');
  await compare('export.jsonl', exported);
  await expect(verdict).toHaveAttribute('data-kind', 'same');
  const n = exported.trim().split('\n').length;
  await expect(verdict).toContainText(`the file's ${n} events are exactly this run's events so far`);

  // one value changed: the first line that differs, with both versions
  const lines = exported.trim().split('\n');
  const e = JSON.parse(lines[9]) as { t: number };
  lines[9] = JSON.stringify({ ...e, t: e.t + 1 });
  await page.keyboard.press('Escape');
  await compare('changed.jsonl', lines.join('\n'));
  await expect(verdict).toHaveAttribute('data-kind', 'differs');
  await expect(verdict).toContainText('line 10 is the first that differs');
  await expect(verdict.locator('code')).toHaveCount(2);
  await page.screenshot({ path: 'test-results/scn-trace-differs.png' });

  // not a trace: said so, line by line
  await page.keyboard.press('Escape');
  await compare('notes.txt', 'hello\n{"t": 1}\n');
  await expect(page.getByRole('alert')).toContainText(dict['link.import.invalid-trace']);
  await expect(page.locator('.problems li')).toHaveCount(2);
});

test('a lesson: predict by clicking a server, see the verdict, walk to the end and back to the start', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByTestId('open-lessons').click();
  await page.locator('[data-lesson="election"]').click();
  const lesson = page.getByTestId('lesson');
  await expect(lesson).toBeVisible();
  const { lessonSteps } = await stops(page);
  const total = lessonSteps.length;
  await expect(page.getByTestId('lesson-progress')).toHaveText(`stop 1 of ${total}`);
  await evenPace(page);
  await page.locator('.speed input[type="range"]').fill('700');

  let answered = 0;
  for (let i = 1; i < total; i++) {
    const question = lesson.locator('.lesson-question');
    if ((await question.count()) > 0) {
      if (answered === 0) {
        // the first question is "who will lead?": answer on the stage
        await expect(page.locator('.server-card.askable')).not.toHaveCount(0);
        await page.screenshot({ path: 'test-results/scn-lesson-question.png' });
        await page.locator('.server-card[data-sid="3"]').click();
      } else {
        await question.locator('[data-choice]').first().click();
      }
      answered++;
    } else {
      await page.getByTestId('lesson-next').click();
    }
    await expect.poll(async () => (await position(page)).playing, { timeout: 20_000 }).toBe(false);
    expect((await position(page)).step).toBe(lessonSteps[i].step);
    await expect(page.getByTestId('lesson-progress')).toHaveText(`stop ${i + 1} of ${total}`);
    if (answered === 1 && (await lesson.locator('.lesson-reveal').count()) > 0 && i < 6) {
      await expect(lesson.locator('.lesson-reveal')).toHaveAttribute('data-verdict', 'right');
      await page.screenshot({ path: 'test-results/scn-lesson-reveal.png' });
    }
  }
  expect(answered).toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId('lesson-next')).toBeDisabled();
  await expect(lesson.locator('.lesson-done')).toBeVisible();
  await page.screenshot({ path: 'test-results/scn-lesson-end.png' });

  // and back: PageUp goes stop by stop, the lesson follows the step
  for (let i = total - 2; i >= 0; i--) {
    await page.keyboard.press('PageUp');
    await expect.poll(async () => (await position(page)).step).toBe(lessonSteps[i].step);
    await expect(page.getByTestId('lesson-progress')).toHaveText(`stop ${i + 1} of ${total}`);
  }
  expect((await position(page)).step).toBe(0);
  // the scrubber moves the lesson too
  await page.keyboard.press('ArrowRight');
  await expect(lesson.locator('.narration')).toHaveText(dict['lessons.election.intro']);
});

test('the scenario UI speaks Simplified Chinese', async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('zablab.lang', 'zh-CN'));
  // every English text of this UI (and of the presets and lessons) that differs in Chinese
  const english = Object.entries(dict)
    .filter(([k, v]) => zhDict[k] !== v && /[A-Za-z]{3,}/.test(v.replace(/\{\w+\}/g, '')))
    .map(([, v]) => v.split(/\{\w+\}/)[0].trim())
    .filter((v) => v.length >= 8);
  const shown = async () =>
    page.evaluate(() => {
      const out: string[] = [document.body.innerText];
      for (const el of document.querySelectorAll('[aria-label], [title]'))
        out.push(`${el.getAttribute('aria-label') ?? ''} ${el.getAttribute('title') ?? ''}`);
      return out.join('\n');
    });
  const noEnglish = async () => {
    const text = await shown();
    const esc = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    expect(english.filter((e) => new RegExp(`(^|[^A-Za-z])${esc(e)}($|[^A-Za-z])`).test(text))).toEqual([]);
  };

  await page.goto('/');
  await expect(page.getByTestId('open-scenarios')).toHaveText(zhDict['scn.picker.button']);
  await noEnglish();
  await page.getByTestId('open-scenarios').click();
  await page.locator('[data-preset="partition-minority"]').click();
  await expect(page.locator('.picker-card .watch-text')).toHaveText(
    zhDict['presets.partition-minority.watch'],
  );
  await noEnglish();
  await page.screenshot({ path: 'test-results/scn-picker-zh.png' });
  await page.getByTestId('open-preset').click();
  await page.getByTestId('copy-link').click();
  await expect(page.getByTestId('share-status')).toBeVisible();
  await noEnglish();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: new RegExp(zhDict['scn.share.files']) }).click();
  await noEnglish();
  await page.keyboard.press('Escape');

  await page.getByTestId('open-lessons').click();
  await noEnglish();
  await page.locator('[data-lesson="recovery"]').click();
  await evenPace(page);
  const { lessonSteps } = await stops(page);
  const ask = lessonSteps.findIndex((s) => s.id === 'crash5');
  for (let i = 0; i < ask; i++) {
    await page.getByTestId('lesson-next').click();
    // 235 steps to the first stop at 20 events/s (the election connections added steps), on workers
    await expect.poll(async () => (await position(page)).playing, { timeout: 45_000 }).toBe(false);
  }
  await expect(page.locator('.lesson-question')).toBeVisible();
  await noEnglish();
  await page.screenshot({ path: 'test-results/scn-lesson-zh.png' });
  await page.locator('.server-card[data-sid="4"]').click();
  await expect.poll(async () => (await position(page)).playing, { timeout: 20_000 }).toBe(false);
  await expect(page.locator('.lesson-reveal')).toBeVisible();
  await noEnglish();
  await page.screenshot({ path: 'test-results/scn-lesson-reveal-zh.png' });

  await page.getByTestId('lecture-on').click();
  await noEnglish();
  await page.screenshot({ path: 'test-results/scn-lecture-lesson-zh.png' });
});
