import { expect, test } from '@playwright/test';
import { runCommand, setPlaying } from './console';

/**
 * Persistent watches, a container and a quota from the UI: in the zkCli console a session adds a
 * PERSISTENT watch on /jobs, creates /jobs as a container and sees one WATCHER:: block per child
 * created (the watch stays); setquota puts a soft count limit on /jobs that listquota shows; the
 * DataTree panel marks /jobs as a container with a quota and shows used / soft / hard. The same in
 * zh-CN. Screenshots (1280×720) go to /tmp/shots/znodes/.
 */

const SHOTS = '/tmp/shots/znodes';

for (const lang of ['en', 'zh-CN'] as const) {
  test(`addWatch, a container and a quota from the console; the tree shows kind and quota (${lang})`, async ({
    page,
  }) => {
    test.setTimeout(60_000);
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.addInitScript((l) => localStorage.setItem('zablab.lang', l), lang);
    await page.goto('/?runtime=memory');
    const zh = lang === 'zh-CN';

    await page
      .getByRole('button', { name: zh ? /全部启动/ : /Start all/ })
      .first()
      .click();
    await page.locator('body').click({ position: { x: 2, y: 2 } });
    for (let i = 0; i < 6; i++) await page.keyboard.press('+');
    await setPlaying(page, true);
    await expect(page.getByText(zh ? /领导者：服务器 \d/ : /leader: server \d/).first()).toBeVisible({
      timeout: 30_000,
    });

    await page.getByRole('tab', { name: zh ? 'zkCli 控制台' : 'zkCli console', exact: true }).click();
    await runCommand(page, 'addWatch -m PERSISTENT /jobs', 'zk> addWatch -m PERSISTENT /jobs');
    await runCommand(page, 'create -c /jobs', 'Created /jobs');
    await expect(page.getByTestId('console-transcript')).toContainText(
      'WatchedEvent state:SyncConnected type:NodeCreated path:/jobs',
    );
    await runCommand(page, 'create /jobs/j1 a', 'Created /jobs/j1');
    await runCommand(page, 'create /jobs/j2 b', 'Created /jobs/j2');
    // the persistent watch fired for each child and is still there
    const transcript = page.getByTestId('console-transcript');
    await expect(transcript).toContainText(
      /NodeChildrenChanged path:\/jobs[\s\S]*NodeChildrenChanged path:\/jobs/,
    );
    await runCommand(page, 'setquota -n 2 /jobs', 'zk> setquota -n 2 /jobs');
    await runCommand(page, 'create /jobs/j3 c', 'Created /jobs/j3');
    await runCommand(page, 'listquota /jobs', 'Output stat for /jobs count=4,bytes=3');
    await expect(transcript).toContainText(
      'Output quota for /jobs count=2,bytes=-1=;byteHardLimit=-1;countHardLimit=-1',
    );
    await page.screenshot({ path: `${SHOTS}/console-${lang}.png` });

    await setPlaying(page, false);
    await page.getByRole('tab', { name: 'DataTree', exact: true }).click();
    const tree = page.getByTestId('panel-tree');
    await tree.locator('[data-path="/jobs"]').click();
    const kind = tree.getByTestId('znode-kind');
    await expect(kind).toContainText(zh ? '容器节点' : 'Container node');
    const quota = tree.getByTestId('znode-quota');
    await expect(quota).toContainText(zh ? '软限制' : 'soft limit');
    await expect(quota.locator('td.zp-mono').first()).toHaveText('4');
    await kind.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/tree-${lang}.png` });
    expect(errors).toEqual([]);
  });
}
