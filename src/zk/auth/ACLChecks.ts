/**
 * Deciding who may do what to a znode — mirrors ZooKeeperServer.checkACL and
 * PrepRequestProcessor.fixupACL / removeDuplicates (3.9.5), and AuthUtil.getClientInfos (whoami).
 * `skipACL` is off (its default), so every check runs.
 */
import { aclEntryEquals, Code, type ACL, type Id } from '../ZooDefs';
import { getServerProvider } from './ProviderRegistry';

/** ZooKeeperServer.checkACL: OK, or NOAUTH when no entry with `perm` names one of `ids`. */
export function checkACL(
  acl: readonly ACL[],
  perm: number,
  ids: readonly Id[],
): typeof Code.OK | typeof Code.NOAUTH {
  if (acl.length === 0) return Code.OK;
  for (const authId of ids) if (authId.scheme === 'super') return Code.OK;
  for (const a of acl) {
    if ((a.perms & perm) === 0) continue;
    if (a.id.scheme === 'world' && a.id.id === 'anyone') return Code.OK;
    const ap = getServerProvider(a.id.scheme);
    if (ap === null) continue;
    for (const authId of ids) {
      if (authId.scheme === a.id.scheme && ap.matches(authId.id, a.id.id)) return Code.OK;
    }
  }
  return Code.NOAUTH;
}

/** removeDuplicates: first occurrence of each equal entry, in order. */
function removeDuplicates(acls: readonly ACL[]): ACL[] {
  const out: ACL[] = [];
  for (const a of acls) if (!out.some((b) => aclEntryEquals(a, b))) out.push(a);
  return out;
}

/**
 * fixupACL: the ACL a create or setACL will store, or INVALIDACL — an empty list, a scheme
 * without a provider (other than world:anyone), an id its provider calls invalid, or "auth"
 * when the connection has no authenticated id. "auth" entries expand to every authenticated id
 * of the connection (for digest: `digest:user:hash`), with the entry's perms.
 */
export function fixupACL(authInfo: readonly Id[], acls: readonly ACL[]): ACL[] | typeof Code.INVALIDACL {
  const uniq = removeDuplicates(acls);
  if (uniq.length === 0) return Code.INVALIDACL;
  const rv: ACL[] = [];
  for (const a of uniq) {
    const id = a.id;
    if (id.scheme === 'world' && id.id === 'anyone') {
      rv.push(a);
    } else if (id.scheme === 'auth') {
      let authIdValid = false;
      for (const cid of authInfo) {
        const ap = getServerProvider(cid.scheme);
        if (ap !== null && ap.isAuthenticated()) {
          authIdValid = true;
          rv.push({ perms: a.perms, id: cid });
        }
      }
      if (!authIdValid) return Code.INVALIDACL;
    } else {
      const ap = getServerProvider(id.scheme);
      if (ap === null || !ap.isValid(id.id)) return Code.INVALIDACL;
      rv.push(a);
    }
  }
  return rv;
}

/** ServerCnxn.addAuthInfo: an Id already held is not added twice. */
export function addAuthInfo(authInfo: Id[], id: Id): void {
  if (!authInfo.some((x) => x.scheme === id.scheme && x.id === id.id)) authInfo.push(id);
}

/** AuthUtil.getClientInfos: (scheme, user) per credential of the connection, for whoami. */
export function getClientInfos(authInfo: readonly Id[]): { authScheme: string; user: string }[] {
  return authInfo.map((id) => ({
    authScheme: id.scheme,
    user: getServerProvider(id.scheme)?.getUserName(id.id) ?? '',
  }));
}
