/** 2. ZAB: the leader's proposals, ACK quorums and per-learner sync; or a learner's view of its leader. */
import { AnimatePresence, motion } from 'motion/react';
import type { LeaderView, LearnerHandlerView, ServerView } from '../../zk/view';
import { useT } from '../i18n';
import { usePanelSim } from '../readingRate';
import { Empty, QuorumCount, ServerPicker, Slots, StateBadge, useSelectedServer } from './common';
import { ec, fmtZxid, quorumSize, voters } from './format';
import { messageCategory } from './narration';
import { explainSync } from './sync';
import { learnerSync, logEnd } from '../stage/derive';

function ZxidChips({ zxids, empty }: { zxids: readonly number[]; empty: string }) {
  if (zxids.length === 0) return <span className="zp-muted">{empty}</span>;
  return (
    <span className="zp-chips">
      {zxids.map((z) => (
        <span key={z} className="zp-chip zp-cat-broadcast" title={fmtZxid(z)}>
          {ec(z)}
        </span>
      ))}
    </span>
  );
}

function PacketQueue({ queue }: { queue: LearnerHandlerView['queue'] }) {
  const t = useT();
  if (queue.length === 0) return <span className="zp-muted">{t('panels.zab.queueEmpty')}</span>;
  const shown = queue.slice(0, 40);
  return (
    <span className="zp-chips" aria-label={t('panels.zab.queue')}>
      <span className="zp-muted zp-small">{t('panels.zab.queueNext')}</span>
      <AnimatePresence initial={false}>
        {shown.map((p, i) => (
          <motion.span
            layout
            key={`${p.type}-${p.zxid}-${i}`}
            initial={{ opacity: 0, x: 12 }}
            animate={{ opacity: 1, x: 0 }}
            exit={{ opacity: 0, x: -12 }}
            transition={{ duration: 0.18 }}
            className={`zp-chip zp-cat-${messageCategory(p.type)}`}
            title={`${p.type} ${fmtZxid(p.zxid)}`}
          >
            {p.type}
            {p.zxid > 0 && p.type !== 'UPTODATE' ? ` ${ec(p.zxid)}` : ''}
          </motion.span>
        ))}
      </AnimatePresence>
      {queue.length > shown.length && (
        <span className="zp-muted">{t('panels.more', { n: queue.length - shown.length })}</span>
      )}
    </span>
  );
}

function HandlerCard({
  h,
  leader,
  server,
}: {
  h: LearnerHandlerView;
  leader: LeaderView;
  server: ServerView;
}) {
  const t = useT();
  const phaseStep = h.phase === 'DISCOVERY' ? 1 : h.phase === 'SYNCHRONIZATION' ? 2 : 3;
  return (
    <div className="zp-card" data-testid={`handler-${h.sid}`}>
      <div className="zp-row">
        <strong>
          {t('panels.server', { sid: h.sid })}
          {h.observer ? ` · ${t('panels.observer')}` : ''}
        </strong>
        <span className="zp-badge">
          {t('panels.zab.phaseN', { n: phaseStep })} <code>{h.phase}</code>
        </span>
        <span className="zp-muted zp-small">{t(`panels.zab.phase.${h.phase}`)}</span>
      </div>
      {h.sync ? (
        <div className="zp-why">
          <span className="zp-badge zp-mode">
            {h.sync.mode} {ec(h.sync.zxid)}
          </span>{' '}
          {explainSync(
            {
              mode: h.sync.mode,
              zxid: h.sync.zxid,
              peerLastZxid: h.sync.peerLastZxid,
              min: server.committedLog.min,
              max: server.committedLog.max,
            },
            t,
          )}
          {h.sync.reason && (
            <details className="zp-small">
              <summary className="zp-muted">{t('panels.zab.coreReason')}</summary>
              <code>{h.sync.reason}</code>
            </details>
          )}
        </div>
      ) : (
        <p className="zp-muted">{t('panels.zab.noSyncYet')}</p>
      )}
      <div>
        <div className="zp-muted zp-small">{t('panels.zab.queue')}</div>
        <PacketQueue queue={h.queue} />
      </div>
      <div className="zp-muted zp-small">
        {t('panels.zab.deadline', { deadline: h.tickDeadline, tick: leader.tick })}{' '}
        {h.tickDeadline >= leader.tick ? t('panels.zab.synced') : t('panels.zab.notSynced')}
      </div>
    </div>
  );
}

