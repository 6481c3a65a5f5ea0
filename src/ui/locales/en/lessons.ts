// Presets, lecture-mode cues, guided lessons, share-link and import errors (English).
// Keys: presets.<id>.title / .watch / .chapter.<id>, cues.<preset>.<cue>, lessons.<lesson>.…,
// link.error.<code>, link.import.<code>. Server ids are written S1…S9; ZooKeeper identifiers stay.
export default {
  // ---- preset topics
  'presets.topic.election': 'Leader election',
  'presets.topic.broadcast': 'Writes and reads',
  'presets.topic.recovery': 'Crashes and recovery',
  'presets.topic.faults': 'Partitions and observers',
  'presets.topic.clients': 'Sessions, watches and recipes',
  'presets.topic.bugs': 'Known bugs',

  // ---- first-boot
  'presets.first-boot.title': 'First boot: 3 servers at once',
  'presets.first-boot.watch':
    'Three empty servers start at the same moment. Each votes for itself; all epochs and zxids are 0, so the highest sid wins and every vote turns to S3. After 200 ms without a better vote (finalizeWait) S3 decides LEADING, S1 and S2 FOLLOWING, and epoch 1 begins. The followers are already in sync: an empty DIFF(0x0). Then watch a write: opening c1’s session is itself a transaction (0x100000001), create /a becomes 0x100000002 as soon as the leader and one follower have logged it, and c2 reads /a from S2 without asking the leader.',
  'presets.first-boot.chapter.election': 'Election',
  'presets.first-boot.chapter.sync': 'Discovery and sync',
  'presets.first-boot.chapter.write': 'A write',
  'presets.first-boot.chapter.read': 'A read',
  'cues.first-boot.start':
    'All three servers start. Each votes for itself — (its sid, zxid 0x0, epoch 0) — and sends the vote to the others.',
  'cues.first-boot.decide':
    'Equal epochs, equal zxids: the highest sid wins. No better vote within 200 ms: S3 decides LEADING. S1 and S2 follow it, each when its own finalizeWait ends.',
  'cues.first-boot.sync':
    'S1 has exactly what the leader has (nothing): an empty DIFF(0x0), then NEWLEADER and UPTODATE.',
  'cues.first-boot.session':
    'c1 connects to S1. Creating a session is a transaction too: S1 forwards it, S3 proposes it as 0x100000001.',
  'cues.first-boot.propose': 'create /a → S3 assigns zxid 0x100000002 and sends PROPOSAL to both followers.',
  'cues.first-boot.commit':
    'The leader and one follower have logged it: 2 of 3 is a quorum. S3 commits and sends COMMIT; the third ACK is not waited for.',
  'cues.first-boot.read':
    'get /a is answered by S2 alone, from its own copy of the tree: reads never go to the leader.',

  // ---- one-by-one-250
  'presets.one-by-one-250.title': '5 servers one by one, 250 ms apart',
  'presets.one-by-one-250.watch':
    'Servers start 250 ms apart. S1 and S2 alone are 2 of 5 — no quorum, so they keep looking. When S3 starts, all three agree on S3 (equal zxids, highest sid): 3 of 5 is a quorum, and after the 200 ms finalize wait S3 leads epoch 1. S4 starts at 750 ms, too late to change anything: the election is over, the answers to its vote name S3 with a quorum behind it, and it follows. S1 and S2 get an empty DIFF(0x0); S4 and S5 join an established leader and get SNAP(0x100000000). Compare with the 150 ms preset: there S5 leads.',
  'presets.one-by-one-250.chapter.starts': 'Two servers: no quorum',
  'presets.one-by-one-250.chapter.quorum': 'The third server',
  'presets.one-by-one-250.chapter.late': 'Late joiners',
  'cues.one-by-one-250.alone':
    'S2 starts. S1 switches its vote to S2 (higher sid) — but 2 votes out of 5 are not a quorum. Both keep looking.',
  'cues.one-by-one-250.third': 'S3 starts. Three votes for S3 will be a quorum of five.',
  'cues.one-by-one-250.decide':
    '200 ms without a better vote: S3 decides LEADING. S4 has not started yet — it comes 250 ms after S3, outside the finalize wait.',
  'cues.one-by-one-250.late':
    'S4 starts and votes for itself, but the answers come from servers that are no longer LOOKING: they name S3, backed by a quorum. S4 follows S3.',
  'cues.one-by-one-250.snap':
    'S3 is already established (lastProcessedZxid 0x100000000) and S4 has 0x0: it gets SNAP, not DIFF.',

  // ---- one-by-one-150
  'presets.one-by-one-150.title': '5 servers one by one, 150 ms apart',
  'presets.one-by-one-150.watch':
    'The same five servers, started 150 ms apart. Each new server starts while the others are still inside their 200 ms finalize wait: its higher sid is a better vote, arrives in time, and the decision is dropped. The cascade goes on until S5, which leads; all four followers get an empty DIFF(0x0). So why does the textbook say S3? Only when each start comes more than about 200 ms (finalizeWait plus latency) after the previous quorum formed.',
  'cues.one-by-one-150.third':
    'S3 starts: S1, S2 and S3 agree on S3 — a quorum. The 200 ms finalize wait begins.',
  'cues.one-by-one-150.fourth':
    'S4 starts 150 ms later, inside the wait: its vote is better, the decision is dropped, everyone turns to S4.',
  'cues.one-by-one-150.fifth': 'And again: S5 starts inside the new wait. Everyone turns to S5.',
  'cues.one-by-one-150.decide':
    'No one is left to start: after 200 ms S5 decides LEADING. The cascade ends at the highest sid.',

  // ---- boot-jitter
  'presets.boot-jitter.title': '5 servers at once, with boot jitter',
  'presets.boot-jitter.watch':
    'All five are started at t = 0, but a real JVM takes a while to boot, and not the same while on every machine: here each server’s election starts after a random 0–2000 ms (seeded). The first servers whose elections overlap settle on the highest sid among them, and whoever boots after the decision simply follows. In this run S2, S4, S3 and S1 are up within about 1.2 s and elect S4; S5 boots at about 1.8 s, follows S4 and gets a SNAP. Change the seed: most seeds give S4 or S5, now and then S3 — “the highest sid leads” is a tendency, not a rule.',
  'cues.boot-jitter.first':
    'The first server finishes booting and starts looking. The others are still starting up.',
  'cues.boot-jitter.quorum':
    'Four servers are up and agree on the highest sid among them. The finalize wait is about to end — S5 is still booting.',
  'cues.boot-jitter.decide': 'Decided: S4 leads. The highest sid that was there in time wins.',
  'cues.boot-jitter.late':
    'S5 boots after the decision: it follows S4 and, joining an established leader, gets SNAP.',

  // ---- leader-crash
  'presets.leader-crash.title': 'The leader crashes: a new election, a new epoch',
  'presets.leader-crash.watch':
    'S3 leads epoch 1 and c1 writes /a (0x100000002). At 2 s S3 crashes. S1 and S2 notice at once (the dead process’s sockets close), go LOOKING and vote again: same epoch, same last zxid, so S2 wins on sid. S2 starts epoch 2 — watch acceptedEpoch and currentEpoch become 2 — and the next write gets a zxid of the new epoch: 0x200000002 (0x200000001 is c2’s session). When S3 comes back it learns the leader from the answers to its vote, follows S2 and gets a DIFF of what it missed; it ends with /a and /b.',
  'presets.leader-crash.chapter.before': 'Epoch 1',
  'presets.leader-crash.chapter.crash': 'The crash',
  'presets.leader-crash.chapter.after': 'Epoch 2',
  'presets.leader-crash.chapter.return': 'S3 returns',
  'cues.leader-crash.write': 'c1’s create /a: proposed by S3 as 0x100000002 (epoch 1, counter 2).',
  'cues.leader-crash.crash': 'S3 crashes: its memory is gone, its disk stays.',
  'cues.leader-crash.looking':
    'S1’s connection to the leader closes. It goes LOOKING and votes for itself: (1, 0x100000002, epoch 1).',
  'cues.leader-crash.decide':
    'S1 and S2 have the same epoch and the same last zxid: the higher sid wins. S2 leads.',
  'cues.leader-crash.epoch':
    'A quorum has acknowledged the new epoch: S2 writes currentEpoch = 2. From now on every zxid starts with 0x2…',
  'cues.leader-crash.write2':
    'c2’s create /b gets 0x200000002: the epoch is in the high 32 bits, the counter restarts.',
  'cues.leader-crash.rejoin':
    'S3 is back with 0x100000002. Everything after it is in S2’s committedLog: DIFF(0x200000002) with the txns it missed.',

  // ---- lagging-follower-diff
  'presets.lagging-follower-diff.title': 'A lagging follower catches up by DIFF',
  'presets.lagging-follower-diff.watch':
    'S1 crashes after 0x100000007 while S3 and S2 go on to 0x10000000a (three more creates). When S1 restarts, the others have no election to hold: S1 learns the leader from their answers and its ACKEPOCH reports 0x100000007. That zxid lies inside the leader’s committedLog, so S3 sends DIFF(0x10000000a) followed by PROPOSAL + COMMIT for 0x…8, 0x…9 and 0x…a — only what is missing. No new epoch: S1 keeps currentEpoch 1 and ends at 0x10000000a with all nine nodes.',
  'presets.lagging-follower-diff.chapter.writes': 'Writes',
  'presets.lagging-follower-diff.chapter.down': 'S1 is down',
  'presets.lagging-follower-diff.chapter.return': 'S1 returns',
  'cues.lagging-follower-diff.crash': 'S1 crashes. Its disk holds everything up to 0x100000007.',
  'cues.lagging-follower-diff.missed':
    'S3 and S2 commit 0x10000000a without S1: two of three is still a quorum.',
  'cues.lagging-follower-diff.restart': 'S1 restarts, replays its log to 0x100000007 and votes.',
  'cues.lagging-follower-diff.diff':
    '0x100000007 is inside S3’s committedLog: DIFF(0x10000000a), then PROPOSAL + COMMIT for the three txns S1 missed.',
  'cues.lagging-follower-diff.caught-up': 'S1 is up to date and back in broadcast — still in epoch 1.',

  // ---- old-leader-trunc
  'presets.old-leader-trunc.title': 'An old leader’s unreplicated txn: TRUNC',
  'presets.old-leader-trunc.watch':
    'Leader S3 writes /a1–/a3 (up to 0x100000004). Then it logs 0x100000005 (create /b), but both PROPOSALs are lost, and it crashes. S1 and S2 elect S2 (same epoch and zxid, higher sid) for epoch 2; the client’s create /b ends in ConnectionLoss — it was never committed. S3 comes back holding 0x100000005, which no one else has, while S2 has written nothing in epoch 2 yet: S3 is ahead of the leader’s last committed txn, so S2 sends TRUNC(0x100000004). S3 cuts its log back, forgets /b and takes a snapshot at 0x100000004. Compare with the SNAP preset.',
  'presets.old-leader-trunc.chapter.writes': 'Epoch 1',
  'presets.old-leader-trunc.chapter.crash': 'The crash',
  'presets.old-leader-trunc.chapter.return': 'The old leader returns',
  'cues.old-leader-trunc.unreplicated':
    'S3 logs 0x100000005 (create /b) — but its PROPOSALs to S1 and S2 are lost. Only S3 has it.',
  'cues.old-leader-trunc.crash': 'S3 crashes with its unreplicated txn on disk.',
  'cues.old-leader-trunc.new-leader': 'S1 and S2 both stop at 0x100000004: S2 wins on sid and leads epoch 2.',
  'cues.old-leader-trunc.restart': 'S3 restarts and replays its log: its last zxid is 0x100000005.',
  'cues.old-leader-trunc.trunc':
    'S3 is ahead of everything S2 committed, in the same epoch: TRUNC(0x100000004).',
  'cues.old-leader-trunc.cut':
    'S3 truncates its log to 0x100000004: /b is gone, as if it had never been written.',

  // ---- old-leader-snap
  'presets.old-leader-snap.title': 'The same old leader, after a new write: SNAP',
  'presets.old-leader-snap.watch':
    'The same start as the TRUNC preset, with one difference: before S3 returns, c2 creates /c on the new leader S2 (0x200000002; 0x200000001 is c2’s session). Now the entry after 0x100000004 in S2’s history belongs to epoch 2, and a TRUNC cannot cut across an epoch boundary. So S2 sends SNAP(0x200000002): its whole tree. S3 loses /b, gains /c, and its old log file (still holding 0x100000005) stays on disk, harmless below the new snapshot.',
  'presets.old-leader-snap.chapter.writes': 'Epoch 1',
  'presets.old-leader-snap.chapter.crash': 'The crash',
  'presets.old-leader-snap.chapter.return': 'The old leader returns',
  'cues.old-leader-snap.unreplicated': 'S3 logs 0x100000005, which never reaches S1 or S2.',
  'cues.old-leader-snap.new-write': 'S2, leader of epoch 2, commits /c as 0x200000002.',
  'cues.old-leader-snap.restart': 'S3 restarts with 0x100000005.',
  'cues.old-leader-snap.snap':
    'The next txn after 0x100000004 is in epoch 2: TRUNC can’t reach across the boundary, so S2 sends SNAP(0x200000002).',

  // ---- far-behind-snap
  'presets.far-behind-snap.title': 'A far-behind follower gets SNAP',
  'presets.far-behind-snap.watch':
    'S1 crashes early, at 0x100000002. While it is down the others write six more nodes, and with snapCount 4 they take a snapshot every few txns. Then the leader S3 is restarted (a rolling restart): it reloads from its newest snapshot, so its in-memory committedLog now starts at 0x100000007. S2 and S3 elect S3 again, for epoch 2. When S1 returns at 0x100000002 it is older than anything the leader keeps in memory, and the txn log on disk can’t serve it either: S3 sends SNAP(0x200000000), the whole tree. S1 ends with /a1 and /b1–/b6.',
  'presets.far-behind-snap.chapter.writes': 'S1 falls behind',
  'presets.far-behind-snap.chapter.rolling': 'Rolling restart of the leader',
  'presets.far-behind-snap.chapter.return': 'S1 returns',
  'cues.far-behind-snap.crash': 'S1 crashes at 0x100000002.',
  'cues.far-behind-snap.snapshots':
    'snapCount is 4: S3 writes a snapshot every few txns and starts a new log file.',
  'cues.far-behind-snap.leader-restart':
    'S3 restarts: it loads its newest snapshot and replays only the log after it. Its committedLog now begins at 0x100000007.',
  'cues.far-behind-snap.restart': 'S1 restarts, still at 0x100000002.',
  'cues.far-behind-snap.snap':
    '0x100000002 is below the leader’s committedLog and the log files can’t serve it: SNAP(0x200000000).',

  // ---- partition-minority
  'presets.partition-minority.title': 'A partition: the minority can’t elect, then heals',
  'presets.partition-minority.watch':
    'Five servers, leader S5. At 2 s the network splits {S1, S2} from {S3, S4, S5}. The majority keeps its leader — 3 of 5 is still a quorum — and c2’s write /during succeeds. The minority can’t do anything: S1 and S2 lose the leader after 10 s without hearing from it (syncLimit × tickTime), go LOOKING and stay LOOKING, because two votes are never a quorum of five; c1’s create /minority on S1 ends in ConnectionLoss. After the heal at 20 s their next notifications reach the majority (a LOOKING server waits longer and longer between rounds), they follow S5 again, still in epoch 1, and catch up by DIFF.',
  'presets.partition-minority.chapter.before': 'One ensemble',
  'presets.partition-minority.chapter.split': 'The split',
  'presets.partition-minority.chapter.healed': 'The heal',
  'cues.partition-minority.cut': 'The network splits: S1 and S2 can no longer reach S3, S4 and S5.',
  'cues.partition-minority.majority-write':
    'The majority side still has a quorum: c2’s create /during succeeds on S4.',
  'cues.partition-minority.minority-looking':
    '10 s without a word from the leader: S1 and S2 give up following and go LOOKING. Two of five can never elect.',
  'cues.partition-minority.heal': 'The network heals.',
  'cues.partition-minority.rejoin':
    'S1’s next round of notifications reaches the majority: it follows S5 and gets DIFF with /during.',

  // ---- observer
  'presets.observer.title': 'An observer: it follows but never votes',
  'presets.observer.watch':
    'Three voters and an observer, S4. S4 is never part of a quorum: it doesn’t count in elections, never ACKs, and receives INFORM (a committed txn in one packet) instead of PROPOSAL and COMMIT. It still serves clients: c1’s create /o goes through S4 to the leader. When leader S3 crashes, S1 and S2 elect S2 on their own. Watch S4’s detour: while S1 and S2 are still LOOKING they answer it with their last vote, which names S3, so S4 first tries the dead S3, fails to connect, looks again, and then observes S2 (DIFF).',
  'cues.observer.join': 'S4 joins as an OBSERVER and is synced like any learner (here: SNAP).',
  'cues.observer.inform':
    'A write is committed by the voters alone; S4 receives a single INFORM with the committed txn.',
  'cues.observer.crash': 'Leader S3 crashes.',
  'cues.observer.detour':
    'S4 decides to observe S3 — the dead leader: the LOOKING voters answered it with their last vote.',
  'cues.observer.rejoin': 'After failing to connect to S3, S4 looks again and finds S2: DIFF.',

  // ---- session-expiry
  'presets.session-expiry.title': 'Session expiry: ephemeral nodes and watches',
  'presets.session-expiry.watch':
    'c1 connects to S3 asking for a 3000 ms session; the leader grants 4000 ms (the minimum is 2 × tickTime). It creates /e and the ephemeral /e/x; c2 on S1 sets a data watch on /e/x and a child watch on /e. At 10.5 s c1 goes silent without closing its session. The leader tracks expiry in tickTime buckets: last contact 10 500 ms + 4 000 ms → the 16 000 ms bucket. At 16 s it proposes closeSession: /e/x disappears on every server, and c2 gets NodeDeleted /e/x and NodeChildrenChanged /e — one of each, since watches are one-shot. When c1 comes back at 20 s its session is gone: Expired.',
  'presets.session-expiry.chapter.setup': 'Session, nodes, watches',
  'presets.session-expiry.chapter.silence': 'c1 goes silent',
  'presets.session-expiry.chapter.expiry': 'Expiry',
  'cues.session-expiry.ephemeral': '/e/x is ephemeral: it lives exactly as long as c1’s session.',
  'cues.session-expiry.watches': 'c2 now watches /e/x (data) and /e (children).',
  'cues.session-expiry.silent':
    'c1 disconnects without closing its session. Its ephemeral node stays — for now.',
  'cues.session-expiry.expire':
    '16 000 ms: the session’s bucket is due. The leader proposes closeSession, which deletes /e/x everywhere.',
  'cues.session-expiry.fired': 'c2’s watches fire: NodeDeleted /e/x, then NodeChildrenChanged /e.',
  'cues.session-expiry.expired': 'c1 reconnects, too late: the session has expired.',

  // ---- lock-recipe
  'presets.lock-recipe.title': 'Sequential nodes and the lock recipe',
  'presets.lock-recipe.watch':
    'The ZooKeeper lock recipe. Three clients each create an ephemeral sequential node under /lock: the server appends a 10-digit counter, so they get lock-0000000000, lock-0000000001 and lock-0000000002 in the order the leader commits them. The lowest holds the lock; each of the others watches only its predecessor (stat -w), not the holder, so a release wakes exactly one client. When c1 closes its session its node is deleted and only c2’s watch fires: c2 holds the lock. When c2 closes, c3’s watch fires in turn.',
  'presets.lock-recipe.chapter.queue': 'Queueing up',
  'presets.lock-recipe.chapter.handover': 'Handing the lock over',
  'cues.lock-recipe.first': 'c1 creates /lock/lock-0000000000: the lowest number holds the lock.',
  'cues.lock-recipe.queue': 'Three nodes, numbered in commit order. c2 and c3 are waiting.',
  'cues.lock-recipe.watch': 'c2 watches only the node just before its own: lock-0000000000.',
  'cues.lock-recipe.release': 'c1 closes its session: the leader’s closeSession deletes its ephemeral node.',
  'cues.lock-recipe.fired': 'Only c2’s watch fires (NodeDeleted). c2 is now the lowest: it holds the lock.',
  'cues.lock-recipe.next': 'c2 closes in turn; c3’s watch on lock-0000000001 fires. c3 holds the lock.',

  // ---- zk-4643-391
  'presets.zk-4643-391.title': 'ZOOKEEPER-4643 on 3.9.1: a committed write is lost',
  'presets.zk-4643-391.watch':
    'ZOOKEEPER-4643 (fixed in 3.8.5 / 3.9.2), replayed with the NEWLEADER handling of 3.9.1. S1 is cut off while leader S3 and S2 commit /t (0x100000003): the client was told it succeeded. S3 crashes and the partition heals; S2 leads epoch 2 and sends S1 DIFF, /t, NEWLEADER. The 3.9.1 follower writes currentEpoch = 2 first and hands /t to its asynchronous log writer — and S1 crashes right then (the injected fault), before /t is on disk. S2 goes down too. S1 and S3 restart: S1’s vote (epoch 2, 0x100000002) beats S3’s (epoch 1, 0x100000003), because epochs are compared before zxids. S1 leads epoch 3 without /t and tells S3 to TRUNC to 0x100000002: a committed write is gone. The checker reports Durability and TruncBelowCommitted.',
  'presets.zk-4643-391.chapter.epoch1': 'Epoch 1: /t is committed',
  'presets.zk-4643-391.chapter.epoch2': 'Epoch 2: the fatal sync',
  'presets.zk-4643-391.chapter.epoch3': 'Epoch 3: the wrong leader',
  'cues.zk-4643-391.partition': 'S1 is cut off from S2 and S3.',
  'cues.zk-4643-391.committed':
    '/t is committed by S3 and S2 (0x100000003) and the client is told: Created /t.',
  'cues.zk-4643-391.newleader':
    'S1 handled NEWLEADER the 3.9.1 way: currentEpoch = 2 is on disk, /t is not. Then it crashes.',
  'cues.zk-4643-391.restart':
    'S1 and S3 restart. S1 votes (epoch 2, 0x100000002), S3 votes (epoch 1, 0x100000003).',
  'cues.zk-4643-391.wrong-leader': 'Epoch beats zxid: S1 leads — and S1 never had /t.',
  'cues.zk-4643-391.violation': 'The checker: a committed txn is missing from the new leader’s history.',

  // ---- zk-4643-395
  'presets.zk-4643-395.title': 'ZOOKEEPER-4643, same schedule on 3.9.5: fixed',
  'presets.zk-4643-395.watch':
    'The very same schedule and the same crash, on 3.9.5. Since the fix, a follower at NEWLEADER first logs and fsyncs the txns it was sent, and only then writes its new currentEpoch. S1 crashes at the same moment, but its epoch file still says 1: after the restart its vote (epoch 1, 0x100000002) loses to S3’s (epoch 1, 0x100000003). S3 leads epoch 3 with /t, S1 gets DIFF, and no invariant is violated.',
  'presets.zk-4643-395.chapter.epoch1': 'Epoch 1: /t is committed',
  'presets.zk-4643-395.chapter.epoch2': 'Epoch 2: the same crash',
  'presets.zk-4643-395.chapter.epoch3': 'Epoch 3: the right leader',
  'cues.zk-4643-395.partition': 'S1 is cut off from S2 and S3.',
  'cues.zk-4643-395.committed': '/t is committed by S3 and S2 (0x100000003).',
  'cues.zk-4643-395.newleader':
    'S1 crashes at the same point — but 3.9.5 writes currentEpoch only after the txns are durable: its epoch is still 1.',
  'cues.zk-4643-395.restart': 'S1 and S3 restart. Both votes have epoch 1; S3’s zxid 0x100000003 is higher.',
  'cues.zk-4643-395.right-leader': 'S3 leads epoch 3, and /t survives.',

  // ---- zk-2846 (latent replica divergence in ZooKeeper 3.9.5)
  'presets.zk-2846.title': 'ZOOKEEPER-2846: a SNAP-synced leader serves its orphan txn',
  'presets.zk-2846.watch':
    'A real divergence in ZooKeeper 3.9.5 itself. S1 starts late and logs /ghost (0x100000003) together with the leader S5 alone: it never commits. S2–S4 move on to new epochs while S1 is cut off. When S1 rejoins it gets SNAP — but its txn log keeps 0x100000003 below the snapshot, and new txns are appended to the same file after it. Later S1 leads and serves S5 from that txn log (LearnerHandler.syncFollower → queueCommittedProposals): the walk finds 0x100000003, takes it for common history and sends only what the file holds after it, skipping 0x200000001–0x200000002 that only S1’s snapshot holds. S5 ends up with the never-committed /ghost and without /w1, and the checker names ZOOKEEPER-2846. The same schedule with snapshotSizeFactor=-1 does not diverge.',
  'presets.zk-2846.chapter.orphan': 'An orphan txn',
  'presets.zk-2846.chapter.snap': 'SNAP keeps the orphan in the log',
  'presets.zk-2846.chapter.lead': 'S1 leads and serves from its log',
  'cues.zk-2846.orphan': 'S1 logs 0x100000003 (/ghost). Only S5 and S1 have it: it will never be committed.',
  'cues.zk-2846.snap':
    'S1 rejoins and is SNAP-synced. Its txn log still holds 0x100000003, below the new snapshot.',
  'cues.zk-2846.append': 'New txns go into the same log file, right after the orphan 0x100000003.',
  'cues.zk-2846.leads': 'S1 leads epoch 4.',
  'cues.zk-2846.walk':
    'S5 (at 0x100000003) is below S1’s committedLog: S1 walks its txn log, finds 0x100000003 and sends what follows it — 0x200000001 and 0x200000002 are skipped.',
  'cues.zk-2846.violation':
    'The checker: S5 lacks committed txns and serves /ghost, which was never committed.',

  // ---- zk-2846-factor-off
  'presets.zk-2846-factor-off.title': 'ZOOKEEPER-2846 with snapshotSizeFactor=-1: no divergence',
  'presets.zk-2846-factor-off.watch':
    'The same schedule as ZOOKEEPER-2846 with the documented workaround, snapshotSizeFactor=-1: the leader never serves a learner from its txn log. S1 still has the orphan 0x100000003 in its log, but when it leads, S5 is below its committedLog and gets SNAP instead of the broken txn-log walk. Every server ends with the same znodes; no violation.',
  'presets.zk-2846-factor-off.chapter.orphan': 'An orphan txn',
  'presets.zk-2846-factor-off.chapter.lead': 'S1 leads',
  'cues.zk-2846-factor-off.orphan': 'S1 logs 0x100000003 (/ghost); it will never be committed.',
  'cues.zk-2846-factor-off.leads': 'S1 leads epoch 4, with the orphan still in its txn log.',
  'cues.zk-2846-factor-off.snap': 'Txn-log sync is off: S5 gets SNAP, and the orphan stays where it is.',

  // ---- trunc-kept-txn
  'presets.trunc-kept-txn.title': 'FileTxnLog.truncate keeps a never-committed txn',
  'presets.trunc-kept-txn.watch':
    'A real divergence in ZooKeeper 3.9.5 itself. S1 starts late and is SNAP-synced, so its txn log is empty. It then logs /ghost (0x100000003) with the leader S5 alone, and both crash: /ghost is never committed. S4 leads epoch 2. When S1 comes back, S4 sends TRUNC to 0x100000002 — a txn that is in S1’s snapshot, not in its log. FileTxnLog.truncate keeps the first txn at or above the target, so 0x100000003 survives on disk and in the reloaded tree, while lastProcessedZxid is forced back to 0x100000002. A client reads /ghost on S1; on S2 it does not exist.',
  'presets.trunc-kept-txn.chapter.setup': 'S1 starts late',
  'presets.trunc-kept-txn.chapter.fork': 'An uncommitted txn',
  'presets.trunc-kept-txn.chapter.rejoin': 'S1 rejoins',
  'cues.trunc-kept-txn.snap':
    'S1 starts late and gets SNAP at 0x100000002: its log is empty, the snapshot holds the rest.',
  'cues.trunc-kept-txn.uncommitted':
    'S1 logs 0x100000003 (/ghost), which only S5 and S1 have: it never commits.',
  'cues.trunc-kept-txn.trunc': 'S4 tells S1 to truncate to 0x100000002 — a zxid that is not in S1’s log.',
  'cues.trunc-kept-txn.kept':
    'FileTxnLog.truncate keeps the first txn at or above the target: 0x100000003 survives on disk and in the tree.',
  'cues.trunc-kept-txn.read': 'A client reads /ghost on S1 — a znode the ensemble never committed.',

  // ---- recovery-tour
  'presets.recovery-tour.title': 'Recovery tour: TRUNC, DIFF and SNAP in one run',
  'presets.recovery-tour.watch':
    'Three ways back, in one run of five servers. S1 crashes early and misses a few writes. Leader S5 logs an unreplicated txn (create /lost) and crashes; S4 leads epoch 2. S5 returns before any new write: TRUNC. c2 writes /b1, then S1 returns: its zxid is inside S4’s committedLog — DIFF. Then leader S4 logs an unreplicated txn of its own and crashes; S5 leads epoch 3 and a client writes /c1. S4 returns: its extra txn is in epoch 2, and the leader’s next entry is in epoch 3 — SNAP. No committed write is lost, and neither /lost nor /lost2 survives.',
  'presets.recovery-tour.chapter.epoch1': 'Epoch 1',
  'presets.recovery-tour.chapter.epoch2': 'Epoch 2: S4 leads',
  'presets.recovery-tour.chapter.epoch3': 'Epoch 3: S5 leads',
  'cues.recovery-tour.lagging': 'S1 crashes: it will miss the next writes.',
  'cues.recovery-tour.unreplicated': 'Leader S5 crashes holding a txn no one else logged.',
  'cues.recovery-tour.trunc': 'S5 returns before epoch 2 has written anything: TRUNC.',
  'cues.recovery-tour.diff': 'S1 returns; what it missed is all in S4’s committedLog: DIFF.',
  'cues.recovery-tour.unreplicated2': 'Leader S4 crashes holding an unreplicated txn of epoch 2.',
  'cues.recovery-tour.snap': 'S4 returns after epoch 3 has written: no TRUNC across epochs — SNAP.',

  // ---- lesson choices
  'lessons.choice.server': 'S{sid}',
  'lessons.choice.zxid': '{zxid}',
  'lessons.choice.ms': '{ms} ms',
  'lessons.choice.mode.DIFF': 'DIFF — send only the missing txns',
  'lessons.choice.mode.TRUNC': 'TRUNC — cut the log back',
  'lessons.choice.mode.SNAP': 'SNAP — send the whole tree',

  // ---- lesson controls (for the lesson panel)
  'lessons.ui.lesson': 'Lesson',
  'lessons.ui.next': 'Next',
  'lessons.ui.prev': 'Back',
  'lessons.ui.progress': 'Step {reached} of {total}',
  'lessons.ui.predict': 'Your prediction',
  'lessons.ui.check': 'Check',
  'lessons.ui.correct': 'Right — and the run shows it.',
  'lessons.ui.wrong': 'Not this time. Play on and watch what really happens.',
  'lessons.ui.finished': 'End of the lesson.',

  // ---- lesson: election
  'lessons.election.title': 'Electing a leader',
  'lessons.election.intro':
    'Five empty servers, none running yet. They will start one at a time, 250 ms apart. Each runs FastLeaderElection: it votes for itself and tells every other voter.',
  'lessons.election.first-vote':
    'S1 votes for itself: (leader 1, zxid 0x0, epoch 0), queues it for S2–S5 and dials each of them. Nobody is up yet: the vote waits in S1’s send queues.',
  'lessons.election.second':
    'S2 starts. Votes are compared by epoch first, then zxid, then sid: all else equal, S2’s vote beats S1’s, so S1 switches to S2. Two of five is not a quorum: both keep looking.',
  'lessons.election.third': 'S3 starts and votes for itself.',
  'lessons.election.third.prompt': 'Which server will lead the ensemble?',
  'lessons.election.third.explain':
    'S3: it has the highest sid among the first three servers, and three is a quorum of five. FastLeaderElection then waits 200 ms (finalizeWait) for a better vote; S4 starts 250 ms after S3, too late.',
  'lessons.election.decide':
    'The 200 ms passed without a better vote: S3 decides LEADING, S1 and S2 FOLLOWING. Discovery begins: FOLLOWERINFO, LEADERINFO, ACKEPOCH — and epoch 1.',
  'lessons.election.fourth': 'S4 starts. Its sid is higher than the leader’s.',
  'lessons.election.fourth.prompt': 'Whom will S4 follow?',
  'lessons.election.fourth.explain':
    'S3. The election is over: S4’s vote is answered by servers that are FOLLOWING or LEADING, their votes name S3 and a quorum stands behind them, so S4 joins S3. An established leader is not replaced because a higher sid shows up.',
  'lessons.election.join': 'S4 has decided to follow S3 and sends FOLLOWERINFO.',
  'lessons.election.join.prompt': 'How will S3 bring S4 up to date?',
  'lessons.election.join.explain':
    'SNAP. S3 is already established: its lastProcessedZxid is the new-epoch zxid 0x100000000, S4 has 0x0, and S3 has no committed txns to send a DIFF from. So it sends its whole (still empty) tree.',
  'lessons.election.snap': 'SNAP({zxid}): S4 loads the snapshot, saves it, and follows.',
  'lessons.election.end':
    'S5 does the same: five servers, S3 leads epoch 1. Open the 150 ms preset to see why S5 leads when the starts come faster.',

  // ---- lesson: broadcast
  'lessons.broadcast.title': 'A write, step by step',
  'lessons.broadcast.intro':
    'Three servers boot and elect a leader (watch the vote boxes if you like). This lesson is about what comes next: a write, and a read.',
  'lessons.broadcast.leader': 'S{sid} leads. Every write will go through it.',
  'lessons.broadcast.established':
    'The followers are in sync and epoch 1 is established: the leader is in BROADCAST.',
  'lessons.broadcast.client': 'c1 connects to S1 and runs create /a hello.',
  'lessons.broadcast.client.prompt': 'Which zxid will /a get?',
  'lessons.broadcast.client.explain':
    '0x100000002. A zxid is the epoch in the high 32 bits and a counter in the low 32: epoch 1, counter 2. Counter 1 is taken by c1’s session — creating a session is a transaction too.',
  'lessons.broadcast.session':
    'S1 forwards the new session to the leader (REQUEST), and S3 proposes createSession as 0x100000001.',
  'lessons.broadcast.propose': 'S3 proposes create /a and sends PROPOSAL to S1 and S2.',
  'lessons.broadcast.propose.prompt':
    'How many of the three voters must have logged it (ACK) before S3 commits?',
  'lessons.broadcast.propose.choice.one': 'One: the leader alone',
  'lessons.broadcast.propose.choice.two': 'Two: a majority',
  'lessons.broadcast.propose.choice.three': 'All three',
  'lessons.broadcast.propose.explain':
    'Two — a majority of three: the leader (its own log write counts) and one follower. The slower follower’s ACK arrives after the commit and changes nothing.',
  'lessons.broadcast.commit':
    'Quorum: S3 commits 0x100000002 and sends COMMIT. Each server applies it to its own tree.',
  'lessons.broadcast.created': 'S1 has applied it and answers c1: Created /a.',
  'lessons.broadcast.read': 'c2 connects to S2 and runs get /a.',
  'lessons.broadcast.read.prompt': 'Who answers get /a?',
  'lessons.broadcast.read.choice.local': 'S2 alone, from its own tree',
  'lessons.broadcast.read.choice.leader': 'S2 asks the leader first',
  'lessons.broadcast.read.explain':
    'S2 alone: only writes (and session changes) go through the leader. A read is served from the local tree — fast, but it may lag behind the leader; run sync first when you must see the latest write.',
  'lessons.broadcast.end': 'S2 answers hello from its own copy.',

  // ---- lesson: recovery
  'lessons.recovery.title': 'Recovery and sync: DIFF, TRUNC, SNAP',
  'lessons.recovery.intro':
    'Five servers, leader S5. Three of them will fall behind in three different ways. Each time one returns, watch the leader’s sync decision: DIFF, TRUNC or SNAP.',
  'lessons.recovery.lagging': 'S1 crashes. The others go on writing /a3 and /a4 without it.',
  'lessons.recovery.unreplicated':
    'Leader S5 logs {zxid} (create /lost), but every PROPOSAL for it is lost: no other server has it.',
  'lessons.recovery.crash5': 'S5 crashes. S2, S3 and S4 look for a new leader.',
  'lessons.recovery.crash5.prompt': 'Which server will lead?',
  'lessons.recovery.crash5.explain':
    'S4. All three have the same epoch and the same last zxid (the unreplicated txn never reached them), so the highest sid wins. S4 starts epoch 2.',
  'lessons.recovery.restart5':
    'S5 restarts. It replays its log, which still holds the txn nobody else has. S4 has written nothing in epoch 2 yet.',
  'lessons.recovery.restart5.prompt': 'What will S4 send S5?',
  'lessons.recovery.restart5.explain':
    'TRUNC({zxid}). S5’s last zxid is above everything S4 has committed, and in the same epoch: S5 must cut its log back to S4’s last committed txn.',
  'lessons.recovery.truncate':
    'S5 truncates its log to {zxid}. The unreplicated txn is gone. It was never committed, so no client was ever told it succeeded.',
  'lessons.recovery.restart1':
    'S1 restarts. It stopped early in epoch 1; since then epoch 2 has written /b1.',
  'lessons.recovery.restart1.prompt': 'What will S1 get?',
  'lessons.recovery.restart1.explain':
    'DIFF({zxid}). S1’s last zxid is inside S4’s committedLog and everything after it is simply what S1 missed: the leader sends those txns, PROPOSAL + COMMIT each.',
  'lessons.recovery.crash4':
    'Now leader S4 logs a txn no one else gets (create /lost2) and crashes. The others elect S{sid} for epoch 3, and a client writes /c1.',
  'lessons.recovery.restart4':
    'S4 restarts holding its unreplicated epoch-2 txn — like S5 before. But this time the new leader has already committed in the new epoch.',
  'lessons.recovery.restart4.prompt': 'What will S4 get?',
  'lessons.recovery.restart4.explain':
    'SNAP({zxid}). In the leader’s history the entry after S4’s last common txn belongs to epoch 3. TRUNC cannot cut across an epoch boundary, so the leader sends its whole tree.',
  'lessons.recovery.end':
    'Three ways back: DIFF sends what was missed, TRUNC removes what should never have been, SNAP replaces everything when neither works. No committed write was lost.',

  // ---- lesson: sessions
  'lessons.sessions.title': 'Sessions, ephemeral nodes and watches',
  'lessons.sessions.intro':
    'Three servers, leader S3. Two clients: c1 will own an ephemeral node, c2 will watch it.',
  'lessons.sessions.connect': 'c1 connects to S3, asking for a session timeout of 3000 ms.',
  'lessons.sessions.connect.prompt': 'What session timeout will the server grant?',
  'lessons.sessions.connect.explain':
    '4000 ms. The server clamps the timeout to [2, 20] × tickTime = [4000, 40000] ms, so 3000 becomes 4000.',
  'lessons.sessions.ephemeral':
    'c1 creates /e/x with -e: an ephemeral node, owned by c1’s session (see ephemeralOwner in its stat). It lives exactly as long as the session.',
  'lessons.sessions.watches':
    'c2 sets a data watch on /e/x (get -w) and a child watch on /e (ls -w). A watch fires at most once.',
  'lessons.sessions.silent':
    'c1 sends its last request at 10.5 s, then disconnects without closing its session.',
  'lessons.sessions.silent.prompt': 'When will the leader expire c1’s session?',
  'lessons.sessions.silent.explain':
    'At 16 000 ms. The leader keeps sessions in buckets of tickTime (2000 ms): a session expires at the first bucket edge after last contact + timeout. 10 500 + 4 000 = 14 500 → the bucket ending at 16 000.',
  'lessons.sessions.expire':
    'The leader proposes closeSession. Once committed, every server deletes c1’s ephemeral nodes.',
  'lessons.sessions.expire.prompt': 'Which events will c2 receive?',
  'lessons.sessions.expire.choice.both': 'NodeDeleted /e/x and NodeChildrenChanged /e',
  'lessons.sessions.expire.choice.deleted': 'Only NodeDeleted /e/x',
  'lessons.sessions.expire.choice.none': 'None: c2 is on another server',
  'lessons.sessions.expire.explain':
    'Both. Deleting /e/x fires the data watch on /e/x (NodeDeleted) and the child watch on its parent /e (NodeChildrenChanged). S1 sends them to c2 when it applies the txn — every server applies every txn.',
  'lessons.sessions.fired': 'Both watches have fired — and are gone: a second change would not be reported.',
  'lessons.sessions.return': 'c1 comes back at 20 s and runs ls /e.',
  'lessons.sessions.return.prompt': 'What does c1’s session become?',
  'lessons.sessions.return.choice.expired': 'Expired',
  'lessons.sessions.return.choice.connected': 'Connected again (SyncConnected)',
  'lessons.sessions.return.choice.disconnected': 'Still Disconnected',
  'lessons.sessions.return.explain':
    'Expired. The session was closed by the ensemble; it cannot be resumed. zkCli reports “Session expired”: the application must open a new session and recreate its ephemeral nodes.',
  'lessons.sessions.end': 'c2’s stat /e shows it: numChildren 0, pzxid = the closeSession txn.',

  // ---- share links
  'link.error.malformed': 'This link is not a valid ZAB Lab link, or it has been altered.',
  'link.error.truncated': 'This link is incomplete — it was probably cut off when it was copied.',
  'link.error.future-version':
    'This link was made by a newer version of ZAB Lab (link version {version}). Reload the page to get the latest version.',
  'link.error.too-large': 'This link is too large to open.',
  'link.error.invalid-scenario': 'The scenario in this link is not valid.',
  'link.error.invalid-actions': 'The recorded actions in this link are not valid.',
  'link.error.invalid-step': 'The step in this link is not valid.',

  // ---- scenario import
  'link.import.empty': 'The file is empty.',
  'link.import.too-large': 'The file is too large.',
  'link.import.invalid-scenario': 'This file is not a valid scenario:',
  'link.import.invalid-trace':
    'This file is not a trace (JSON Lines: one event per line, each with "t" and "ev"):',
} satisfies Record<string, string>;
