/**
 * The "ip" scheme — mirrors org.apache.zookeeper.server.auth.IPAuthenticationProvider (3.9.5):
 * every connection carries `ip:<its address>` from the start (NIOServerCnxn's constructor), an
 * ACL entry is an address or `address/bits`, IPv4 or IPv6, and matches after masking both.
 */
import type { AuthenticationProvider } from './AuthenticationProvider';

/** Java's Integer.parseInt(s, radix), or null where it would throw NumberFormatException. */
function parseJavaInt(s: string, radix: 10 | 16): number | null {
  const re = radix === 10 ? /^[+-]?[0-9]+$/ : /^[+-]?[0-9a-fA-F]+$/;
  if (!re.test(s)) return null;
  const n = parseInt(s, radix);
  return n >= -2147483648 && n <= 2147483647 ? n : null;
}

/** v4addr2Bytes: four decimal parts 0..255. */
function v4addr2Bytes(addr: string): number[] | null {
  const parts = addr.split('.');
  if (parts.length !== 4) return null;
  const b: number[] = [];
  for (const p of parts) {
    const v = parseJavaInt(p, 10);
    if (v === null || v < 0 || v > 255) return null;
    b.push(v);
  }
  return b;
}

/** parseV6Segment: up to four hex digits per segment, two bytes each. */
function parseV6Segment(addr: number[], start: number, segments: string[]): boolean {
  let i = start;
  for (const seg of segments) {
    if (seg.length === 0 || seg.length > 4) return false;
    const v = parseJavaInt(seg, 16);
    if (v === null) return false;
    addr[i++] = (v >> 8) & 0xff;
    addr[i++] = v & 0xff;
  }
  return true;
}

/** parseV6addr (null where it throws IllegalArgumentException). */
function v6addr2Bytes(addr: string): number[] | null {
  const parts = addr.split('::');
  let seg1: string[] = [];
  let seg2: string[] = [];
  if (parts.length === 1) {
    seg1 = parts[0].split(':');
    if (seg1.length !== 8) return null;
  } else if (parts.length === 2) {
    if (parts[0] !== '') seg1 = parts[0].split(':');
    if (parts[1] !== '') seg2 = parts[1].split(':');
    if (seg1.length + seg2.length >= 8) return null;
  } else return null;
  const out = new Array<number>(16).fill(0);
  if (!parseV6Segment(out, 0, seg1)) return null;
  if (!parseV6Segment(out, 16 - seg2.length * 2, seg2)) return null;
  return out;
}

/** addr2Bytes: a ':' means IPv6, a '.' IPv4, anything else is no address. */
function addr2Bytes(addr: string): number[] | null {
  if (addr.includes(':')) return v6addr2Bytes(addr);
  if (addr.includes('.')) return v4addr2Bytes(addr);
  return null;
}

/** mask(b, bits): clears every bit after the first `bits`. */
function mask(b: number[], bits: number): void {
  let start = Math.floor(bits / 8);
  let startMask = ~((1 << (8 - (bits % 8))) - 1);
  while (start < b.length) {
    b[start] &= startMask & 0xff;
    startMask = 0;
    start++;
  }
}

/** The prefix length of `aclExpr` ("addr" or "addr/bits"), or null if invalid. */
function prefixBits(parts: string[], addr: number[]): number | null {
  if (parts.length < 2) return addr.length * 8;
  const bits = parseJavaInt(parts[1], 10);
  if (bits === null || bits < 0 || bits > addr.length * 8) return null;
  return bits;
}

/** split("/", 2) */
function splitSlash(s: string): string[] {
  const i = s.indexOf('/');
  return i < 0 ? [s] : [s.substring(0, i), s.substring(i + 1)];
}

export const IPAuthenticationProvider: AuthenticationProvider = {
  scheme: 'ip',
  /** `addauth ip …` ignores what it is given and adds the connection's own address. */
  handleAuthentication: (_auth, remoteIp) => [{ scheme: 'ip', id: remoteIp }],
  isAuthenticated: () => false,
  isValid(id) {
    const parts = splitSlash(id);
    const a = addr2Bytes(parts[0]);
    return a !== null && prefixBits(parts, a) !== null;
  },
  matches(id, aclExpr) {
    const parts = splitSlash(aclExpr);
    const aclAddr = addr2Bytes(parts[0]);
    if (aclAddr === null) return false;
    const bits = prefixBits(parts, aclAddr);
    if (bits === null) return false;
    mask(aclAddr, bits);
    const remote = addr2Bytes(id);
    if (remote === null) return false;
    mask(remote, bits);
    return remote.length === aclAddr.length && remote.every((b, i) => b === aclAddr[i]);
  },
  getUserName: (id) => id,
};
