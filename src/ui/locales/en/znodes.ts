export default {
  // ---- a client's watches (src/ui/stage/ClientLayer.tsx)
  'znodes.watch.persistent': 'persistent (addWatch)',
  'znodes.watch.persistentRecursive': 'persistent, recursive (addWatch)',
  // ---- the DataTree panel: a znode's kind and quota (src/ui/panels/ZnodeKindView.tsx)
  'znodes.tag.container': 'container',
  'znodes.tag.ttl': 'TTL {ttl} ms',
  'znodes.tag.quota': 'Quota',
  'znodes.kind.container': 'Container node',
  'znodes.kind.containerNew':
    'It has never had a child, so the leader’s ContainerManager leaves it alone (unless znode.container.maxNeverUsedIntervalMs is set).',
  'znodes.kind.containerUsed':
    'Once it has no children left, the leader’s ContainerManager deletes it at its next check (every znode.container.checkIntervalMs) — a deleteContainer txn like any other write.',
  'znodes.kind.ttl': 'TTL node, ttl {ttl} ms',
  'znodes.kind.ttlExpiry':
    'With no children and no change, the leader’s ContainerManager deletes it at its first check after {at} (mtime + ttl).',
  'znodes.kind.ttlChildren': 'It has children: a TTL node is only deleted once it is empty.',
  'znodes.quota.title': 'Quota',
  'znodes.quota.count': 'nodes',
  'znodes.quota.bytes': 'bytes',
  'znodes.quota.used': 'used (zookeeper_stats)',
  'znodes.quota.soft': 'soft limit',
  'znodes.quota.hard': 'hard limit',
  'znodes.quota.none': '—',
  'znodes.quota.hint':
    'As listquota prints it, from /zookeeper/quota on this server. Passing a soft limit is only logged; a hard limit refuses the write with “Quota has exceeded” when the servers run with zookeeper.enforceQuota.',
};
