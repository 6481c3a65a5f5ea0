/** 5. DataTree: the selected server's znodes as a tidy tree; click for Stat; compare with another server. */
import { useMemo } from 'react';
import type { ZNodeView } from '../../zk/view';
import { javaDateString, statTimeToEpochMs, zxidToHex } from '../../zk/viewApi';
import { visible } from '../../share/visible';
import { useT } from '../i18n';
import { usePanelSim } from '../readingRate';
import { Empty, ServerPicker, StateBadge, useSelectedServer } from './common';
import { fmtTime, type Translate } from './format';
import { BOX_H, layoutTree, shownName, treeItems, type TreeItem } from './tree';
import { diffSummary, diffTrees } from './treeDiff';
import { usePanelUi } from './uiState';
import { AclView, isRestricted } from './AclView';
import { ZnodeKindView } from './ZnodeKindView';

/** A Stat time as zkCli prints it (the simulation's wall clock), with the virtual time after it. */
function statTime(t: number): string {
  const date = javaDateString(statTimeToEpochMs(t));
  return t === 0 ? date : `${date} (${fmtTime(t)})`;
}

/** zkCli's `stat` lines for a znode, in zkCli's order and names. */
export function statLines(n: ZNodeView): [string, string][] {
  const s = n.stat;
  return [
    ['cZxid', zxidToHex(s.czxid)],
    ['ctime', statTime(s.ctime)],
    ['mZxid', zxidToHex(s.mzxid)],
    ['mtime', statTime(s.mtime)],
    ['pZxid', zxidToHex(s.pzxid)],
    ['cversion', `${s.cversion}`],
    ['dataVersion', `${s.version}`],
    ['aclVersion', `${s.aversion}`],
    ['ephemeralOwner', s.ephemeralOwner],
    ['dataLength', `${s.dataLength}`],
    ['numChildren', `${s.numChildren}`],
  ];
}

/** A short preview of a znode's data, quoted like JSON. */
export function dataPreview(data: string, max = 12): string {
  const s = data.length > max ? `${data.slice(0, max)}…` : data;
  return JSON.stringify(s);
}

function tagText(i: TreeItem, t: Translate, other: number | null): string {
  const tags: string[] = [];
  const data = (i.node ?? i.other)?.data ?? '';
  if (data !== '' && i.path !== '/' && !i.path.startsWith('/zookeeper'))
    tags.push(`= ${visible(dataPreview(data))}`);
  if (i.ephemeral) tags.push(`◷ ${t('panels.tree.ephemeral')}`);
  if (i.sequential) tags.push(`# ${t('panels.tree.sequential')}`);
  if (isRestricted(i.node)) tags.push(`🔒 ${t('zkfeatures.acl.tag')}`);
  if (i.node?.kind === 'container') tags.push(`▣ ${t('znodes.tag.container')}`);
  if (i.node?.kind === 'ttl') tags.push(`⏱ ${t('znodes.tag.ttl', { ttl: i.node.ttl ?? 0 })}`);
  if (i.node?.quota) tags.push(`⚖ ${t('znodes.tag.quota')}`);
  if (other !== null) {
    if (i.diff === 'missingThere') tags.push(`✕ ${t('panels.tree.missingThere', { sid: other })}`);
    if (i.diff === 'missingHere') tags.push(`+ ${t('panels.tree.missingHere', { sid: other })}`);
    if (i.diff === 'different') tags.push(`≠ ${t('panels.tree.different')}`);
  }
  return tags.join('  ');
}

