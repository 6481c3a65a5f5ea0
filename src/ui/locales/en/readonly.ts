export default {
  // ---- read-only mode on the stage (src/ui/stage/ServerCard.tsx, ClientLayer.tsx)
  'readonly.badge': 'read-only',
  'readonly.badge.title':
    'S{sid} runs a ReadOnlyZooKeeperServer (readonlymode.enabled): cut off from a quorum, it serves reads from its own data to clients made with canBeReadOnly (zkCli -r) and answers every write with NOTREADONLY.',
  'readonly.client.state': 'READ-ONLY',
  'readonly.client.title': 'state CONNECTEDREADONLY: connected to a read-only server',
  // ---- the zkCli console's note on the client's state (src/ui/panels/ConsolePanel.tsx)
  'readonly.console.connecting':
    'server {sid} is read-only: with localSessionsEnabled it gives this -r client a local session at once, without the quorum; without it, it answers NOTREADONLY and the client tries its next server',
  'readonly.console.refused':
    'server {sid} is read-only and this client was not started with -r: it refuses the connection ("Refusing session request for not-read-only client"), and the client keeps trying',
  'readonly.console.connected':
    'read-only session on server {sid}: reads are answered from its own data, writes are refused (NOTREADONLY)',
  // ---- the event log (src/ui/panels/narration.ts)
  'panels.kind.readonly': 'read-only server',
  'panels.kind.pingRw': 'read-write server search',
  'readonly.narr.start':
    'S{sid} has been LOOKING for the grace period (max(2 s, tickTime)): it starts a read-only server on its own data',
  'readonly.narr.shutdown':
    'S{sid} left LOOKING: its read-only server shuts down and closes every client connection',
  'readonly.narr.refuse': 'S{sid} (read-only) closes the connection of {client}: {reason}',
  'readonly.narr.refuseCreateSession':
    'S{sid} (read-only) gives {client} no session: without localSessionsEnabled a new session would be global, and a read-only server cannot create one, so it answers the createSession NOTREADONLY instead of a ConnectResponse; the client cannot read that as a connect answer, closes the socket and tries its next server',
  'readonly.narr.pingRw': '{client} asks server{server} "isro": {answer} (next probe in {next} ms)',
  'readonly.narr.pingRwRefused':
    '{client} asks server{server} "isro": connection refused (next probe in {next} ms)',
  // ---- the readonly-partition preset (src/presets/readonly-partition.json)
  'presets.readonly-partition.title':
    'Read-only mode: a server cut off from the quorum serves reads, refuses writes, then rejoins',
  'presets.readonly-partition.watch':
    'All servers run with readonlymode.enabled=true and localSessionsEnabled=true: a read-only server can only give out local sessions, so without the latter it would answer every new client NOTREADONLY. A partition cuts S3, the leader, off from S1 and S2, which elect S2. S3 gives up leading and goes LOOKING; after a grace period of max(2 s, tickTime) still LOOKING, it starts a ReadOnlyZooKeeperServer on its own data. Client r1 is zkCli -r (canBeReadOnly) on server3: it connects in state CONNECTEDREADONLY with a local session. Its get /config answers v1 — and still v1 after c1 has set v2 through S1: a read-only server cannot see writes it is cut off from. Its set is refused: "Not a read-only call: /config". r2, started without -r, is turned away ("Refusing session request for not-read-only client"). While read-only, r1 asks its servers "isro" at growing intervals, looking for a read-write one. After the heal S3 joins S2 as a follower: its read-only server shuts down and closes r1\'s connection, and r1 reconnects to S3, now read-write — SyncConnected, with a new session, since it had never seen a read-write server — and reads v2.',
  'presets.readonly-partition.chapter.before': 'Before the partition',
  'presets.readonly-partition.chapter.readonly': 'S3 serves read-only',
  'presets.readonly-partition.chapter.heal': 'The partition heals',
  'cues.readonly-partition.cut': 'The partition cuts S3, the leader, off from S1 and S2.',
  'cues.readonly-partition.looking':
    'S3 lost its quorum and goes LOOKING. With readonlymode.enabled, QuorumPeer starts a timer: max(2 s, tickTime).',
  'cues.readonly-partition.readonly':
    'Still LOOKING after the grace period: S3 starts a read-only server on its own database. Its card says read-only.',
  'cues.readonly-partition.connected':
    'r1 (zkCli -r) connects to S3: the ConnectResponse says readOnly, so its state is CONNECTEDREADONLY and its session is local to S3.',
  'cues.readonly-partition.stale':
    'c1 has set /config to v2 through S1, but r1 still reads v1: a read-only server cannot see changes from the other side.',
  'cues.readonly-partition.write':
    'r1 tries to write: ReadOnlyRequestProcessor answers NOTREADONLY, and zkCli prints "Not a read-only call: /config".',
  'cues.readonly-partition.notro':
    'r2 was started without -r: S3 closes its connection ("Refusing session request for not-read-only client"), and r2 keeps trying.',
  'cues.readonly-partition.rejoin':
    'After the heal S3 finds the leader S2: leaving LOOKING shuts its read-only server down and closes its client connections.',
  'cues.readonly-partition.rw':
    'r1 reconnects to S3, now a follower: SyncConnected, with a new session (it had never seen a read-write server).',
} satisfies Record<string, string>;
