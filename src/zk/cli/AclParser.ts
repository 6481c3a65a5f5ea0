/**
 * ACLs as zkCli reads and prints them — mirrors org.apache.zookeeper.cli.AclParser (3.9.5),
 * ZKUtil.getPermString, and the jute-generated Id.toString (ToStringOutputArchive) that
 * GetAclCommand prints: `'world,'anyone` followed by a newline, then `: cdrwa`.
 */
import { Perms, type ACL, type Id } from '../ZooDefs';

/** AclParser.parse: the entries, and what it printed to stderr for the parts it skipped. */
export function parseAcl(aclString: string): { acl: ACL[]; errors: string[] } {
  const acl: ACL[] = [];
  const errors: string[] = [];
  // String.split(","): trailing empty strings are dropped — unless nothing matched ("" → [""])
  const parts = aclString.split(',');
  if (parts.length > 1) while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  for (const a of parts) {
    const firstColon = a.indexOf(':');
    const lastColon = a.lastIndexOf(':');
    if (firstColon === -1 || lastColon === -1 || firstColon === lastColon) {
      errors.push(a + ' does not have the form scheme:id:perm');
      continue;
    }
    const id: Id = { scheme: a.substring(0, firstColon), id: a.substring(firstColon + 1, lastColon) };
    let perms = 0;
    for (const ch of a.substring(lastColon + 1)) {
      switch (ch) {
        case 'r':
          perms |= Perms.READ;
          break;
        case 'w':
          perms |= Perms.WRITE;
          break;
        case 'c':
          perms |= Perms.CREATE;
          break;
        case 'd':
          perms |= Perms.DELETE;
          break;
        case 'a':
          perms |= Perms.ADMIN;
          break;
        default:
          errors.push('Unknown perm type: ' + ch);
      }
    }
    acl.push({ perms, id });
  }
  return { acl, errors };
}

/** ZKUtil.getPermString: the letters c d r w a in that order. */
export function getPermString(perms: number): string {
  let p = '';
  if (perms & Perms.CREATE) p += 'c';
  if (perms & Perms.DELETE) p += 'd';
  if (perms & Perms.READ) p += 'r';
  if (perms & Perms.WRITE) p += 'w';
  if (perms & Perms.ADMIN) p += 'a';
  return p;
}

/** ToStringOutputArchive.escapeString: a leading quote, and %XX for \0 \n \r , } %. */
function escapeString(s: string): string {
  let sb = "'";
  for (const c of s) {
    switch (c) {
      case '\0':
        sb += '%00';
        break;
      case '\n':
        sb += '%0A';
        break;
      case '\r':
        sb += '%0D';
        break;
      case ',':
        sb += '%2C';
        break;
      case '}':
        sb += '%7D';
        break;
      case '%':
        sb += '%25';
        break;
      default:
        sb += c;
    }
  }
  return sb;
}

/** Id.toString(): the top-level record ends with a newline. */
export function idToString(id: Id): string {
  return escapeString(id.scheme) + ',' + escapeString(id.id) + '\n';
}

/** GetAclCommand's lines for one ACL list (each entry spans two lines, as zkCli prints it). */
export function formatAcl(acl: readonly ACL[]): string[] {
  const out: string[] = [];
  for (const a of acl) out.push(...(idToString(a.id) + ': ' + getPermString(a.perms)).split('\n'));
  return out;
}
