/**
 * The text a quota node holds — mirrors org.apache.zookeeper.StatsTrack (3.9.5) and the paths of
 * org.apache.zookeeper.Quotas. `/zookeeper/quota/<path>/zookeeper_limits` holds the limits
 * ("count=10,bytes=-1=;byteHardLimit=-1;countHardLimit=-1"), `…/zookeeper_stats` what the subtree
 * uses ("count=3,bytes=12"), kept up to date by DataTree.updateQuotaStat on every server.
 */

export const PROC_ZOOKEEPER = '/zookeeper';
/** Quotas.quotaZookeeper */
export const QUOTA_ZOOKEEPER = '/zookeeper/quota';
/** Quotas.limitNode */
export const LIMIT_NODE = 'zookeeper_limits';
/** Quotas.statNode */
export const STAT_NODE = 'zookeeper_stats';

/** Quotas.quotaPath */
export function quotaPath(path: string): string {
  return QUOTA_ZOOKEEPER + path;
}
/** Quotas.limitPath */
export function limitPath(path: string): string {
  return QUOTA_ZOOKEEPER + path + '/' + LIMIT_NODE;
}
/** Quotas.statPath */
export function statPath(path: string): string {
  return QUOTA_ZOOKEEPER + path + '/' + STAT_NODE;
}
/** Quotas.trimQuotaPath */
export function trimQuotaPath(p: string): string {
  return p.substring(QUOTA_ZOOKEEPER.length);
}

const COUNT = 'count';
const BYTES = 'bytes';
const COUNT_HARD = 'countHardLimit';
const BYTES_HARD = 'byteHardLimit';

export class StatsTrack {
  private readonly stats = new Map<string, number>();

  /**
   * StatsTrack(String): "k=v" pairs split on [,;]+. Where Java's Long.parseLong would throw (a
   * node edited by hand into something else), the pair is skipped: the model never crashes a
   * server over a quota node's text.
   */
  constructor(text = '') {
    if (text === '') return;
    for (const pair of text.split(/[,;]+/)) {
      // String.split("=") drops trailing empty strings: "bytes=5=" is ["bytes", "5"]
      const kv = pair.split('=');
      while (kv.length > 1 && kv[kv.length - 1] === '') kv.pop();
      if (kv.length < 2) continue;
      const raw = kv[1] === '' ? '-1' : kv[1];
      if (!/^[+-]?\d+$/.test(raw)) continue;
      this.stats.set(kv[0], Number(raw));
    }
  }

  private get(key: string): number {
    return this.stats.get(key) ?? -1;
  }

  get count(): number {
    return this.get(COUNT);
  }
  set count(v: number) {
    this.stats.set(COUNT, v);
  }
  get bytes(): number {
    return this.get(BYTES);
  }
  set bytes(v: number) {
    this.stats.set(BYTES, v);
  }
  get countHardLimit(): number {
    return this.get(COUNT_HARD);
  }
  set countHardLimit(v: number) {
    this.stats.set(COUNT_HARD, v);
  }
  get byteHardLimit(): number {
    return this.get(BYTES_HARD);
  }
  set byteHardLimit(v: number) {
    this.stats.set(BYTES_HARD, v);
  }

  /** StatsTrack.toString: count and bytes first; any other key after an extra "=", sorted, ";"-joined. */
  toString(): string {
    let s = `${COUNT}=${this.count},${BYTES}=${this.bytes}`;
    const keys = [...this.stats.keys()].filter((k) => k !== COUNT && k !== BYTES).sort();
    if (keys.length > 0) {
      s += '=';
      for (const k of keys) s += `;${k}=${this.stats.get(k)}`;
    }
    return s;
  }
}
