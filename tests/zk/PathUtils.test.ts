import { describe, expect, it } from 'vitest';
import { basename, childPath, parentOf, validatePath } from '../../src/zk/PathUtils';

describe('PathUtils.validatePath', () => {
  it('accepts ordinary paths and the root', () => {
    for (const p of ['/', '/a', '/a/b', '/a.b', '/.a', '/a..', '/...', '/zookeeper/quota', '/a b', '/é']) {
      expect(validatePath(p), p).toBeNull();
    }
  });

  it("returns ZooKeeper's exact IllegalArgumentException messages", () => {
    expect(validatePath('')).toBe('Path length must be > 0');
    expect(validatePath('noslash')).toBe('Path must start with / character');
    expect(validatePath('/a/')).toBe('Path must not end with / character');
    expect(validatePath('/a//b')).toBe('Invalid path string "/a//b" caused by empty node name specified @3');
    expect(validatePath('/a/./b')).toBe(
      'Invalid path string "/a/./b" caused by relative paths not allowed @3',
    );
    expect(validatePath('/a/..')).toBe('Invalid path string "/a/.." caused by relative paths not allowed @4');
    expect(validatePath('/.')).toBe('Invalid path string "/." caused by relative paths not allowed @1');
    expect(validatePath('/a\u0000b')).toBe(
      'Invalid path string "/a\u0000b" caused by null character not allowed @2',
    );
    expect(validatePath('/a\u0001')).toBe('Invalid path string "/a\u0001" caused by invalid character @2');
    expect(validatePath('/\u007f')).toBe('Invalid path string "/\u007f" caused by invalid character @1');
    expect(validatePath('/\ufff5')).toBe('Invalid path string "/\ufff5" caused by invalid character @1');
    // Java walks UTF-16 units: any surrogate (so any emoji) is an invalid character
    expect(validatePath('/x😀')).toBe('Invalid path string "/x😀" caused by invalid character @2');
  });

  it('validates path + "1" for sequential creates', () => {
    expect(validatePath('/q/', true)).toBeNull();
    expect(validatePath('/q/', false)).toBe('Path must not end with / character');
    expect(validatePath('/q//', true)).toBe(
      'Invalid path string "/q//1" caused by empty node name specified @3',
    );
    expect(validatePath('q', true)).toBe('Path must start with / character');
  });
});

describe('parentOf / basename / childPath', () => {
  it('splits paths like lastIndexOf("/")', () => {
    expect(parentOf('/a/b/c')).toBe('/a/b');
    expect(parentOf('/a')).toBe('/');
    expect(parentOf('/')).toBe('/');
    expect(basename('/a/b/c')).toBe('c');
    expect(basename('/a')).toBe('a');
    expect(basename('/')).toBe('');
    expect(childPath('/', 'a')).toBe('/a');
    expect(childPath('/a', 'b')).toBe('/a/b');
  });
});
