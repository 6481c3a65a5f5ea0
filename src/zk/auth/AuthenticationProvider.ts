/**
 * org.apache.zookeeper.server.auth.AuthenticationProvider, reduced to what the model uses, and
 * ProviderRegistry's default table (3.9.5 with no `zookeeper.authProvider.*` set): "ip" and
 * "digest". "world" and "auth" are not providers; checkACL and fixupACL treat them specially.
 */
import type { Id } from '../ZooDefs';

export interface AuthenticationProvider {
  readonly scheme: string;
  /**
   * handleAuthentication(cnxn, authData): the Ids to add to the connection (`remoteIp` is the
   * connection's address), or null for AUTHFAILED. `auth` null = the client sent no bytes.
   */
  handleAuthentication(auth: string | null, remoteIp: string): Id[] | null;
  /** whether an Id of this scheme names an authenticated user (fixupACL's "auth" expansion) */
  isAuthenticated(): boolean;
  /** whether an ACL entry's id is well-formed for this scheme */
  isValid(id: string): boolean;
  /** whether a connection's credential `id` satisfies an ACL entry's `aclExpr` */
  matches(id: string, aclExpr: string): boolean;
  /** AuthenticationProvider.getUserName (whoami's user column) */
  getUserName(id: string): string;
}
