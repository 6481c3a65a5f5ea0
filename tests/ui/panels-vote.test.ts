import { describe, expect, it } from 'vitest';
import type { SimView, VoteView } from '../../src/zk/view';
import { deriveVoteChanges, orderRule } from '../../src/ui/panels/voteHistory';
import { translate, type Lang } from '../../src/ui/i18n';
import type { Translate } from '../../src/ui/panels/format';
import { agreeingSids, quorumSize, sameVote } from '../../src/ui/panels/format';
import { explainAgainstInitial, explainVote, type VoteDecision } from '../../src/ui/panels/vote';

const tr =
  (lang: Lang): Translate =>
  (k, p) =>
    translate(lang, k, p);
const en = tr('en');
const zh = tr('zh-CN');

function vote(
  leader: number,
  zxid = 0,
  peerEpoch = 0,
  electionEpoch = 1,
  state: VoteView['state'] = 'LOOKING',
): VoteView {
  return { leader, zxid, peerEpoch, electionEpoch, state };
}
function decision(
  rule: VoteDecision['rule'],
  theirs: VoteView,
  mine: VoteView,
  changed: boolean,
  from = 4,
): VoteDecision {
  return { from, theirs, mine, rule, changed };
}

describe('vote explanation', () => {
  it('explains the sid tie-break in the words of the brief', () => {
    expect(explainVote(decision('sid', vote(5), vote(4), true), en)).toBe(
      "server 4's vote (epoch 0, zxid 0:0, sid 5) beats mine (epoch 0, zxid 0:0, sid 4): equal epoch and zxid, higher sid wins — FastLeaderElection.totalOrderPredicate",
    );
  });

  it('names the deciding rule for each outcome', () => {
    const cases: [VoteDecision, RegExp][] = [
      [
        decision('peerEpoch', vote(1, 0x100000001, 2), vote(3, 0x100000005, 1), true),
        /higher peerEpoch wins.*before the zxid/,
      ],
      [
        decision('peerEpoch', vote(1, 0x100000009, 1), vote(3, 0x100000001, 2), false),
        /lower peerEpoch loses.*keep my vote/,
      ],
      [
        decision('zxid', vote(1, 0x100000007, 1), vote(3, 0x100000005, 1), true),
        /equal epoch, higher zxid wins/,
      ],
      [
        decision('zxid', vote(1, 0x100000003, 1), vote(3, 0x100000005, 1), false),
        /equal epoch, lower zxid loses/,
      ],
      [decision('sid', vote(2), vote(4), false), /equal epoch and zxid, lower sid loses/],
      [decision('equal', vote(5), vote(5), false), /the same as mine/],
    ];
    for (const [d, re] of cases) {
      const s = explainVote(d, en);
      expect(s).toMatch(re);
      expect(s).toMatch(/— FastLeaderElection\.totalOrderPredicate$/);
      expect(s).toContain(`server ${d.from}'s`);
    }
  });

  it('shows zxids as epoch:counter', () => {
    const s = explainVote(decision('zxid', vote(1, 0x100000007, 1), vote(3, 0x100000005, 1), true), en);
    expect(s).toContain('zxid 1:7');
    expect(s).toContain('zxid 1:5');
  });

  it('explains rounds, non-voters and non-LOOKING senders', () => {
    expect(explainVote(decision('staleRound', vote(5, 0, 0, 1), vote(4, 0, 0, 3), false), en)).toMatch(
      /round 1, older than my round 3.*FastLeaderElection\.lookForLeader$/,
    );
    const nr = explainVote(decision('newRound', vote(5, 0, 0, 4), vote(4, 0, 0, 2), true), en);
    expect(nr).toMatch(/round 4, newer than my round 2.*clear recvset.*its vote wins/);
    expect(nr).toContain('totalOrderPredicate');
    expect(explainVote(decision('newRound', vote(2, 0, 0, 4), vote(4, 0, 0, 2), false), en)).toMatch(
      /my initial vote \(for myself\) wins/,
    );
    expect(explainVote(decision('notVoter', vote(9), vote(4), false), en)).toMatch(
      /not a voter.*never counted — FastLeaderElection\.WorkerReceiver$/,
    );
    expect(explainVote(decision('notLooking', vote(3, 0, 1, 1, 'LEADING'), vote(4), false), en)).toMatch(
      /already LEADING \(its leader: server 3\).*outofelection.*checkLeader/,
    );
    expect(explainVote(decision('notLooking', vote(5), vote(3, 0, 1, 1, 'FOLLOWING'), false), en)).toMatch(
      /I am FOLLOWING, not LOOKING/,
    );
  });

  it('has a complete Simplified Chinese explanation, keeping the identifiers', () => {
    const rules: VoteDecision['rule'][] = [
      'peerEpoch',
      'zxid',
      'sid',
      'equal',
      'notVoter',
      'staleRound',
      'newRound',
      'notLooking',
    ];
    for (const rule of rules)
      for (const changed of [true, false]) {
        const s = explainVote(decision(rule, vote(5), vote(4), changed), zh);
        expect(s).not.toMatch(/panels\.|\{\w+\}/);
        expect(s).toMatch(/[\u4e00-\u9fff]/);
        expect(s).toMatch(/FastLeaderElection\./);
      }
    expect(explainVote(decision('sid', vote(5), vote(4), true), zh)).toBe(
      '服务器 4 的选票（epoch 0，zxid 0:0，sid 5）胜过我的选票（epoch 0，zxid 0:0，sid 4）：epoch 和 zxid 都相同，sid 更大者胜出 — FastLeaderElection.totalOrderPredicate',
    );
  });
});

