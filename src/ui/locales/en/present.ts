// Presenting: lecture mode's scale and panels, embed mode, the phone layout, the New ensemble dialog.
export default {
  'present.help.homeEnd': 'first step / last step of the history',
  'present.help.black': 'lecture mode: black screen, again to come back (elsewhere . is the next stop)',

  'present.lecture.panels': 'Panels',
  'present.lecture.panelsHint': 'Beside the stage (none: the stage takes the whole width):',
  'present.lecture.unblack': 'Black screen: press b, . or click to show the stage again',
  'present.phone.transport': 'Playback',
  'present.new.button': 'New ensemble',
  'present.new.title': 'New ensemble',
  'present.new.size': 'Servers',
  'present.new.voters': 'Voters',
  'present.new.votersHint': '3 to 9: they elect the leader and form quorums',
  'present.new.observers': 'Observers',
  'present.new.observersHint': '0 to 3: they follow the leader but do not vote',
  'present.new.seed': 'Seed',
  'present.new.seedHint':
    'every random choice (latencies, boot order) follows from it: the same seed, the same run',
  'present.new.version': 'ZooKeeper version',
  'present.new.v395': 'the current release (NEWLEADER handling of ZOOKEEPER-4643 fixed)',
  'present.new.v391':
    'as 3.8.0–3.8.4 and 3.9.0–3.9.1: currentEpoch before the synced txns are durable (ZOOKEEPER-4643)',
  'present.new.config': 'Configuration (zoo.cfg) and network',
  'present.new.tickTime': 'tickTime (ms)',
  'present.new.initLimit': 'initLimit (ticks)',
  'present.new.syncLimit': 'syncLimit (ticks)',
  'present.new.snapCount': 'snapCount (txns between snapshots)',
  'present.new.snapshotSizeFactor': 'snapshotSizeFactor (log vs snapshot size for a DIFF)',
  'present.new.snapshotSizeFactorHint':
    '0.33 by default. Negative: a learner is never synced from the txn log, always by SNAP when beyond committedLog (the ZOOKEEPER-2846 workaround).',
  'present.new.latencyLo': 'message latency from (ms)',
  'present.new.latencyHi': 'message latency to (ms)',
  'present.new.startAll': 'Start every server at 0 ms (else: start them yourself from the stage)',
  'present.new.create': 'Create the ensemble',
  'present.new.range': 'a whole number from {min} to {max}',
  'present.new.latencyOrder': 'must not be below the "from" latency',
  'present.new.invalid': 'Not a valid scenario: {e}',
  'present.new.fix': 'Nothing was created: correct the fields marked above.',
  'present.new.created': 'The new ensemble is on the stage. This link opens exactly this run, for anyone:',
  'present.new.link': 'Link to this ensemble',
  'present.new.go': 'To the stage',
  'present.console.waitingPaused':
    'The simulation is paused: this request moves only when the run does (each message is an event).',
  'present.console.waitingPlaying': 'The simulation is running: the answer comes when the messages arrive.',
  'present.console.waitingFinished': 'The run has ended before the answer: nothing more will happen in it.',
  'present.console.runUntil': 'Run until answered',
  'present.console.connectingDown': 'server {sid} is not running: the client keeps trying to connect',
  'present.console.connectingNotServing':
    'server {sid} is not serving yet ({state}): the client waits for it to finish the election and sync',
  'present.console.connectingSession':
    'the session is being created: server {sid} commits createSession through the quorum (REQUEST → PROPOSAL → COMMIT) before it answers',
  'present.console.connected': 'session open on server {sid}',
  'present.console.disconnected': 'the connection is lost: the client looks for another server',
  'present.speedOne': '{n} event/s',
  'present.inflightOne': '{n} message in flight',
  'present.badge.DOWN': 'DOWN',
  'present.scrubLabel': 'Step in the run',
  'present.pipe.branch.LEADING':
    '↳ ProposalRequestProcessor also hands each proposal to this chain: it is logged, then the leader counts its own ACK.',
  'present.pipe.branch.FOLLOWING':
    "A chain of its own: the leader's PROPOSALs are logged here, and each ACK goes back once its flush is done.",
  'present.pipe.branch.OBSERVING':
    'A chain of its own: what INFORM brings is logged here (an observer sends no ACK).',
  'present.new.keepScript':
    'Keep the script of “{title}” (its actions and other settings): the same story with these values, e.g. another seed',
} satisfies Record<string, string>;