function StatBox({ item, here, other }: { item: TreeItem; here: number; other: number | null }) {
  const t = useT();
  const a = item.node;
  const b = other !== null ? item.other : null;
  const la = a ? statLines(a) : null;
  const lb = b ? statLines(b) : null;
  return (
    <div className="zp-card" data-testid="znode-stat">
      <div className="zp-row">
        <strong className="zp-mono">{visible(item.path)}</strong>
        {item.ephemeral && <span className="zp-badge">◷ {t('panels.tree.ephemeral')}</span>}
        {item.sequential && <span className="zp-badge"># {t('panels.tree.sequential')}</span>}
      </div>
      <div className="zp-scroll-x">
        <table className="zp-table">
          <thead>
            <tr>
              <th />
              <th>{t('panels.server', { sid: here })}</th>
              {other !== null && <th>{t('panels.server', { sid: other })}</th>}
            </tr>
          </thead>
          <tbody>
            <tr>
              <td className="zp-mono">data</td>
              <td className="zp-mono">{a ? visible(JSON.stringify(a.data)) : t('panels.tree.absent')}</td>
              {other !== null && (
                <td className="zp-mono">{b ? visible(JSON.stringify(b.data)) : t('panels.tree.absent')}</td>
              )}
            </tr>
            {(la ?? lb ?? []).map(([k], i) => {
              const va = la?.[i][1];
              const vb = lb?.[i][1];
              const diff = other !== null && va !== undefined && vb !== undefined && va !== vb;
              return (
                <tr key={k}>
                  <td className="zp-mono">{k}</td>
                  <td className="zp-mono" style={diff ? { fontWeight: 700 } : undefined}>
                    {va ?? '—'}
                  </td>
                  {other !== null && (
                    <td className="zp-mono" style={diff ? { fontWeight: 700 } : undefined}>
                      {vb ?? '—'}
                      {diff ? ' ≠' : ''}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="zp-muted zp-small">{t('panels.tree.statHint')}</p>
      <ZnodeKindView node={a} />
      <AclView node={a} other={b} here={here} otherSid={other} />
    </div>
  );
}

export function DataTreePanel() {
  const t = useT();
  const server = useSelectedServer();
  const servers = usePanelSim((s) => s.view.servers);
  const leaderSid = usePanelSim((s) => s.view.leader);
  const compareSid = usePanelUi((s) => s.treeCompare);
  const selPath = usePanelUi((s) => s.treePath);
  const setUi = usePanelUi((s) => s.set);
  const setCompareSid = (sid: number | null) => setUi({ treeCompare: sid });
  const setSelPath = (path: string | null) => setUi({ treePath: path });

  const otherServer =
    compareSid !== null && server && compareSid !== server.sid
      ? (servers.find((s) => s.sid === compareSid) ?? null)
      : null;
  const mine = server?.tree;
  const theirs = otherServer?.tree ?? null;

  const diff = useMemo(() => (mine && theirs ? diffTrees(mine, theirs) : null), [mine, theirs]);
  const layout = useMemo(() => {
    if (!mine) return null;
    const { items, hidden } = treeItems(mine, theirs, diff);
    return layoutTree(items, (i) => tagText(i, t, otherServer?.sid ?? null), hidden);
  }, [mine, theirs, diff, t, otherServer?.sid]);

  if (!server) return <Empty title={t('panels.noServers')} />;
  const sum = diff ? diffSummary(diff) : null;
  const selected = layout?.nodes.find((n) => n.item.path === selPath)?.item ?? null;
  const hasData = server.tree.length > 0;

  return (
    <div className="zp zp-tree-panel" data-testid="panel-tree">
      <ServerPicker />
      <div className="zp-row">
        <StateBadge state={server.state} />
        <label className="zp-row" style={{ gap: 6 }}>
          <span>{t('panels.tree.compare')}</span>
          <select
            value={otherServer?.sid ?? ''}
            onChange={(e) => setCompareSid(e.target.value === '' ? null : Number(e.target.value))}
            data-testid="tree-compare"
          >
            <option value="">{t('panels.tree.compareNone')}</option>
            {servers
              .filter((s) => s.sid !== server.sid)
              .map((s) => (
                <option key={s.sid} value={s.sid}>
                  {t('panels.server', { sid: s.sid })} ({s.state})
                </option>
              ))}
          </select>
        </label>
        {leaderSid !== null && leaderSid !== server.sid && otherServer?.sid !== leaderSid && (
          <button type="button" className="zp-btn zp-link" onClick={() => setCompareSid(leaderSid)}>
            {t('panels.tree.compareLeader', { sid: leaderSid })}
          </button>
        )}
      </div>

      {!hasData ? (
        <Empty title={t('panels.tree.emptyTitle', { sid: server.sid })}>
          {t(server.up ? 'panels.tree.emptyHint' : 'panels.tree.downHint')}
        </Empty>
      ) : (
        <>
          {sum && otherServer && (
            <p
              className={`zp-badge ${sum.missingHere + sum.missingThere + sum.different === 0 ? 'zp-good' : 'zp-warn'}`}
              style={{ whiteSpace: 'normal' }}
            >
              {sum.missingHere + sum.missingThere + sum.different === 0
                ? t('panels.tree.identical', { a: server.sid, b: otherServer.sid })
                : t('panels.tree.diffSummary', {
                    b: otherServer.sid,
                    missingHere: sum.missingHere,
                    missingThere: sum.missingThere,
                    different: sum.different,
                  })}
            </p>
          )}
          {!server.up && <p className="zp-muted">{t('panels.tree.staleDown', { sid: server.sid })}</p>}
          <div className="zp-tree-wrap">
            {layout && (
              <svg
                className="zp-tree"
                width={layout.width}
                height={layout.height}
                role="tree"
                aria-label={t('panels.tree.label', { sid: server.sid })}
              >
                {layout.nodes.map(
                  (n) =>
                    n.parent && (
                      <path
                        key={`l-${n.item.path}`}
                        className="zp-link"
                        d={`M${n.parent.x + n.parent.w},${n.parent.y} C${n.parent.x + n.parent.w + 16},${n.parent.y} ${n.x - 16},${n.y} ${n.x},${n.y}`}
                      />
                    ),
                )}
                {layout.nodes.map((n) => {
                  const tags = tagText(n.item, t, otherServer?.sid ?? null);
                  const isSel = n.item.path === selPath;
                  return (
                    <g
                      key={n.item.path}
                      className={`zp-node zp-d-${n.item.diff}${isSel ? ' zp-sel' : ''}`}
                      transform={`translate(${n.x},${n.y - BOX_H / 2})`}
                      role="treeitem"
                      aria-selected={isSel}
                      aria-label={`${n.item.path} ${tags}`}
                      tabIndex={0}
                      data-path={n.item.path}
                      onClick={() => setSelPath(n.item.path)}
                      onKeyDown={(e) => {
                        if (e.key === 'Enter' || e.key === ' ') {
                          e.preventDefault();
                          setSelPath(n.item.path);
                        }
                      }}
                    >
                      <title>{visible(n.item.path)}</title>
                      <rect className="zp-node-box" width={n.w} height={BOX_H} rx={5} />
                      <text x={8} y={BOX_H / 2 + 4.5}>
                        <tspan fontWeight={600}>{visible(shownName(n.item.name))}</tspan>
                        {tags && (
                          <tspan className="zp-tag" dx={10}>
                            {tags}
                          </tspan>
                        )}
                      </text>
                    </g>
                  );
                })}
              </svg>
            )}
          </div>
          {layout && layout.hidden > 0 && (
            <p className="zp-muted">{t('panels.tree.hidden', { n: layout.hidden })}</p>
          )}
          <div className="zp-legend">
            <span>◷ {t('panels.tree.ephemeralLegend')}</span>
            <span># {t('panels.tree.sequentialLegend')}</span>
            {otherServer && (
              <>
                <span>✕ {t('panels.tree.missingThereLegend', { sid: otherServer.sid })}</span>
                <span>+ {t('panels.tree.missingHereLegend', { sid: otherServer.sid })}</span>
                <span>≠ {t('panels.tree.differentLegend')}</span>
              </>
            )}
          </div>
          {selected ? (
            <StatBox item={selected} here={server.sid} other={otherServer?.sid ?? null} />
          ) : (
            <p className="zp-muted">{t('panels.tree.clickHint')}</p>
          )}
        </>
      )}
    </div>
  );
}
