export default {
  // ---- DataTree 面板的 ACL 区块（src/ui/panels/AclView.tsx）
  'zkfeatures.acl.title': 'ACL',
  'zkfeatures.acl.version': 'aclVersion {v}',
  'zkfeatures.acl.tag': 'ACL',
  'zkfeatures.acl.perm.c': '创建子节点',
  'zkfeatures.acl.perm.d': '删除子节点',
  'zkfeatures.acl.perm.r': '读数据和子节点列表',
  'zkfeatures.acl.perm.w': '写数据',
  'zkfeatures.acl.perm.a': '修改 ACL',
  'zkfeatures.acl.none': '没有任何权限',
  'zkfeatures.acl.sep': '、',
  'zkfeatures.acl.onOther': '服务器 {sid} 上的 ACL 不同（上面是服务器 {here} 的）：',
  'zkfeatures.acl.hint':
    '与 zkCli 的 getAcl 输出一致。只要有一条 ACL 含有所需权限且指向该客户端，请求就能通过：world:anyone 指所有人，digest:用户:摘要 指执行过 addauth digest 用户:密码 的客户端，ip:地址 指从该地址连接的客户端。创建和删除节点检查的是父节点的 ACL。',
  // ---- the acl-lock preset (src/presets/acl-lock.json); its keys follow the preset naming scheme
  'presets.acl-lock.title': '用 digest ACL 保护的锁节点',
  'presets.acl-lock.watch':
    'ACL 与认证。alice 执行 addauth digest alice:secret，然后以 ACL auth::cdrwa 创建 /lock，服务器把它展开为 digest:alice:(alice:secret 的 SHA-1 的 base64 编码):cdrwa。没有这个凭据的 mallory 在每台服务器上都被拒绝（Insufficient permission）。ACL 是 CreateTxn 的一部分，因此写进了每台服务器的事务日志和快照：领导者崩溃、服务器 1 丢失磁盘后通过 SNAP 重新加入，/lock 在各处仍归 alice 所有；alice 的 addauth 在每次连接时都会重发，所以她仍能读取。最后 mallory 还是删掉了 /lock：DELETE 权限检查的是父节点的 ACL，而 / 对所有人开放——父节点也要保护。',
  'presets.acl-lock.chapter.protect': '保护 /lock',
  'presets.acl-lock.chapter.failover': '领导者崩溃与 SNAP',
  'presets.acl-lock.chapter.after': '故障转移之后',
  'cues.acl-lock.addauth':
    'alice：addauth digest alice:secret。服务器把 digest:alice:(摘要) 加入她这条连接的凭据。',
  'cues.acl-lock.acl': 'getAcl /lock：auth::cdrwa 变成了一条针对 alice 摘要身份、含全部五种权限的记录。',
  'cues.acl-lock.denied':
    'mallory 只有 ip:127.0.0.1，没有任何一条 ACL 指向她：“Insufficient permission : /lock”。',
  'cues.acl-lock.crash': '领导者崩溃。/lock 及其 ACL 已在每台服务器记录的 CreateTxn 中。',
  'cues.acl-lock.snap': '服务器 1 丢失了 dataDir，新领导者向它发送 SNAP——快照里带着每个 znode 的 ACL。',
  'cues.acl-lock.still-denied': '在通过 SNAP 同步的服务器上，mallory 同样被拒绝。',
  'cues.acl-lock.owner': 'alice 转到服务器 1；连接时她的 addauth 被重新发送，所以她能读取 /lock。',
  'cues.acl-lock.parent': 'mallory 删除了 /lock！DELETE 检查的是父节点，而 / 是 world:anyone:cdrwa。',
} satisfies Record<string, string>;
