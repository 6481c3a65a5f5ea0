import { describe, expect, it } from 'vitest';
import type { ZNodeView } from '../../src/zk/view';
import { layoutTree, treeItems } from '../../src/ui/panels/tree';
import { baseName, diffSummary, diffTrees, parentPath } from '../../src/ui/panels/treeDiff';
import { isSequentialName } from '../../src/ui/panels/format';

function node(path: string, data = '', mzxid = 0, extra: Partial<ZNodeView> = {}): ZNodeView {
  return {
    path,
    data,
    ephemeral: false,
    stat: {
      czxid: mzxid,
      mzxid,
      pzxid: mzxid,
      ctime: 0,
      mtime: 0,
      version: 0,
      cversion: 0,
      aversion: 0,
      ephemeralOwner: '0x0',
      dataLength: data.length,
      numChildren: 0,
    },
    ...extra,
  };
}

const base = [node('/'), node('/zookeeper'), node('/zookeeper/config'), node('/zookeeper/quota')];

describe('tree diff', () => {
  it('finds nodes missing on either side and nodes that differ', () => {
    const leader = [
      ...base,
      node('/a', 'hello', 0x100000002),
      node('/b', 'x', 0x100000003),
      node('/c', 'v2', 0x100000005),
    ];
    const lagging = [
      ...base,
      node('/a', 'hello', 0x100000002),
      node('/c', 'v1', 0x100000004),
      node('/old', '', 1),
    ];
    const d = diffTrees(lagging, leader);
    expect(d.get('/a')).toBe('same');
    expect(d.get('/b')).toBe('missingHere');
    expect(d.get('/c')).toBe('different');
    expect(d.get('/old')).toBe('missingThere');
    expect(d.get('/zookeeper')).toBe('same');
    expect(diffSummary(d)).toEqual({ missingHere: 1, missingThere: 1, different: 1 });
    expect(diffSummary(diffTrees(leader, leader))).toEqual({ missingHere: 0, missingThere: 0, different: 0 });
  });

  it('splits paths', () => {
    expect(parentPath('/')).toBeNull();
    expect(parentPath('/a')).toBe('/');
    expect(parentPath('/a/b-0000000001')).toBe('/a');
    expect(baseName('/a/b-0000000001')).toBe('b-0000000001');
    expect(baseName('/')).toBe('/');
    expect(isSequentialName('b-0000000001')).toBe(true);
    expect(isSequentialName('b-1')).toBe(false);
  });
});

describe('tree layout', () => {
  it('draws the union with ghosts for what a lagging server misses, parents left of children', () => {
    const mine = [...base, node('/q')];
    const other = [...base, node('/q'), node('/q/n-0000000000', '', 3, { ephemeral: true }), node('/r')];
    const d = diffTrees(mine, other);
    const { items, hidden } = treeItems(mine, other, d);
    expect(hidden).toBe(0);
    const byPath = new Map(items.map((i) => [i.path, i]));
    expect(byPath.get('/r')?.diff).toBe('missingHere');
    expect(byPath.get('/r')?.node).toBeNull();
    expect(byPath.get('/q/n-0000000000')?.ephemeral).toBe(true);
    expect(byPath.get('/q/n-0000000000')?.sequential).toBe(true);
    const lay = layoutTree(items, () => '');
    expect(lay.nodes).toHaveLength(items.length);
    const pos = new Map(lay.nodes.map((n) => [n.item.path, n]));
    expect(pos.get('/q')!.x).toBeGreaterThan(pos.get('/')!.x);
    expect(pos.get('/q/n-0000000000')!.x).toBeGreaterThan(pos.get('/q')!.x);
    // boxes in one column never overlap
    const cols = new Map<number, number[]>();
    for (const n of lay.nodes) cols.set(n.x, [...(cols.get(n.x) ?? []), n.y]);
    for (const ys of cols.values()) {
      ys.sort((a, b) => a - b);
      for (let i = 1; i < ys.length; i++) expect(ys[i] - ys[i - 1]).toBeGreaterThanOrEqual(24);
    }
    for (const n of lay.nodes) {
      expect(n.x + n.w).toBeLessThanOrEqual(lay.width);
      expect(n.y).toBeLessThanOrEqual(lay.height);
    }
  });

  it('caps huge trees while keeping every kept node with its parent', () => {
    const many = [
      node('/'),
      ...Array.from({ length: 1000 }, (_, i) => node(`/n${String(i).padStart(4, '0')}`)),
    ];
    const { items, hidden } = treeItems(many, null, null, 100);
    expect(items).toHaveLength(100);
    expect(hidden).toBe(901);
    expect(() => layoutTree(items, () => '')).not.toThrow();
  });
});
