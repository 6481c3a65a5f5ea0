/**
 * A znode's kind and quota in the DataTree panel: a container (ContainerManager deletes it once it
 * is empty after having had a child), a TTL node (deleted once empty and not modified for longer
 * than its ttl: the virtual time it becomes a candidate is shown), and the quota set on the path
 * (its zookeeper_limits and zookeeper_stats, as listquota prints them, read with StatsTrack).
 */
import type { ZNodeView } from '../../zk/view';
import { StatsTrack } from '../../zk/viewApi';
import { useT } from '../i18n';
import { fmtTime } from './format';

/** One limit of a quota in words: "-1" is no limit. */
function limitText(v: number, t: ReturnType<typeof useT>): string {
  return v < 0 ? t('znodes.quota.none') : String(v);
}

export function ZnodeKindView({ node }: { node: ZNodeView | null }) {
  const t = useT();
  if (!node || (node.kind === undefined && node.quota === undefined)) return null;
  const limits = node.quota ? new StatsTrack(node.quota.limits) : null;
  const stats = node.quota ? new StatsTrack(node.quota.stats) : null;
  return (
    <div data-testid="znode-kind" style={{ marginTop: 8 }}>
      {node.kind === 'container' && (
        <>
          <strong>▣ {t('znodes.kind.container')}</strong>
          <p className="zp-muted zp-small">
            {node.stat.cversion > 0 || node.stat.numChildren > 0
              ? t('znodes.kind.containerUsed')
              : t('znodes.kind.containerNew')}
          </p>
        </>
      )}
      {node.kind === 'ttl' && node.ttl !== undefined && (
        <>
          <strong>⏱ {t('znodes.kind.ttl', { ttl: node.ttl })}</strong>
          <p className="zp-muted zp-small" data-testid="znode-ttl">
            {node.stat.numChildren > 0
              ? t('znodes.kind.ttlChildren')
              : t('znodes.kind.ttlExpiry', { at: fmtTime(node.stat.mtime + node.ttl) })}
          </p>
        </>
      )}
      {limits && stats && node.quota && (
        <div data-testid="znode-quota">
          <strong>⚖ {t('znodes.quota.title')}</strong>
          <table className="zp-table">
            <thead>
              <tr>
                <th />
                <th>{t('znodes.quota.count')}</th>
                <th>{t('znodes.quota.bytes')}</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <td>{t('znodes.quota.used')}</td>
                <td className="zp-mono">{stats.count}</td>
                <td className="zp-mono">{stats.bytes}</td>
              </tr>
              <tr>
                <td>{t('znodes.quota.soft')}</td>
                <td className="zp-mono">{limitText(limits.count, t)}</td>
                <td className="zp-mono">{limitText(limits.bytes, t)}</td>
              </tr>
              <tr>
                <td>{t('znodes.quota.hard')}</td>
                <td className="zp-mono">{limitText(limits.countHardLimit, t)}</td>
                <td className="zp-mono">{limitText(limits.byteHardLimit, t)}</td>
              </tr>
            </tbody>
          </table>
          <p className="zp-muted zp-small">{t('znodes.quota.hint')}</p>
        </div>
      )}
    </div>
  );
}
