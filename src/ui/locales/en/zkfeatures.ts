export default {
  // ---- the DataTree panel's ACL block (src/ui/panels/AclView.tsx)
  'zkfeatures.acl.title': 'ACL',
  'zkfeatures.acl.version': 'aclVersion {v}',
  'zkfeatures.acl.tag': 'ACL',
  'zkfeatures.acl.perm.c': 'create children',
  'zkfeatures.acl.perm.d': 'delete children',
  'zkfeatures.acl.perm.r': 'read data and children',
  'zkfeatures.acl.perm.w': 'write data',
  'zkfeatures.acl.perm.a': 'change the ACL',
  'zkfeatures.acl.none': 'no permission',
  'zkfeatures.acl.sep': ', ',
  'zkfeatures.acl.onOther': 'server {sid} holds a different ACL (server {here} above):',
  'zkfeatures.acl.hint':
    "As zkCli's getAcl prints it. A request passes if one entry has the permission and names the client: world:anyone names everyone, digest:user:hash a client that ran addauth digest user:password, ip:address a client connecting from there. Creating and deleting a node are checked against its parent's ACL.",
  // ---- the acl-lock preset (src/presets/acl-lock.json); its keys follow the preset naming scheme
  'presets.acl-lock.title': 'A lock znode protected by a digest ACL',
  'presets.acl-lock.watch':
    "ACLs and authentication. alice runs addauth digest alice:secret and creates /lock with the ACL auth::cdrwa, which the server turns into digest:alice:(base64 of the SHA-1 of alice:secret):cdrwa. mallory, without that credential, is refused (Insufficient permission) on every server. The ACL is part of the CreateTxn, so it is in every server's log and snapshot: after the leader crashes and server 1 loses its disk and comes back by SNAP, /lock is still alice's everywhere, and alice (her addauth re-sent on every connect) still reads it. At the end mallory deletes /lock anyway: DELETE is checked on the parent's ACL, and / is open to everyone — protect the parent too.",
  'presets.acl-lock.chapter.protect': 'Protecting /lock',
  'presets.acl-lock.chapter.failover': 'Leader crash and SNAP',
  'presets.acl-lock.chapter.after': 'After the failover',
  'cues.acl-lock.addauth':
    'alice: addauth digest alice:secret. The server adds digest:alice:(hash) to her connection’s credentials.',
  'cues.acl-lock.acl':
    'getAcl /lock: auth::cdrwa became one entry for alice’s digest id, with all five permissions.',
  'cues.acl-lock.denied':
    'mallory has only ip:127.0.0.1. No entry names her: “Insufficient permission : /lock”.',
  'cues.acl-lock.crash': 'The leader crashes. /lock and its ACL are in the CreateTxn every server logged.',
  'cues.acl-lock.snap':
    'Server 1 lost its dataDir; the new leader sends it a SNAP — the snapshot carries each znode’s ACL.',
  'cues.acl-lock.still-denied': 'On the SNAP-synced server mallory is refused just the same.',
  'cues.acl-lock.owner':
    'alice moved to server 1; her addauth was re-sent when she connected, so she reads /lock.',
  'cues.acl-lock.parent':
    'mallory deletes /lock! DELETE is checked on the parent, and / is world:anyone:cdrwa.',
} satisfies Record<string, string>;
