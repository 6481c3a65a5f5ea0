/**
 * Compare two servers' DataTrees: which znodes are missing on either side or differ.
 */
import type { ZNodeView } from '../../zk/view';

export type NodeDiff = 'same' | 'missingThere' | 'missingHere' | 'different';

function differs(a: ZNodeView, b: ZNodeView): boolean {
  return (
    a.data !== b.data ||
    a.stat.mzxid !== b.stat.mzxid ||
    a.stat.version !== b.stat.version ||
    a.stat.cversion !== b.stat.cversion ||
    a.stat.numChildren !== b.stat.numChildren ||
    a.stat.czxid !== b.stat.czxid ||
    a.ephemeral !== b.ephemeral
  );
}

/**
 * For every path of either tree: `missingThere` = only in `mine`, `missingHere` = only in `other`,
 * `different` = in both with other data/stat, `same` otherwise.
 */
export function diffTrees(mine: readonly ZNodeView[], other: readonly ZNodeView[]): Map<string, NodeDiff> {
  const out = new Map<string, NodeDiff>();
  const theirs = new Map(other.map((n) => [n.path, n]));
  for (const n of mine) {
    const o = theirs.get(n.path);
    out.set(n.path, o === undefined ? 'missingThere' : differs(n, o) ? 'different' : 'same');
  }
  for (const n of other) if (!out.has(n.path)) out.set(n.path, 'missingHere');
  return out;
}

/** Counts per kind, ignoring `same`. */
export function diffSummary(d: ReadonlyMap<string, NodeDiff>): Record<Exclude<NodeDiff, 'same'>, number> {
  const s = { missingThere: 0, missingHere: 0, different: 0 };
  for (const v of d.values()) if (v !== 'same') s[v]++;
  return s;
}

/** Parent path of a znode path ('/' has none). */
export function parentPath(path: string): string | null {
  if (path === '/') return null;
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

/** Last path component; '/' for the root. */
export function baseName(path: string): string {
  if (path === '/') return '/';
  return path.slice(path.lastIndexOf('/') + 1);
}
