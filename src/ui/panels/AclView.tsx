/**
 * A znode's ACL in the DataTree panel: each entry as getAcl prints it ('scheme,'id : perms), with
 * what its letters allow in words, and — when comparing servers — the other server's ACL too.
 */
import type { ZNodeView } from '../../zk/view';
import type { ACL } from '../../zk/ZooDefs';
import { OPEN_ACL_UNSAFE, Perms, aclListEquals, getPermString } from '../../zk/viewApi';
import { useT } from '../i18n';

/** The node's ACL (views saved before ACLs existed have none: OPEN_ACL_UNSAFE). */
export function aclOf(n: ZNodeView): readonly ACL[] {
  return n.acl ?? OPEN_ACL_UNSAFE;
}

/** True when a node is not open to everyone for everything (the tree marks it). */
export function isRestricted(n: ZNodeView | undefined | null): boolean {
  return n !== undefined && n !== null && !aclListEquals(aclOf(n), OPEN_ACL_UNSAFE);
}

const LETTERS: [number, string][] = [
  [Perms.CREATE, 'c'],
  [Perms.DELETE, 'd'],
  [Perms.READ, 'r'],
  [Perms.WRITE, 'w'],
  [Perms.ADMIN, 'a'],
];

function AclTable({ acl, testId }: { acl: readonly ACL[]; testId: string }) {
  const t = useT();
  return (
    <ul className="zp-acl" data-testid={testId} style={{ listStyle: 'none', margin: '4px 0', padding: 0 }}>
      {acl.map((a, i) => (
        <li key={i} style={{ marginBottom: 4 }}>
          <div className="zp-scroll-x">
            <code className="zp-mono">{`'${a.id.scheme},'${a.id.id} : ${getPermString(a.perms)}`}</code>
          </div>
          <div className="zp-muted zp-small">
            {LETTERS.filter(([bit]) => a.perms & bit)
              .map(([, l]) => t(`zkfeatures.acl.perm.${l}`))
              .join(t('zkfeatures.acl.sep')) || t('zkfeatures.acl.none')}
          </div>
        </li>
      ))}
    </ul>
  );
}

export function AclView({
  node,
  other,
  here,
  otherSid,
}: {
  node: ZNodeView | null;
  other: ZNodeView | null;
  here: number;
  otherSid: number | null;
}) {
  const t = useT();
  const a = node ? aclOf(node) : null;
  const b = other ? aclOf(other) : null;
  const differs = a !== null && b !== null && !aclListEquals(a, b);
  return (
    <div data-testid="znode-acl">
      <div className="zp-row">
        <strong>{t('zkfeatures.acl.title')}</strong>
        {node && (
          <span className="zp-muted zp-small">{t('zkfeatures.acl.version', { v: node.stat.aversion })}</span>
        )}
      </div>
      {a ? (
        <AclTable acl={a} testId="znode-acl-here" />
      ) : (
        <p className="zp-muted">{t('panels.tree.absent')}</p>
      )}
      {otherSid !== null && differs && b && (
        <>
          <p className="zp-small">≠ {t('zkfeatures.acl.onOther', { sid: otherSid, here })}</p>
          <AclTable acl={b} testId="znode-acl-other" />
        </>
      )}
      <p className="zp-muted zp-small">{t('zkfeatures.acl.hint')}</p>
    </div>
  );
}
