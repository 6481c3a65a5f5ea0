/**
 * Layout of a DataTree for the SVG view: d3-hierarchy's tidy tree, drawn left to right, with one
 * column per depth as wide as its widest label. Pure (no DOM), so it can be unit-tested.
 */
import { stratify, tree as d3tree, type HierarchyPointNode } from 'd3-hierarchy';
import type { ZNodeView } from '../../zk/view';
import { baseName, parentPath, type NodeDiff } from './treeDiff';
import { isSequentialName } from './format';

export interface TreeItem {
  path: string;
  name: string;
  node: ZNodeView | null;
  /** the other server's version, when comparing */
  other: ZNodeView | null;
  diff: NodeDiff;
  ephemeral: boolean;
  sequential: boolean;
}

export interface PlacedNode {
  item: TreeItem;
  x: number;
  y: number;
  w: number;
  parent: { x: number; y: number; w: number } | null;
}

export interface TreeLayout {
  nodes: PlacedNode[];
  width: number;
  height: number;
  /** how many znodes were left out (very large trees) */
  hidden: number;
}

export const ROW_H = 30;
export const BOX_H = 24;
const GAP_X = 34;
const PAD = 12;
/** rough advance of a 13 px character; CJK tags are wider */
function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.charCodeAt(0) > 0x2e80 ? 13 : 7.9;
  return w;
}

/** Width of the box for a node, given the text of its tags. */
/** Longest znode name drawn in full; a longer one keeps its start and end (the full path is its tooltip). */
export const NAME_MAX = 24;

/** The name as the tree draws it: `configuration-o…vice-name` for a long one, so one node cannot widen its column off the panel. */
export function shownName(name: string): string {
  const chars = [...name];
  if (chars.length <= NAME_MAX) return name;
  const head = Math.ceil((NAME_MAX - 1) / 2);
  const tail = NAME_MAX - 1 - head;
  return `${chars.slice(0, head).join('')}…${chars.slice(chars.length - tail).join('')}`;
}

export function boxWidth(item: TreeItem, tags: string): number {
  return Math.ceil(textWidth(shownName(item.name)) + (tags ? textWidth(tags) + 10 : 0) + 16);
}

/**
 * Union of both trees (nodes missing here become ghost nodes), capped at `limit` znodes
 * (sorted by path, so every kept node keeps its parent).
 */
export function treeItems(
  mine: readonly ZNodeView[],
  other: readonly ZNodeView[] | null,
  diff: ReadonlyMap<string, NodeDiff> | null,
  limit = 400,
): { items: TreeItem[]; hidden: number } {
  const byPath = new Map<string, TreeItem>();
  const otherBy = new Map((other ?? []).map((n) => [n.path, n]));
  const add = (n: ZNodeView | null, o: ZNodeView | null, path: string) => {
    const ref = n ?? o!;
    const name = baseName(path);
    byPath.set(path, {
      path,
      name,
      node: n,
      other: o,
      diff: diff?.get(path) ?? 'same',
      ephemeral: ref.ephemeral,
      sequential: path !== '/' && isSequentialName(name),
    });
  };
  for (const n of mine) add(n, otherBy.get(n.path) ?? null, n.path);
  if (other) for (const o of other) if (!byPath.has(o.path)) add(null, o, o.path);
  // a tree always has a root, even if the view left it out
  if (!byPath.has('/'))
    byPath.set('/', {
      path: '/',
      name: '/',
      node: null,
      other: null,
      diff: 'same',
      ephemeral: false,
      sequential: false,
    });
  // parents of orphans (should not happen) are synthesised so stratify never fails
  for (const p of [...byPath.keys()]) {
    let q = parentPath(p);
    while (q !== null && !byPath.has(q)) {
      byPath.set(q, {
        path: q,
        name: baseName(q),
        node: null,
        other: null,
        diff: 'same',
        ephemeral: false,
        sequential: false,
      });
      q = parentPath(q);
    }
  }
  const all = [...byPath.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { items: all.slice(0, limit), hidden: Math.max(0, all.length - limit) };
}

/** Places the items; `tagsOf` gives the text drawn after a node's name (for its width). */
export function layoutTree(
  items: readonly TreeItem[],
  tagsOf: (i: TreeItem) => string,
  hidden = 0,
): TreeLayout {
  if (items.length === 0) return { nodes: [], width: 0, height: 0, hidden };
  const root = stratify<TreeItem>()
    .id((d) => d.path)
    .parentId((d) => parentPath(d.path))([...items]);
  const laid = d3tree<TreeItem>()
    .nodeSize([ROW_H, 1])
    .separation(() => 1)(root);
  const widths = new Map<TreeItem, number>();
  const colW: number[] = [];
  laid.each((n) => {
    const w = boxWidth(n.data, tagsOf(n.data));
    widths.set(n.data, w);
    colW[n.depth] = Math.max(colW[n.depth] ?? 0, w);
  });
  const colX: number[] = [];
  let acc = PAD;
  for (let d = 0; d < colW.length; d++) {
    colX[d] = acc;
    acc += colW[d] + GAP_X;
  }
  let minY = Infinity;
  let maxY = -Infinity;
  laid.each((n) => {
    minY = Math.min(minY, n.x);
    maxY = Math.max(maxY, n.x);
  });
  const place = (n: HierarchyPointNode<TreeItem>) => ({
    x: colX[n.depth],
    y: n.x - minY + PAD + BOX_H / 2,
    w: widths.get(n.data)!,
  });
  const nodes: PlacedNode[] = laid.descendants().map((n) => ({
    item: n.data,
    ...place(n),
    parent: n.parent ? place(n.parent) : null,
  }));
  return { nodes, width: acc - GAP_X + PAD, height: maxY - minY + BOX_H + 2 * PAD, hidden };
}
