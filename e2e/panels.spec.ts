import { expect, test, type Page } from '@playwright/test';

/**
 * The panels on a real run: the default five-server ensemble elects a leader, the vote box explains a
 * vote change, a console write reaches every server's DataTree and the storage's first txn log.
 * Screenshots of every panel (1280×720 and 390 px wide) go to test-results/panel-*.png.
 */

const PANELS: [string, string][] = [
  ['vote', 'Vote box'],
  ['zab', 'ZAB'],
  ['pipeline', 'Request pipeline'],
  ['storage', 'Storage'],
  ['tree', 'DataTree'],
  ['log', 'Event log'],
  ['timeline', 'Timeline'],
  ['console', 'zkCli console'],
];

async function openPanel(page: Page, title: string) {
  await page.getByRole('tab', { name: title, exact: true }).click();
}

async function faster(page: Page, times: number) {
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  for (let i = 0; i < times; i++) await page.keyboard.press('+');
}

async function setPlaying(page: Page, on: boolean) {
  const play = page.getByTestId('play');
  const label = await play.getAttribute('aria-label');
  const playing = label === 'Pause';
  if (playing !== on) await play.click();
}

test('panels explain a real run', async ({ page }) => {
  test.setTimeout(240_000);
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}`);
  });

  await page.setViewportSize({ width: 1280, height: 720 });
  await page.addInitScript(() => localStorage.setItem('zablab.lang', 'en'));
  await page.goto('/');

  // Empty states before anything runs
  await openPanel(page, 'Vote box');
  await expect(page.getByTestId('panel-vote')).toContainText('is not running');
  await openPanel(page, 'zkCli console');
  await expect(page.getByTestId('console-input')).toBeDisabled();
  await expect(page.getByTestId('panel-console')).toContainText('No server is running');
  await page.locator('aside.panels').screenshot({ path: 'test-results/panel-console-empty.png' });

  await page
    .getByRole('button', { name: /Start all/ })
    .first()
    .click();

  // 1. Step event by event until server 1 changes its vote, and read why
  await openPanel(page, 'Vote box');
  const vote = page.getByTestId('panel-vote');
  await vote.getByTitle(/^Show server 1 /).click();
  const why = vote.getByTestId('vote-change');
  const next = page.getByRole('button', { name: 'Next event' });
  for (let i = 0; i < 400; i++) {
    if ((await why.count()) > 0 && /vote changed/.test(await why.innerText())) break;
    await next.click();
  }
  await expect(why).toContainText('vote changed');
  await expect(why).toContainText('totalOrderPredicate');
  await expect(why).toContainText(/wins/);
  await page.locator('aside.panels').screenshot({ path: 'test-results/panel-vote-change.png' });

  // run until a leader exists
  await faster(page, 6);
  await setPlaying(page, true);
  await expect(page.getByText(/leader: server \d/).first()).toBeVisible({ timeout: 60_000 });
  await setPlaying(page, false);

  // 8. console: create /a hello → "Created /a"
  await openPanel(page, 'zkCli console');
  const input = page.getByTestId('console-input');
  await expect(input).toBeEnabled();
  await input.fill('create /a hello');
  await input.press('Enter');
  await setPlaying(page, true);
  await expect(page.getByTestId('console-transcript')).toContainText('Created /a', { timeout: 60_000 });

  // 5. /a appears in every server's tree
  await openPanel(page, 'DataTree');
  const tree = page.getByTestId('panel-tree');
  for (let sid = 1; sid <= 5; sid++) {
    await tree.getByTitle(new RegExp(`^Show server ${sid} `)).click();
    await expect(tree.locator('[data-path="/a"]')).toHaveCount(1, { timeout: 30_000 });
  }
  await setPlaying(page, false);
  await tree.locator('[data-path="/a"]').click();
  await expect(tree.getByTestId('znode-stat')).toContainText('cZxid');
  await expect(tree.getByTestId('znode-stat')).toContainText('numChildren');

  // 4. storage lists the first txn log
  await openPanel(page, 'Storage');
  await expect(page.getByTestId('panel-storage')).toContainText('log.100000001');

  // a second write, followed one event at a time on the leader: the pipeline and the ACK quorum
  const leaderText = await page
    .getByText(/leader: server \d/)
    .first()
    .innerText();
  const leader = Number(/leader: server (\d)/.exec(leaderText)![1]);
  await openPanel(page, 'zkCli console');
  await input.fill('create /b world');
  await input.press('Enter');
  // ↑ / ↓ walk the history
  await input.press('ArrowUp');
  await expect(input).toHaveValue('create /b world');
  await input.press('ArrowUp');
  await expect(input).toHaveValue('create /a hello');
  await input.press('ArrowDown');
  await expect(input).toHaveValue('create /b world');
  await input.press('ArrowDown');
  await expect(input).toHaveValue('');
  await openPanel(page, 'Request pipeline');
  const pipe = page.getByTestId('panel-pipeline');
  await pipe.getByTitle(new RegExp(`^Show server ${leader} `)).click();
  for (let i = 0; i < 300 && (await pipe.locator('.zp-stage.zp-busy').count()) === 0; i++) await next.click();
  await expect(pipe.locator('.zp-stage.zp-busy').first()).toBeVisible();
  await page.locator('aside.panels').screenshot({ path: 'test-results/panel-pipeline-busy.png' });
  await openPanel(page, 'ZAB');
  const zab = page.getByTestId('panel-zab');
  for (let i = 0; i < 300 && (await zab.getByTestId('proposal').count()) === 0; i++) await next.click();
  await expect(zab.getByTestId('proposal').first()).toBeVisible();
  await expect(zab).toContainText('LearnerHandler');
  await page.setViewportSize({ width: 1280, height: 2400 });
  await zab.screenshot({ path: 'test-results/panel-zab-leader.png' });
  await openPanel(page, 'Request pipeline');
  await pipe.screenshot({ path: 'test-results/panel-pipeline-leader.png' });
  await openPanel(page, 'Storage');
  await page.getByTestId('panel-storage').screenshot({ path: 'test-results/panel-storage-leader.png' });
  await page.setViewportSize({ width: 1280, height: 720 });

  // 6. the event log narrates, and a click rewinds
  await openPanel(page, 'Event log');
  const log = page.getByTestId('panel-log');
  await log.getByTestId('log-kind').selectOption('ev:election');
  await expect(log.getByTestId('log-list')).toContainText('FastLeaderElection.lookForLeader');
  await log.getByTestId('log-kind').selectOption('all');
  await expect(log.getByTestId('log-list')).toContainText('PING');

  // every panel, readable at 1280×720 …
  await page.getByRole('tab', { name: 'Vote box', exact: true }).click();
  await vote.getByTitle(/^Show server 1 /).click();
  for (const [id, title] of PANELS) {
    await openPanel(page, title);
    await expect(page.getByTestId(`panel-${id}`)).toBeVisible();
    await page.locator('aside.panels').screenshot({ path: `test-results/panel-${id}.png` });
  }
  // the whole content of each panel, for review
  await page.setViewportSize({ width: 1280, height: 2400 });
  for (const [id, title] of PANELS) {
    await openPanel(page, title);
    await page.getByTestId(`panel-${id}`).screenshot({ path: `test-results/panel-${id}-full.png` });
  }
  // … and on a phone (390 px: the panels stack under the stage)
  await page.setViewportSize({ width: 390, height: 844 });
  for (const [id, title] of PANELS) {
    await openPanel(page, title);
    const panel = page.getByTestId(`panel-${id}`);
    await expect(panel).toBeVisible();
    const box = await panel.boundingBox();
    expect(box!.width).toBeLessThanOrEqual(390);
    await page.locator('aside.panels').screenshot({ path: `test-results/panel-${id}-390.png` });
  }

  // clicking the timeline jumps to that moment
  await page.setViewportSize({ width: 1280, height: 720 });
  await openPanel(page, 'Timeline');
  const stepNow = await page.getByTestId('step').innerText();
  const svg = page.getByTestId('panel-timeline').locator('svg[role="img"]');
  const sb = (await svg.boundingBox())!;
  await svg.click({ position: { x: 130, y: sb.height / 2 } });
  await expect(page.getByTestId('step')).not.toHaveText(stepNow);

  // clicking a log line seeks back to that event's step
  await page.setViewportSize({ width: 1280, height: 720 });
  await openPanel(page, 'Event log');
  const stepBefore = await page.getByTestId('step').innerText();
  await log.getByTestId('log-list').evaluate((el) => (el.scrollTop = 0));
  await log.locator('[data-index="0"]').click();
  await expect(page.getByTestId('step')).not.toHaveText(stepBefore);
  // the first line (the start of every server, done at step 0) belongs to step 0
  await expect(page.getByTestId('step')).toContainText(/^step 0 \//);

  expect(errors).toEqual([]);
});

test('panels speak Simplified Chinese', async ({ page }) => {
  test.setTimeout(180_000);
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
  await page.setViewportSize({ width: 1280, height: 2000 });
  await page.addInitScript(() => localStorage.setItem('zablab.lang', 'zh-CN'));
  await page.goto('/');
  await page.getByRole('tab', { name: 'zkCli 控制台', exact: true }).click();
  await expect(page.getByTestId('panel-console')).toContainText('没有服务器在运行');

  await page
    .getByRole('button', { name: /全部启动/ })
    .first()
    .click();
  await faster(page, 6);
  await page.getByTestId('play').click();
  await expect(page.getByText(/领导者：服务器 \d/).first()).toBeVisible({ timeout: 60_000 });
  const input = page.getByTestId('console-input');
  await input.fill('create /a 你好');
  await input.press('Enter');
  await expect(page.getByTestId('console-transcript')).toContainText('Created /a', { timeout: 60_000 });
  await page.getByTestId('play').click();

  const zhPanels: [string, string][] = [
    ['vote', '投票箱'],
    ['zab', 'ZAB'],
    ['pipeline', '请求流水线'],
    ['storage', '存储'],
    ['tree', 'DataTree'],
    ['log', '事件日志'],
    ['timeline', '时间线'],
    ['console', 'zkCli 控制台'],
  ];
  for (const [id, title] of zhPanels) {
    await page.getByRole('tab', { name: title, exact: true }).click();
    const panel = page.getByTestId(`panel-${id}`);
    await expect(panel).toBeVisible();
    expect(await panel.innerText()).toMatch(/[\u4e00-\u9fff]/);
    await panel.screenshot({ path: `test-results/panel-${id}-zh.png` });
  }
  await page.getByRole('tab', { name: '投票箱', exact: true }).click();
  await expect(page.getByTestId('panel-vote')).toContainText('FastLeaderElection');
  expect(errors).toEqual([]);
});
