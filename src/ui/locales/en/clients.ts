export default {
  // ---- the event log's filter name of the `refuse` trace kind (the panels.kind.* family)
  'panels.kind.refuse': 'client refused',
  // ---- the event log's line for a refused connection (src/ui/panels/narration.ts)
  'clients.narr.refuse':
    'S{sid} refuses client {client}: it has seen zxid {seen}, but S{sid} has only {ours}. The client must try another server.',
  // ---- a client pill on the stage (src/ui/stage/ClientLayer.tsx)
  'clients.pill.refused': '✕ S{sid}: {seen} > {ours}',
  'clients.pill.refusedTitle':
    'S{sid} refused this client: the client has seen zxid {seen}, S{sid} has only applied up to {ours}. Connecting there would let it read older data than it already saw, so the server closes the connection and the client tries the next server of its list.',
  'clients.console.hosts': 'connect string, in the order tried: {list}',
  // ---- the client-failover preset (src/presets/client-failover.json); keys follow the preset naming scheme
  'presets.client-failover.title':
    'A client fails over: same session, ephemeral kept; a lagging server refuses it',
  'presets.client-failover.watch':
    'Client c1 connects with a connect string of three servers, "server1:2181,server2:2181,server3:2181". StaticHostProvider shuffles it (here: S2, S1, S3) and c1 gets its session on S2, where it creates the ephemeral /owner. S1 is cut off from the leader but does not know it yet: it still serves, with a tree that stops at 0x100000002. c1 writes /config (0x100000003) through S2. Then S2 crashes. c1 sees Disconnected and moves to the next server of its list, S1, sending its session id and the last zxid it has seen. S1 refuses: "Refusing session request … as it has seen zxid 0x100000003 our last zxid is 0x100000002 client must try another server" — connecting there would let c1 read older data than it already saw. c1 tries S3 and is back within a second, with the same session id, so /owner is never deleted: the leader only expires a session that stays silent for its whole timeout.',
  'presets.client-failover.chapter.session': 'A session on S2',
  'presets.client-failover.chapter.failover': 'S2 crashes: failover',
  'presets.client-failover.chapter.kept': 'The session and /owner are still there',
  'cues.client-failover.connect':
    'c1 connects with three servers in its connect string. The shuffled order is S2, S1, S3: its session starts on S2.',
  'cues.client-failover.ephemeral':
    'c1 creates the ephemeral /owner (0x100000002). It lives as long as the session.',
  'cues.client-failover.cut':
    'S1 is cut off from the other servers. It will notice only after syncLimit·tickTime; until then it still serves clients.',
  'cues.client-failover.write':
    'c1 writes /config: 0x100000003, committed by S2–S5. c1 has now seen 0x100000003; S1 never got it.',
  'cues.client-failover.crash':
    "S2, c1's server, crashes. c1 sees Disconnected and tries the next server of its list: S1.",
  'cues.client-failover.refused':
    'S1 refuses c1: c1 has seen 0x100000003, S1 only 0x100000002. A client must never go back in time, so it must try another server.',
  'cues.client-failover.reconnected':
    'c1 is connected to S3 with the same session id, well within its 10 s timeout: SyncConnected.',
  'cues.client-failover.kept':
    "stat /owner: ephemeralOwner is still c1's session. The ephemeral node never disappeared.",
};