function LeaderSection({ server, leader }: { server: ServerView; leader: LeaderView }) {
  const t = useT();
  const servers = usePanelSim((s) => s.view.servers);
  const voterSids = voters(servers).map((s) => s.sid);
  const needed = quorumSize(voterSids.length);
  const establishing = server.zabState !== 'BROADCAST';
  const sets: { key: string; method: string; sids: number[] }[] = [
    { key: 'connecting', method: 'Leader.getEpochToPropose', sids: leader.connectingFollowers },
    { key: 'electing', method: 'Leader.waitForEpochAck', sids: leader.electingFollowers },
    { key: 'newLeaderAcks', method: 'Leader.waitForNewLeaderAck', sids: leader.newLeaderAcks },
  ];
  return (
    <>
      <div className="zp-row">
        <StateBadge state={server.state} />
        <span>{t('panels.zab.leaderOf', { epoch: leader.epoch })}</span>
        <span className="zp-badge">
          zabState <code>{server.zabState}</code>
        </span>
        <span className="zp-muted">tick {leader.tick}</span>
      </div>

      <details className="zp-card zp-soft" open={establishing} key={establishing ? 'open' : 'closed'}>
        <summary>
          <strong>{establishing ? t('panels.zab.establishing') : t('panels.zab.established')}</strong>
        </summary>
        {sets.map((s) => {
          const counted = s.sids.filter((x) => voterSids.includes(x));
          return (
            <div key={s.key} className="zp-quorum-line">
              <span style={{ minWidth: 170 }}>
                <code>
                  {s.key === 'connecting'
                    ? 'connectingFollowers'
                    : s.key === 'electing'
                      ? 'electingFollowers'
                      : 'newLeaderAcks'}
                </code>
                <span className="zp-muted zp-small"> — {t(`panels.zab.set.${s.key}`)}</span>
              </span>
              <Slots sids={voterSids} on={counted} label={t(`panels.zab.set.${s.key}`)} />
              <QuorumCount count={counted.length} needed={needed} />
              <span className="zp-muted zp-small zp-mono">{s.method}</span>
            </div>
          );
        })}
      </details>
      <dl className="zp-kv">
        <dt>lastProposed</dt>
        <dd>{fmtZxid(leader.lastProposed)}</dd>
        <dt>lastCommitted</dt>
        <dd>{fmtZxid(leader.lastCommitted)}</dd>
        <LogEndRow server={server} />
        <dt>committedLog</dt>
        <dd>
          {server.committedLog.count === 0
            ? t('panels.zab.committedLogEmpty', { zxid: fmtZxid(server.committedLog.max) })
            : t('panels.zab.committedLogRange', {
                min: ec(server.committedLog.min),
                max: ec(server.committedLog.max),
                count: server.committedLog.count,
              })}
        </dd>
        <dt>toBeApplied</dt>
        <dd>
          <ZxidChips zxids={leader.toBeApplied} empty={t('panels.none')} />
        </dd>
      </dl>

      <div>
        <h3>
          {t('panels.zab.outstanding')} <span className="zp-muted zp-small">— outstandingProposals</span>
        </h3>
        {leader.outstanding.length === 0 ? (
          <p className="zp-muted">{t('panels.zab.noOutstanding')}</p>
        ) : (
          <div className="zp-files">
            {leader.outstanding.slice(0, 30).map((p) => {
              const acks = p.acks.filter((a) => voterSids.includes(a));
              return (
                <div key={p.zxid} className="zp-card" data-testid="proposal">
                  <div className="zp-row">
                    <code>
                      <strong>{ec(p.zxid)}</strong>
                    </code>
                    <span className="zp-mono zp-small zp-muted">{fmtZxid(p.zxid).split(' ')[1]}</span>
                    <span className="zp-mono zp-small">{p.op}</span>
                  </div>
                  <div className="zp-quorum-line">
                    <span className="zp-muted zp-small">ACK</span>
                    <Slots sids={voterSids} on={acks} label={t('panels.zab.acks')} />
                    <span className="zp-bar" aria-hidden="true">
                      <span style={{ width: `${Math.min(100, (acks.length / voterSids.length) * 100)}%` }} />
                      <i style={{ left: `${(needed / voterSids.length) * 100}%` }} />
                    </span>
                    <QuorumCount count={acks.length} needed={needed} />
                  </div>
                </div>
              );
            })}
            {leader.outstanding.length > 30 && (
              <span className="zp-muted">{t('panels.more', { n: leader.outstanding.length - 30 })}</span>
            )}
          </div>
        )}
      </div>

      <div>
        <h3>
          {t('panels.zab.learners')} <span className="zp-muted zp-small">— LearnerHandler</span>
        </h3>
        {leader.learners.length === 0 ? (
          <p className="zp-muted">{t('panels.zab.noLearners')}</p>
        ) : (
          <div className="zp-cards">
            {[...leader.learners]
              .sort((a, b) => a.sid - b.sid)
              .map((h) => (
                <HandlerCard key={h.sid} h={h} leader={leader} server={server} />
              ))}
          </div>
        )}
      </div>
    </>
  );
}

