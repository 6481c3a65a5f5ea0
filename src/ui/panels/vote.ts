/**
 * Plain-language explanation of the last notification a server judged — why its vote did or did
 * not change — naming the FastLeaderElection rule (zk-reference §2.2, §2.4, §2.5).
 */
import type { VoteBoxView, VoteView } from '../../zk/view';
import { ec, type Translate } from './format';

export type VoteDecision = NonNullable<VoteBoxView['lastDecision']>;

export const TOTAL_ORDER = 'FastLeaderElection.totalOrderPredicate';
export const LOOK_FOR_LEADER = 'FastLeaderElection.lookForLeader';
export const WORKER_RECEIVER = 'FastLeaderElection.WorkerReceiver';

/** `(epoch 0, zxid 0:0, sid 5)` */
export function describeVote(v: VoteView, t: Translate): string {
  return t('panels.vote.desc', { epoch: v.peerEpoch, zxid: ec(v.zxid), sid: v.leader });
}

/**
 * One sentence, ending with ` — <the method that applies the rule>`. `self` is the judging server:
 * its own notification (loopback) is worded as such.
 */
export function explainVote(d: VoteDecision, t: Translate, self?: number): string {
  const p = {
    from: d.from,
    theirs: describeVote(d.theirs, t),
    mine: describeVote(d.mine, t),
    theirRound: d.theirs.electionEpoch,
    myRound: d.mine.electionEpoch,
    state: d.mine.state,
    theirState: d.theirs.state,
    leader: d.theirs.leader,
  };
  const outcome = d.changed ? 'changed' : 'kept';
  let key: string;
  let method = TOTAL_ORDER;
  switch (d.rule) {
    case 'peerEpoch':
    case 'zxid':
    case 'sid':
      key = `panels.vote.why.${d.rule}.${outcome}`;
      break;
    case 'equal':
      key = d.from === self ? 'panels.vote.why.self' : 'panels.vote.why.equal';
      break;
    case 'notVoter':
      key = 'panels.vote.why.notVoter';
      method = WORKER_RECEIVER;
      break;
    case 'staleRound':
      key = 'panels.vote.why.staleRound';
      method = LOOK_FOR_LEADER;
      break;
    case 'newRound':
      key = `panels.vote.why.newRound.${outcome}`;
      method = `${LOOK_FOR_LEADER} + ${TOTAL_ORDER}`;
      break;
    case 'notLooking':
      if (d.theirs.state !== 'LOOKING') {
        key = 'panels.vote.why.notLooking.them';
        method = LOOK_FOR_LEADER;
      } else {
        key = 'panels.vote.why.notLooking.me';
        method = WORKER_RECEIVER;
      }
      break;
  }
  return `${t(key, p)} — ${method}`;
}

/**
 * Why a LOOKING server votes for someone else, compared with its own initial vote (myid,
 * lastLoggedZxid, currentEpoch) — used when the step that changed the vote was not watched.
 */
export function explainAgainstInitial(proposal: VoteView, initial: VoteView, t: Translate): string | null {
  let rule: 'peerEpoch' | 'zxid' | 'sid';
  if (proposal.peerEpoch !== initial.peerEpoch) rule = 'peerEpoch';
  else if (proposal.zxid !== initial.zxid) rule = 'zxid';
  else if (proposal.leader !== initial.leader) rule = 'sid';
  else return null;
  const text = t(`panels.vote.initial.${rule}`, {
    leader: proposal.leader,
    theirs: describeVote(proposal, t),
    mine: describeVote(initial, t),
  });
  return `${text} — ${TOTAL_ORDER}`;
}
