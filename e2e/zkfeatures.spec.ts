import { expect, test, type Page } from '@playwright/test';
import { runCommand, setPlaying } from './console';

/**
 * ACLs and four-letter words from the UI: in the zkCli console alice authenticates (addauth
 * digest) and creates /lock with auth::cdrwa; a second session on another server is refused
 * ("Insufficient permission") and sends `echo srvr | nc server1 2181` (answered) and ruok
 * (refused by the default whitelist); the DataTree panel shows the znode's ACL as getAcl prints
 * it. Screenshots go to /tmp/shots/zkfeatures/.
 */

const SHOTS = '/tmp/shots/zkfeatures';

async function openPanel(page: Page, title: string) {
  await page.getByRole('tab', { name: title, exact: true }).click();
}

test('digest ACL and four-letter words from the console; the tree shows the ACL', async ({ page }) => {
  test.setTimeout(60_000);
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.addInitScript(() => localStorage.setItem('zablab.lang', 'en'));
  await page.goto('/?runtime=memory');

  await page
    .getByRole('button', { name: /Start all/ })
    .first()
    .click();
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  for (let i = 0; i < 6; i++) await page.keyboard.press('+');
  await setPlaying(page, true);
  await expect(page.getByText(/leader: server \d/).first()).toBeVisible({ timeout: 30_000 });

  await openPanel(page, 'zkCli console');
  await runCommand(page, 'addauth digest alice:secret', 'zk> addauth digest alice:secret');
  await runCommand(page, 'create /lock held auth::cdrwa', 'Created /lock');
  await runCommand(page, 'getAcl /lock', "'digest,'alice:aYXlLOpEooaV1cRAvUL1fp9Qt7E=");
  await expect(page.getByTestId('console-transcript')).toContainText(': cdrwa');
  await runCommand(page, 'whoami', 'digest: alice');

  // a second session, on another server, without the credential
  await page.getByRole('button', { name: 'open a new client session' }).click();
  await page.getByTestId('console-server').selectOption('2');
  await runCommand(page, 'get /lock', 'Insufficient permission : /lock');
  await runCommand(
    page,
    'set /lock mine',
    /Insufficient permission : \/lock[\s\S]*Insufficient permission : \/lock/,
  );
  await page.locator('aside.panels').screenshot({ path: `${SHOTS}/console-denied.png` });

  // a four-letter word to server 1 from the same console, as `echo srvr | nc server1 2181`
  await runCommand(
    page,
    'echo srvr | nc server1 2181',
    /Zookeeper version: 3\.9\.5-[\s\S]*Mode: (leader|follower)/,
  );
  await expect(page.getByTestId('console-transcript')).toContainText('Node count: 6');
  await runCommand(
    page,
    'echo ruok | nc server1 2181',
    'ruok is not executed because it is not in the whitelist.',
  );
  await page.locator('aside.panels').screenshot({ path: `${SHOTS}/console-4lw.png` });

  await setPlaying(page, false);
  await openPanel(page, 'DataTree');
  const tree = page.getByTestId('panel-tree');
  await tree.getByTitle(/^Show server 2 /).click();
  await tree.locator('[data-path="/lock"]').click();
  const acl = tree.getByTestId('znode-acl');
  await expect(acl).toContainText("'digest,'alice:aYXlLOpEooaV1cRAvUL1fp9Qt7E=");
  await expect(acl).toContainText(': cdrwa');
  await expect(acl).toContainText('change the ACL');
  await acl.scrollIntoViewIfNeeded();
  await page.locator('aside.panels').screenshot({ path: `${SHOTS}/tree-acl.png` });
  expect(errors).toEqual([]);
});
