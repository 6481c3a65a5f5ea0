import { describe, expect, it } from 'vitest';
import { translate, type Lang } from '../../src/ui/i18n';
import type { Translate } from '../../src/ui/panels/format';
import { explainSync, syncCase, type SyncFacts } from '../../src/ui/panels/sync';

const tr =
  (lang: Lang): Translate =>
  (k, p) =>
    translate(lang, k, p);
const en = tr('en');
const zh = tr('zh-CN');
const z = (e: number, c: number) => e * 0x1_0000_0000 + c;

// The worked examples of zk-reference §4
const examples: [string, SyncFacts, string, RegExp][] = [
  [
    'in sync',
    { mode: 'DIFF', zxid: z(1, 10), peerLastZxid: z(1, 10), min: z(1, 1), max: z(1, 10) },
    'DIFF.inSync',
    /already in sync → empty DIFF/,
  ],
  [
    'DIFF',
    { mode: 'DIFF', zxid: z(1, 10), peerLastZxid: z(1, 7), min: z(1, 1), max: z(1, 10) },
    'DIFF.inRange',
    /peerLastZxid 1:7 \(0x100000007\) lies inside the leader's committedLog \[1:1 \(0x100000001\) … 1:10 \(0x10000000a\)\] → DIFF/,
  ],
  [
    'TRUNC',
    { mode: 'TRUNC', zxid: z(1, 4), peerLastZxid: z(1, 5), min: z(1, 1), max: z(1, 4) },
    'TRUNC.above',
    /1:5 \(0x100000005\) is above maxCommittedLog 1:4 \(0x100000004\).*never committed → TRUNC: cut its log back to 1:4/,
  ],
  [
    'TRUNC+DIFF forwarded',
    { mode: 'TRUNC+DIFF', zxid: z(1, 4), peerLastZxid: z(1, 5), min: z(1, 1), max: z(1, 4) },
    'TRUNCDIFF.above',
    /above maxCommittedLog.*TRUNC to 1:4.*in flight/,
  ],
  [
    'SNAP cross-epoch',
    { mode: 'SNAP', zxid: z(2, 2), peerLastZxid: z(1, 5), min: z(1, 1), max: z(2, 2) },
    'SNAP.crossEpoch',
    /across an epoch boundary.*TRUNC cannot cross epochs → SNAP at 2:2/,
  ],
  [
    'TRUNC+DIFF synthetic gap',
    { mode: 'TRUNC+DIFF', zxid: z(1, 3), peerLastZxid: z(1, 4), min: z(1, 2), max: z(1, 6) },
    'TRUNCDIFF.inRange',
    /not an entry of committedLog.*TRUNC to 1:3.*then DIFF/,
  ],
  [
    'SNAP too old',
    { mode: 'SNAP', zxid: z(1, 1000), peerLastZxid: z(1, 100), min: z(1, 501), max: z(1, 1000) },
    'SNAP.tooOld',
    /older than minCommittedLog 1:501.*→ SNAP/,
  ],
  [
    'DIFF via txn log',
    { mode: 'DIFF', zxid: z(1, 1000), peerLastZxid: z(1, 100), min: z(1, 501), max: z(1, 1000) },
    'DIFF.txnLog',
    /older than minCommittedLog.*txn log on disk still has it → DIFF/,
  ],
  [
    'new-epoch peer in range',
    { mode: 'DIFF', zxid: z(2, 2), peerLastZxid: z(2, 0), min: z(1, 1), max: z(2, 2) },
    'DIFF.inRange',
    /lies inside/,
  ],
  [
    'late joiner SNAP',
    { mode: 'SNAP', zxid: z(1, 0), peerLastZxid: 0, min: z(1, 0), max: z(1, 0) },
    'SNAP.tooOld',
    /→ SNAP: the whole DataTree at 1:0 \(0x100000000\)/,
  ],
  [
    'new-epoch peer above max',
    { mode: 'SNAP', zxid: z(3, 0), peerLastZxid: z(3, 0), min: z(1, 1), max: z(2, 2) },
    'SNAP.newEpochAbove',
    /new-epoch zxid above maxCommittedLog/,
  ],
];

describe('sync decision wording', () => {
  for (const [name, facts, kase, re] of examples) {
    it(name, () => {
      expect(syncCase(facts)).toBe(kase);
      const s = explainSync(facts, en);
      expect(s).toMatch(re);
      expect(s).toMatch(/ — LearnerHandler\.syncFollower$/);
    });
  }

  it('reads naturally in Simplified Chinese, keeping DIFF/TRUNC/SNAP as identifiers', () => {
    for (const [, facts] of examples) {
      const s = explainSync(facts, zh);
      expect(s).not.toMatch(/panels\.|\{\w+\}/);
      expect(s).toMatch(/[\u4e00-\u9fff]/);
      expect(s).toMatch(/DIFF|TRUNC|SNAP/);
      expect(s).toContain('peerLastZxid');
    }
    expect(explainSync(examples[1][1], zh)).toContain('位于领导者的 committedLog');
  });
});
