/**
 * Clients with a host list, from the UI (issue 12). In the zkCli console a client connects with
 * a connect string of three servers and creates an ephemeral node; its server is crashed from the
 * stage; the client reconnects to another server of its list with the same session id, and the
 * ephemeral node is there on every server all along. The client-failover preset shows a lagging
 * server refusing a client that has seen a newer zxid, drawn on the client's pill; screenshots of
 * that moment (1280×720, en and zh-CN) go to /tmp/shots/clients/.
 */
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { runCommand, setPlaying } from './console';
import { failOnConsoleErrors, idle } from './guards';

const SHOTS = '/tmp/shots/clients';
mkdirSync(SHOTS, { recursive: true });

failOnConsoleErrors();

const summary = (page: Page) => page.evaluate(() => window.__zablab!.summary());
const stops = (page: Page) => page.evaluate(() => window.__zablab!.stops());

test('a client whose server crashes moves to another of its list with the same session; its ephemeral stays', async ({
  page,
}) => {
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/?runtime=memory');
  await page
    .getByRole('button', { name: /Start all/ })
    .first()
    .click();
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  for (let i = 0; i < 6; i++) await page.keyboard.press('+');
  await setPlaying(page, true);
  await expect(page.getByText(/leader: server \d/).first()).toBeVisible({ timeout: 30_000 });

  await page.getByRole('tab', { name: 'zkCli console', exact: true }).click();
  await runCommand(
    page,
    'connect server1:2181,server2:2181,server3:2181',
    'WatchedEvent state:SyncConnected type:None path:null',
  );
  await expect(page.getByTestId('console-hosts')).toContainText(/S\d → S\d → S\d/);
  await runCommand(page, 'create -e /e mine', 'Created /e');
  await setPlaying(page, false);
  await idle(page);

  const pill = page.locator('.client-pill[data-client="c1"]');
  await expect(pill).toHaveAttribute('data-state', 'CONNECTED');
  const first = Number(await pill.getAttribute('data-server'));
  const before = (await summary(page)).servers.find((s) => s.sid === first)?.tree['/e']?.stat.ephemeralOwner;
  expect(before).toMatch(/^0x[0-9a-f]+$/);

  // crash the client's server from its card's menu
  await page.locator(`.server-card[data-sid="${first}"]`).click();
  await page.keyboard.press('c');
  await expect(page.locator(`.server-card[data-sid="${first}"]`)).toHaveAttribute('data-role', 'DOWN');
  await setPlaying(page, true);
  await expect(pill).not.toHaveAttribute('data-server', String(first), { timeout: 20_000 });
  await expect(pill).toHaveAttribute('data-state', 'CONNECTED', { timeout: 20_000 });
  await setPlaying(page, false);
  await idle(page);

  const s = await summary(page);
  const c1 = s.events.filter((e) => e.id === 'c1' && e.type === 'None').map((e) => e.state);
  expect(c1).toEqual(['SyncConnected', 'Disconnected', 'SyncConnected']);
  const [, lost, back] = s.events.filter((e) => e.id === 'c1');
  expect(back.at - lost.at).toBeLessThan(30_000); // well within the session timeout
  // the same session: the ephemeral's owner, on every running server
  for (const server of s.servers.filter((x) => x.up))
    expect(server.tree['/e']?.stat.ephemeralOwner).toBe(before);
  expect(s.events.some((e) => e.type === 'NodeDeleted')).toBe(false);
  await expect(page.getByTestId('panel-console')).toContainText(before!);
  await setPlaying(page, true);
  await runCommand(page, 'get -s /e', `ephemeralOwner = ${before}`);
  await setPlaying(page, false);
});

for (const lang of ['en', 'zh-CN'] as const) {
  test(`client-failover preset: a lagging server refuses the client, drawn on its pill (${lang})`, async ({
    page,
  }) => {
    test.setTimeout(45_000);
    if (lang === 'zh-CN') await page.addInitScript(() => localStorage.setItem('zablab.lang', 'zh-CN'));
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto('/');
    await idle(page);
    await page.getByTestId('open-scenarios').click();
    await page.locator('[data-preset="client-failover"]').click();
    await page.getByTestId('open-preset').click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect.poll(async () => (await stops(page)).preset).toBe('client-failover');

    const refused = (await stops(page)).cues.find((c) => c.id === 'refused');
    if (!refused) throw new Error('no refused cue');
    await page.evaluate((step) => window.__zablab!.seek(step), refused.step);
    const pill = page.locator('.client-pill[data-client="c1"]');
    // S1's refusal reaches c1 one network hop after S1 sends it
    for (let i = 0; i < 40 && !/refused/.test((await pill.getAttribute('class')) ?? ''); i++) {
      const step = (await page.evaluate(() => window.__zablab!.position())).step;
      await page.evaluate((s) => window.__zablab!.seek(s), step + 1);
    }
    await expect(pill).toHaveClass(/refused/);
    const line = pill.locator('.client-refused');
    await expect(line).toHaveAttribute('data-refused-by', '1');
    await expect(line).toContainText('S1');
    await expect(line).toContainText('1:3 > 1:2');
    await expect(line).toHaveAttribute(
      'title',
      lang === 'en' ? /S1 refused this client/ : /S1 拒绝了这个客户端/,
    );
    await page.screenshot({ path: `${SHOTS}/refused-${lang}.png` });

    // then it is connected to S3 with the same session, and /owner was never deleted
    const end = (await stops(page)).cues.find((c) => c.id === 'kept');
    if (!end) throw new Error('no kept cue');
    await page.evaluate((step) => window.__zablab!.seek(step), end.step);
    await expect(pill).toHaveAttribute('data-server', '3');
    await expect(pill).toHaveAttribute('data-state', 'CONNECTED');
    await expect(pill).not.toHaveClass(/refused/);
    const s = await summary(page);
    expect(s.clients.filter((c) => c.id === 'c1').at(-1)?.output).toMatch(/ephemeralOwner = 0x2/);
    for (const server of s.servers.filter((x) => x.up)) expect(server.tree['/owner']).toBeDefined();
  });
}
