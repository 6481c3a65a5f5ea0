import { describe, expect, it } from 'vitest';
import { WatchManager, type FiredWatch } from '../../src/zk/WatchManager';

function trigger(m: WatchManager, path: string, suppress: Set<string> | null = null) {
  const out: FiredWatch[] = [];
  const matched = m.triggerWatch(path, 'NodeDataChanged', out, suppress);
  return { out: out.map((e) => `${e.watcher}:${e.path}`), matched: matched ? [...matched] : null };
}

describe('WatchManager', () => {
  it('stores one entry per (watcher, path) and fires it once', () => {
    const m = new WatchManager();
    expect(m.addWatch('/a', 'c1')).toBe(true);
    expect(m.addWatch('/a', 'c1')).toBe(false);
    expect(m.addWatch('/a', 'c2')).toBe(true);
    expect(m.size()).toBe(2);
    expect(m.containsWatcher('/a', 'c1')).toBe(true);
    expect(trigger(m, '/a')).toEqual({ out: ['c1:/a', 'c2:/a'], matched: ['c1', 'c2'] });
    expect(trigger(m, '/a')).toEqual({ out: [], matched: null });
    expect(m.size()).toBe(0);
    expect(m.list()).toEqual([]);
  });

  it('only the exact path fires standard watches', () => {
    const m = new WatchManager();
    m.addWatch('/a', 'c1');
    expect(trigger(m, '/a/b').out).toEqual([]);
    expect(trigger(m, '/').out).toEqual([]);
    expect(m.size()).toBe(1);
  });

  it('suppressed watchers are consumed without an event', () => {
    const m = new WatchManager();
    m.addWatch('/a', 'c1');
    m.addWatch('/a', 'c2');
    expect(trigger(m, '/a', new Set(['c1']))).toEqual({ out: ['c2:/a'], matched: ['c1', 'c2'] });
    expect(m.size()).toBe(0);
  });

  it('removeWatcher and removeWatch', () => {
    const m = new WatchManager();
    m.addWatch('/a', 'c1');
    m.addWatch('/b', 'c1');
    m.addWatch('/a', 'c2');
    m.removeWatcher('c1');
    expect(m.list()).toEqual([{ watcher: 'c2', path: '/a', mode: 'STANDARD' }]);
    expect(m.removeWatch('/a', 'c2', 'PERSISTENT')).toBe(false);
    expect(m.removeWatch('/a', 'c2')).toBe(true);
    expect(m.removeWatch('/a', 'c2')).toBe(false);
    expect(m.size()).toBe(0);
    m.removeWatcher('nobody');
  });

  it('persistent watches survive triggers; a standard one on the same path is consumed', () => {
    const m = new WatchManager();
    m.addWatch('/a', 'c1', 'PERSISTENT');
    m.addWatch('/a', 'c1', 'STANDARD');
    expect(m.list().map((w) => w.mode)).toEqual(['STANDARD', 'PERSISTENT']);
    expect(trigger(m, '/a').out).toEqual(['c1:/a']); // one event for both modes
    expect(m.list().map((w) => w.mode)).toEqual(['PERSISTENT']);
    expect(trigger(m, '/a').out).toEqual(['c1:/a']);
    expect(m.containsWatcher('/a', 'c1', 'STANDARD')).toBe(false);
    expect(m.containsWatcher('/a', 'c1', 'PERSISTENT')).toBe(true);
  });

  it('persistent-recursive watches fire for the path and every descendant', () => {
    const m = new WatchManager();
    m.addWatch('/r', 'c1', 'PERSISTENT_RECURSIVE');
    m.addWatch('/', 'c2', 'PERSISTENT_RECURSIVE');
    m.addWatch('/r/x/y', 'c3');
    expect(trigger(m, '/r/x/y').out).toEqual(['c3:/r/x/y', 'c1:/r/x/y', 'c2:/r/x/y']);
    expect(trigger(m, '/r').out).toEqual(['c1:/r', 'c2:/r']);
    expect(trigger(m, '/other').out).toEqual(['c2:/other']);
    // removing the recursive ones stops the walk up
    m.removeWatcher('c2');
    expect(m.removeWatch('/r', 'c1', 'PERSISTENT_RECURSIVE')).toBe(true);
    m.addWatch('/q', 'c4');
    expect(trigger(m, '/q/z').out).toEqual([]);
    expect(m.size()).toBe(1);
  });

  it('lists watches sorted by path then watcher; pathsOf per watcher', () => {
    const m = new WatchManager();
    m.addWatch('/b', 'c2');
    m.addWatch('/a', 'c2');
    m.addWatch('/a', 'c1');
    expect(m.list()).toEqual([
      { watcher: 'c1', path: '/a', mode: 'STANDARD' },
      { watcher: 'c2', path: '/a', mode: 'STANDARD' },
      { watcher: 'c2', path: '/b', mode: 'STANDARD' },
    ]);
    expect(m.pathsOf('c2')).toEqual(['/a', '/b']);
    expect(m.pathsOf('nobody')).toEqual([]);
    m.clear();
    expect(m.size()).toBe(0);
  });
});
