export default {
  // ---- pace (src/ui/PaceControl.tsx)
  'messages.pace': 'Pace',
  'messages.pace.narrated': 'Narrated',
  'messages.pace.even': 'Even',
  'messages.pace.narrated.hint':
    'Narrated: slows down where something is decided (a vote changes, a leader is elected, a sync is chosen, a write commits) and hurries through heartbeats',
  'messages.pace.even.hint': 'Even: every event takes the same time (the speed, in events per second)',
  'messages.chapterStops': 'Pause at chapters',
  'messages.chapterStops.hint':
    'Playback stops at the start of each chapter of this scenario; press Play to go on',
  // ---- messages on the stage (MessageLayer, MessageInspector)
  'messages.aria': '{type} from server {from} to server {to}: press Enter for its fields',
  'messages.inspector.title': 'Message {type}',
  'messages.inspector.close': 'Close',
  'messages.inspector.route': 'From → to',
  'messages.inspector.fromTo': 'S{from} → S{to}',
  'messages.inspector.vote': 'Vote',
  'messages.inspector.voteFor': 'for S{sid}',
  'messages.inspector.voteZxid': 'Vote zxid',
  'messages.inspector.round': 'Round (electionEpoch)',
  'messages.inspector.peerEpoch': 'peerEpoch',
  'messages.inspector.senderState': 'Sender is',
  'messages.inspector.content': 'Content',
  'messages.inspector.sent': 'Sent at',
  'messages.inspector.ms': '{t} ms',
  'messages.inspector.status': 'Arrival',
  'messages.inspector.flying': 'at {t} ms (on its way: {pct} %)',
  'messages.inspector.arrived': 'arrived at {t} ms',
  'messages.inspector.dropped': 'lost: {reason}',
  'messages.inspector.unsent': 'not sent yet at this step',
  'messages.group.title': '{type} ×{n}',
  'messages.group.aria': '{n} {type} messages: press Enter to list them',
  'messages.group.vote': 'vote for S{sid}, zxid {zxid}',
  // ---- timers on the cards (TimerLayer)
  'messages.timer.finalizeWait': 'finalizeWait: decides in {left}',
  'messages.timer.finalizeWait.why':
    'A quorum agrees with my vote. If no better vote arrives within finalizeWait ({ms} ms), the election ends (FastLeaderElection.lookForLeader)',
  'messages.timer.backoff': 'if no vote comes: resend in {left}',
  'messages.timer.backoff.why':
    'Notification back-off: if no notification arrives within notTimeout ({ms} ms), the votes are sent again and notTimeout doubles (up to 60 s)',
  'messages.timer.readTimeout': 'leader silent? gives up in {left}',
  'messages.timer.readTimeout.why':
    "The learner's read timeout, {limit} × tickTime ({ticks} ticks): if nothing arrives from the leader in that time, it leaves the leader and looks for a new one",
  'messages.timer.quorumCheck': 'quorum check in {left}',
  'messages.timer.quorumCheck.why':
    'Every tickTime the leader checks that a quorum of followers has ACKed within syncLimit ticks; if not, it stops leading',
  'messages.timer.leaderWait': 'waiting for a quorum: {left} left',
  'messages.timer.leaderWait.why':
    'The new leader waits at most initLimit × tickTime ({ticks} ticks) for a quorum of followers to connect, accept its epoch and ACK NEWLEADER',
  'messages.timer.sessionExpiry': '{n} session(s) expire in {left}',
  'messages.timer.sessionExpiry.why':
    "The session tracker's next expiry bucket: sessions not heard from by then expire and the leader closes them",
  'messages.timer.reconnect': 'tries the leader again in {left}',
  'messages.timer.reconnect.why': 'The learner could not connect to the leader and retries after a pause',
  'messages.timer.observerDelay': 'looks for a leader in {left}',
  'messages.timer.observerDelay.why':
    'An observer that lost its leader waits a random moment before looking for a new one',
  'messages.unit.ms': '{n} ms',
  'messages.unit.s': '{n} s',
  // ---- clients on the stage (ClientLayer)
  'messages.client.state.CONNECTING': 'CONNECTING',
  'messages.client.state.CONNECTED': 'CONNECTED',
  'messages.client.state.CLOSED': 'closed',
  'messages.client.state.EXPIRED': 'expired',
  'messages.client.state.AUTH_FAILED': 'auth failed',
  'messages.client.state.DISCONNECTED': 'no server',
  'messages.client.title': 'Client {id}: {state}',
  'messages.client.session': 'session {id}',
  'messages.client.expires': 'the leader expires this session in {ms} ms unless it hears from it',
  'messages.client.watches': 'watches: {list}',
  'messages.client.watch.data': 'data',
  'messages.client.watch.exist': 'exists',
  'messages.client.watch.child': 'children',
  'messages.client.noWatch': 'no watches',
  'messages.client.busy': 'waiting for a reply',
  'messages.client.replyOk': 'reply',
  'messages.client.replyErr': 'error',
  'messages.tracker.title': 'S{sid} session expiry',
  'messages.tracker.idle': 'not counting yet',
  'messages.tracker.idleWhy':
    'The leader starts its session tracker once it is established (ZooKeeperServer.startup): until then no session counts down.',
  'messages.tracker.row': '{n} in {left} s',
  'messages.tracker.bucket': 'expiry bucket at {at} ms: {list}',
  'messages.client.watching': 'watches {paths}',
  'messages.help.inspect':
    'Go to the next message on the stage; Enter shows all its fields (or click / tap it)',
  'messages.chapterNote': 'Paused at chapter {n}: {title}. Press Play to go on.',
} satisfies Record<string, string>;
