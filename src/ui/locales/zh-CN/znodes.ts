export default {
  // ---- a client's watches (src/ui/stage/ClientLayer.tsx)
  'znodes.watch.persistent': '持久（addWatch）',
  'znodes.watch.persistentRecursive': '持久递归（addWatch）',
  // ---- DataTree 面板：znode 的类型与配额（src/ui/panels/ZnodeKindView.tsx）
  'znodes.tag.container': '容器',
  'znodes.tag.ttl': 'TTL {ttl} 毫秒',
  'znodes.tag.quota': '配额',
  'znodes.kind.container': '容器节点',
  'znodes.kind.containerNew':
    '它从未有过子节点，所以 leader 的 ContainerManager 不会删除它（除非设置了 znode.container.maxNeverUsedIntervalMs）。',
  'znodes.kind.containerUsed':
    '一旦子节点全部删除，leader 的 ContainerManager 会在下一次检查时（每隔 znode.container.checkIntervalMs）删除它——这是一个 deleteContainer 事务，和其他写操作一样走提交流程。',
  'znodes.kind.ttl': 'TTL 节点，ttl 为 {ttl} 毫秒',
  'znodes.kind.ttlExpiry':
    '在没有子节点、也没有被修改的情况下，leader 的 ContainerManager 会在 {at}（mtime + ttl）之后的第一次检查时删除它。',
  'znodes.kind.ttlChildren': '它还有子节点：TTL 节点只有在没有子节点时才会被删除。',
  'znodes.quota.title': '配额',
  'znodes.quota.count': '节点数',
  'znodes.quota.bytes': '字节数',
  'znodes.quota.used': '已用（zookeeper_stats）',
  'znodes.quota.soft': '软限制',
  'znodes.quota.hard': '硬限制',
  'znodes.quota.none': '—',
  'znodes.quota.hint':
    '与 listquota 的输出一致，取自本服务器上的 /zookeeper/quota。超过软限制只会记录日志；当服务器启用 zookeeper.enforceQuota 时，超过硬限制的写操作会被拒绝，报错 “Quota has exceeded”。',
};
