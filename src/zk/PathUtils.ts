/**
 * Znode path rules — mirrors org.apache.zookeeper.common.PathUtils (client-side validation) plus
 * the parent/basename split DataTree and PrepRequestProcessor do with lastIndexOf('/').
 */

/**
 * PathUtils.validatePath: null if `path` is a valid znode path, else the exact message of the
 * IllegalArgumentException ZooKeeper throws (zkCli prints it as is).
 * For sequential creates the client validates path + "1", so "/q/" is a legal sequential prefix.
 */
export function validatePath(path: string, isSequential = false): string | null {
  return validatePlain(isSequential ? path + '1' : path);
}

function validatePlain(path: string): string | null {
  if (path.length === 0) return 'Path length must be > 0';
  if (path.charCodeAt(0) !== 0x2f) return 'Path must start with / character';
  if (path.length === 1) return null; // the root
  if (path.charCodeAt(path.length - 1) === 0x2f) return 'Path must not end with / character';

  // Java walks UTF-16 code units, so a surrogate pair (any non-BMP character) is "invalid".
  let reason: string | null = null;
  let lastc = 0x2f;
  for (let i = 1; i < path.length; lastc = path.charCodeAt(i), i++) {
    const c = path.charCodeAt(i);
    if (c === 0) {
      reason = `null character not allowed @${i}`;
      break;
    } else if (c === 0x2f && lastc === 0x2f) {
      reason = `empty node name specified @${i}`;
      break;
    } else if (c === 0x2e && lastc === 0x2e) {
      if (path.charCodeAt(i - 2) === 0x2f && (i + 1 === path.length || path.charCodeAt(i + 1) === 0x2f)) {
        reason = `relative paths not allowed @${i}`;
        break;
      }
    } else if (c === 0x2e) {
      if (path.charCodeAt(i - 1) === 0x2f && (i + 1 === path.length || path.charCodeAt(i + 1) === 0x2f)) {
        reason = `relative paths not allowed @${i}`;
        break;
      }
    } else if (
      (c > 0x0000 && c <= 0x001f) ||
      (c >= 0x007f && c <= 0x009f) ||
      (c >= 0xd800 && c <= 0xf8ff) ||
      (c >= 0xfff0 && c <= 0xffff)
    ) {
      reason = `invalid character @${i}`;
      break;
    }
  }
  return reason === null ? null : `Invalid path string "${path}" caused by ${reason}`;
}

/** Parent of a znode path: "/a/b" → "/a", "/a" → "/", "/" → "/". */
export function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.substring(0, i);
}

/** Last path component: "/a/b" → "b", "/" → "". */
export function basename(path: string): string {
  return path.substring(path.lastIndexOf('/') + 1);
}

/** Child path the way ZooKeeper builds it (no double slash under the root). */
export function childPath(parent: string, child: string): string {
  return parent === '/' ? '/' + child : parent + '/' + child;
}