describe('quorum arithmetic', () => {
  it('needs a strict majority', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(quorumSize)).toEqual([1, 2, 2, 3, 3, 4, 4]);
  });

  it('counts LOOKING votes equal in every field and my round', () => {
    const p = vote(5, 0, 0, 2);
    expect(sameVote(vote(5, 0, 0, 2), p, 2)).toBe(true);
    expect(sameVote(vote(5, 0, 0, 1), p, 2)).toBe(false);
    expect(sameVote(vote(5, 1, 0, 2), p, 2)).toBe(false);
    const set = [
      { sid: 1, vote: vote(5, 0, 0, 2) },
      { sid: 2, vote: vote(4, 0, 0, 2) },
      { sid: 5, vote: vote(5, 0, 0, 2) },
      { sid: 6, vote: vote(5, 0, 0, 2) },
    ];
    expect(agreeingSids(set, p, 2, new Set([1, 2, 3, 4, 5]))).toEqual([1, 5]);
  });

  it('compares non-LOOKING votes by leader only', () => {
    expect(sameVote(vote(3, 7, 1, 9, 'FOLLOWING'), vote(3, 0, 1, 1, 'FOLLOWING'), 1)).toBe(true);
  });
});

describe('vote changes between two views', () => {
  const box = (proposal: VoteView | null, logicalclock = 1) => ({
    logicalclock,
    proposal,
    recvset: [],
    outofelection: [],
    notTimeout: 200,
    finalizeUntil: null,
    lastDecision: null,
  });
  const server = (sid: number, proposal: VoteView | null, logicalclock = 1) =>
    ({ sid, up: true, voteBox: box(proposal, logicalclock) }) as unknown as SimView['servers'][number];
  const view = (step: number, servers: SimView['servers']) => ({ step, servers }) as unknown as SimView;
  const send = { t: 1, ev: 'send', id: 9, from: 3, to: 1, type: 'NOTIFICATION' } as const;
  const lookup = (id: number) => (id === 9 ? send : undefined);

  it('attributes a change to the notification delivered in that step, naming the rule', () => {
    const prev = view(5, [server(1, vote(1)), server(3, vote(3))]);
    const next = view(6, [server(1, vote(3)), server(3, vote(3))]);
    const ch = deriveVoteChanges(prev, next, [{ t: 1, ev: 'recv', id: 9 }], lookup);
    expect([...ch.keys()]).toEqual([1]);
    const c = ch.get(1)!;
    expect(c.step).toBe(6);
    expect(explainVote(c.decision, en, 1)).toBe(
      "server 3's vote (epoch 0, zxid 0:0, sid 3) beats mine (epoch 0, zxid 0:0, sid 1): equal epoch and zxid, higher sid wins — FastLeaderElection.totalOrderPredicate",
    );
  });

  it('sees rounds, zxids and epochs; ignores unchanged or unattributable votes', () => {
    expect(orderRule(vote(1, 5, 2), vote(3, 9, 1))).toBe('peerEpoch');
    expect(orderRule(vote(1, 9, 1), vote(3, 5, 1))).toBe('zxid');
    expect(orderRule(vote(3), vote(1))).toBe('sid');
    const prev = view(5, [server(1, vote(1), 1)]);
    const next = view(6, [server(1, vote(3, 0, 0, 2), 2)]);
    expect(deriveVoteChanges(prev, next, [{ t: 1, ev: 'recv', id: 9 }], lookup).get(1)?.decision.rule).toBe(
      'newRound',
    );
    expect(deriveVoteChanges(prev, next, [], lookup).size).toBe(0);
    expect(deriveVoteChanges(prev, prev, [{ t: 1, ev: 'recv', id: 9 }], lookup).size).toBe(0);
  });

  it('words my own loopback notification as such', () => {
    expect(explainVote(decision('equal', vote(5), vote(5), false, 1), en, 1)).toMatch(
      /my own notification came back/,
    );
  });
});

describe('vote against my initial vote', () => {
  it('names the rule that made another candidate better than me', () => {
    expect(explainAgainstInitial(vote(5), vote(1), en)).toBe(
      'I vote for server 5 rather than myself: its vote (epoch 0, zxid 0:0, sid 5) beats my initial vote (epoch 0, zxid 0:0, sid 1), because with equal epoch and zxid the higher sid wins — FastLeaderElection.totalOrderPredicate',
    );
    expect(explainAgainstInitial(vote(2, 0x100000005, 1), vote(4, 0x100000003, 1), en)).toMatch(
      /higher zxid wins/,
    );
    expect(explainAgainstInitial(vote(2, 0x100000001, 2), vote(4, 0x100000009, 1), zh)).toMatch(
      /peerEpoch 更大者胜出/,
    );
    expect(explainAgainstInitial(vote(4), vote(4), en)).toBeNull();
  });
});
