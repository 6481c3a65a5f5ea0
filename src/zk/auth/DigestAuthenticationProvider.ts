/**
 * The "digest" scheme — mirrors org.apache.zookeeper.server.auth.DigestAuthenticationProvider
 * (3.9.5): a credential `user:password` becomes the Id `digest:user:<base64(SHA-1(user:password))>`,
 * and an ACL entry matches when that string is equal. No superDigest is configured (the
 * `zookeeper.DigestAuthenticationProvider.superDigest` property is unset, its default).
 */
import type { Id } from '../ZooDefs';
import { sha1, utf8Bytes } from './sha1';
import type { AuthenticationProvider } from './AuthenticationProvider';

/** DigestAuthenticationProvider.encode: one base64 digit. */
function encode(i: number): string {
  i &= 0x3f;
  if (i < 26) return String.fromCharCode(65 + i);
  if (i < 52) return String.fromCharCode(97 + i - 26);
  if (i < 62) return String.fromCharCode(48 + i - 52);
  return i === 62 ? '+' : '/';
}

/** DigestAuthenticationProvider.base64Encode (its own loop, standard alphabet, '=' padding). */
export function base64Encode(b: Uint8Array): string {
  let sb = '';
  for (let i = 0; i < b.length;) {
    let pad = 0;
    let v = (b[i++] & 0xff) << 16;
    if (i < b.length) v |= (b[i++] & 0xff) << 8;
    else pad++;
    if (i < b.length) v |= b[i++] & 0xff;
    else pad++;
    sb += encode(v >> 18);
    sb += encode(v >> 12);
    sb += pad < 2 ? encode(v >> 6) : '=';
    sb += pad < 1 ? encode(v) : '=';
  }
  return sb;
}

/** DigestAuthenticationProvider.generateDigest("user:password") → "user:<base64 SHA-1>". */
export function generateDigest(idPassword: string): string {
  const i = idPassword.indexOf(':');
  const user = i < 0 ? idPassword : idPassword.substring(0, i); // split(":", 2)[0]
  return user + ':' + base64Encode(sha1(utf8Bytes(idPassword)));
}

/** Java's String.split(regex) with trailing empty strings removed (the default limit 0). */
function javaSplit(s: string, sep: string): string[] {
  const parts = s.split(sep);
  while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

export const DigestAuthenticationProvider: AuthenticationProvider = {
  scheme: 'digest',
  /** new String(authData) → one Id; a null credential throws (NPE) and the server says AUTHFAILED. */
  handleAuthentication(auth: string | null): Id[] | null {
    if (auth === null) return null;
    return [{ scheme: 'digest', id: generateDigest(auth) }];
  },
  isAuthenticated: () => true,
  /** id.split(":").length == 2 */
  isValid: (id) => javaSplit(id, ':').length === 2,
  matches: (id, aclExpr) => id === aclExpr,
  getUserName: (id) => javaSplit(id, ':')[0] ?? '',
};