/**
 * Where the txn log ends, next to lastProcessedZxid: after NEWLEADER that is the new epoch's first
 * zxid E:0 while the log still ends at the last real txn (two notions, both named).
 */
function LogEndRow({ server }: { server: ServerView }) {
  const t = useT();
  const end = logEnd(server);
  return (
    <>
      <dt title={t('logview.panel.logEndHint')}>{t('logview.card.logEnd')}</dt>
      <dd>{end === null ? t('logview.card.logEmpty') : fmtZxid(end)}</dd>
    </>
  );
}

/** The learner's side of its sync: what its leader decided and why, for as long as it lasts. */
function LearnerSync({ server }: { server: ServerView }) {
  const t = useT();
  const view = usePanelSim((s) => s.view);
  const ls = learnerSync(view, server);
  if (!ls) return null;
  return (
    <div className="zp-card zp-why" data-testid="learner-sync">
      <div className="zp-muted zp-small">{t('logview.learner.title')}</div>
      <span className="zp-badge zp-mode">
        {ls.sync.mode} {ec(ls.sync.zxid)}
      </span>{' '}
      <strong>{t('logview.sync.from', { mode: ls.sync.mode, leader: ls.leader })}:</strong>{' '}
      {explainSync(
        {
          mode: ls.sync.mode,
          zxid: ls.sync.zxid,
          peerLastZxid: ls.sync.peerLastZxid,
          min: ls.min,
          max: ls.max,
        },
        t,
      )}
      <div className="zp-muted zp-small">{t('logview.learner.receiving')}</div>
    </div>
  );
}

function LearnerSection({ server }: { server: ServerView }) {
  const t = useT();
  const l = server.learner!;
  return (
    <>
      <div className="zp-row">
        <StateBadge state={server.state} />
        <span>{t(server.observer ? 'panels.zab.observes' : 'panels.zab.follows', { leader: l.leader })}</span>
        <span className="zp-badge">
          zabState <code>{server.zabState}</code>
        </span>
      </div>
      <p className="zp-muted">{t(`panels.zab.learnerPhase.${server.zabState}`)}</p>
      <LearnerSync server={server} />
      <dl className="zp-kv">
        <dt>acceptedEpoch</dt>
        <dd>{server.acceptedEpoch}</dd>
        <dt>currentEpoch</dt>
        <dd>{server.currentEpoch}</dd>
        <dt>lastLoggedZxid</dt>
        <dd>{fmtZxid(server.lastLoggedZxid)}</dd>
        <dt>lastProcessedZxid</dt>
        <dd>{fmtZxid(server.lastProcessedZxid)}</dd>
        <LogEndRow server={server} />
      </dl>
      <div>
        <h3>
          pendingTxns <span className="zp-muted zp-small">— {t('panels.zab.pendingHint')}</span>
        </h3>
        <ZxidChips zxids={l.pendingTxns} empty={t('panels.zab.noPending')} />
      </div>
    </>
  );
}

export function ZabPanel() {
  const t = useT();
  const server = useSelectedServer();
  const leaderSid = usePanelSim((s) => s.view.leader);
  if (!server) return <Empty title={t('panels.noServers')} />;
  let body;
  if (!server.up) {
    body = <Empty title={t('panels.down.title', { sid: server.sid })}>{t('panels.zab.downHint')}</Empty>;
  } else if (server.leader) {
    body = <LeaderSection server={server} leader={server.leader} />;
  } else if (server.learner) {
    body = <LearnerSection server={server} />;
  } else {
    body = (
      <Empty title={t('panels.zab.lookingTitle', { sid: server.sid })}>
        {leaderSid === null
          ? t('panels.zab.noLeaderHint')
          : t('panels.zab.lookingHint', { leader: leaderSid })}
      </Empty>
    );
  }
  return (
    <div className="zp zp-zab" data-testid="panel-zab">
      <ServerPicker />
      {body}
    </div>
  );
}
