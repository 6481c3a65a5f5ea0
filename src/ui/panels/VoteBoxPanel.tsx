/** 1. Vote box: what the selected server's FastLeaderElection holds and why its vote is what it is. */
import type { VoteView } from '../../zk/view';
import { zxidToHex } from '../../zk/viewApi';
import { useT } from '../i18n';
import { usePanelSim } from '../readingRate';
import { Empty, QuorumCount, ServerPicker, Slots, StateBadge, useSelectedServer } from './common';
import { agreeingSids, agrees, ec, quorumSize, voters, type Translate } from './format';
import { explainAgainstInitial, explainVote } from './vote';
import { useVoteChanges } from './voteHistory';

/** FastLeaderElection.finalizeWait */
const FINALIZE_WAIT = 200;

function VoteTable({
  title,
  hint,
  rows,
  proposal,
  round,
  t,
}: {
  title: string;
  hint: string;
  rows: { sid: number; vote: VoteView }[];
  proposal: VoteView | null;
  round: number;
  t: Translate;
}) {
  return (
    <div>
      <h3>
        <code>{title}</code> <span className="zp-muted zp-small">— {hint}</span>
      </h3>
      {rows.length === 0 ? (
        <p className="zp-muted">{t('panels.vote.tableEmpty')}</p>
      ) : (
        <div className="zp-scroll-x">
          <table className="zp-table">
            <thead>
              <tr>
                <th>{t('panels.vote.col.from')}</th>
                <th>{t('panels.vote.col.for')}</th>
                <th>{t('panels.vote.col.agrees')}</th>
                <th>peerEpoch</th>
                <th>zxid</th>
                <th>electionEpoch</th>
                <th>{t('panels.vote.col.state')}</th>
              </tr>
            </thead>
            <tbody>
              {[...rows]
                .sort((a, b) => a.sid - b.sid)
                .map(({ sid, vote }) => {
                  const ok = proposal !== null && agrees(vote, proposal, round);
                  return (
                    <tr key={sid} className={ok ? 'zp-agree' : undefined}>
                      <td>{t('panels.server', { sid })}</td>
                      <td>
                        <strong>{t('panels.server', { sid: vote.leader })}</strong>
                      </td>
                      <td>{ok ? `✓ ${t('panels.yes')}` : `— ${t('panels.no')}`}</td>
                      <td className="zp-mono">{vote.peerEpoch}</td>
                      <td className="zp-mono">
                        {ec(vote.zxid)}
                        <span className="zp-hex">{zxidToHex(vote.zxid)}</span>
                      </td>
                      <td className="zp-mono">{vote.electionEpoch}</td>
                      <td>{vote.state}</td>
                    </tr>
                  );
                })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

export function VoteBoxPanel() {
  const t = useT();
  const servers = usePanelSim((s) => s.view.servers);
  const now = usePanelSim((s) => s.view.t);
  const server = useSelectedServer();
  const changes = useVoteChanges((s) => s.bySid);

  if (!server) return <Empty title={t('panels.noServers')} />;

  const voterSids = voters(servers).map((s) => s.sid);
  const needed = quorumSize(voterSids.length);
  const vb = server.voteBox;
  const p = vb.proposal;
  const looking = server.state === 'LOOKING';
  const round = vb.logicalclock;
  const recvAgree = p ? agreeingSids(vb.recvset, p, round, new Set(voterSids)) : [];
  const outAgree = p && !looking ? agreeingSids(vb.outofelection, p, round, new Set(voterSids)) : [];
  const agree = looking ? recvAgree : [...new Set([...recvAgree, ...outAgree])].sort((a, b) => a - b);
  const recorded = changes[server.sid] ?? null;
  // the recorded change explains the vote only if the vote is still the one it changed to
  const change =
    recorded && vb.proposal && recorded.decision.theirs.leader === vb.proposal.leader ? recorded : null;
  const changedSince = recorded !== null && change === null && vb.proposal?.state === 'LOOKING';
  const remaining = vb.finalizeUntil !== null ? Math.max(0, vb.finalizeUntil - now) : null;

  return (
    <div className="zp zp-vote" data-testid="panel-vote">
      <ServerPicker />
      {!server.up ? (
        <Empty title={t('panels.down.title', { sid: server.sid })}>{t('panels.vote.downHint')}</Empty>
      ) : (
        <>
          <div className="zp-row">
            <StateBadge state={server.state} />
            <span>
              {t('panels.vote.round')}: <code>logicalclock = {round}</code>
            </span>
            {looking && (
              <span className="zp-muted">
                {t('panels.vote.timeout')}: <code>notTimeout = {vb.notTimeout} ms</code>
              </span>
            )}
          </div>

          {p === null ? (
            <Empty title={t('panels.vote.noProposal')} />
          ) : (
            <div className="zp-card zp-soft">
              <div className="zp-row">
                <span className="zp-muted">
                  {t(looking ? 'panels.vote.proposal' : 'panels.vote.current')}
                </span>
                <strong style={{ fontSize: 16 }}>
                  {t('panels.vote.for', { sid: p.leader })}
                  {p.leader === server.sid ? ` (${t('panels.vote.myself')})` : ''}
                </strong>
              </div>
              <dl className="zp-kv">
                <dt>peerEpoch</dt>
                <dd>{p.peerEpoch}</dd>
                <dt>zxid</dt>
                <dd>
                  {ec(p.zxid)} ({zxidToHex(p.zxid)})
                </dd>
                <dt>electionEpoch</dt>
                <dd>{p.electionEpoch}</dd>
              </dl>
              <p className="zp-muted zp-small">{t('panels.vote.orderHint')}</p>
            </div>
          )}

          {p !== null && (
            <div className="zp-card">
              <h3>
                {looking ? t('panels.vote.quorumTitle') : t('panels.vote.quorumDoneTitle', { sid: p.leader })}
              </h3>
              <div className="zp-quorum-line">
                <Slots sids={voterSids} on={agree} label={t('panels.vote.quorumTitle')} />
                <QuorumCount count={agree.length} needed={needed} />
              </div>
              <p className="zp-muted zp-small">
                {t(looking ? 'panels.vote.quorumHint' : 'panels.vote.quorumDoneHint', {
                  voters: voterSids.length,
                  needed,
                  sid: p.leader,
                })}
              </p>
              {remaining !== null && (
                <div data-testid="finalize">
                  <div className="zp-row">
                    <strong>{t('panels.vote.finalize', { ms: Math.round(remaining) })}</strong>
                    <span className="zp-bar zp-countdown" aria-hidden="true">
                      <span style={{ width: `${Math.min(100, (remaining / FINALIZE_WAIT) * 100)}%` }} />
                    </span>
                  </div>
                  <p className="zp-muted zp-small">{t('panels.vote.finalizeHint')}</p>
                </div>
              )}
            </div>
          )}

          <div>
            <h3>{t('panels.vote.whyTitle')}</h3>
            {change ? (
              <div className="zp-why zp-changed" data-testid="vote-change" aria-live="polite">
                <span className="zp-badge zp-good">{t('panels.vote.changed')}</span>{' '}
                <span className="zp-muted zp-small">{t('panels.vote.changeAt', { step: change.step })}</span>{' '}
                {explainVote(change.decision, t, server.sid)}
              </div>
            ) : p && p.leader !== server.sid ? (
              <div className="zp-why" data-testid="vote-initial">
                {(looking &&
                  explainAgainstInitial(
                    p,
                    {
                      leader: server.sid,
                      zxid: server.lastLoggedZxid,
                      peerEpoch: server.currentEpoch,
                      electionEpoch: round,
                      state: 'LOOKING',
                    },
                    t,
                  )) ||
                  t('panels.vote.converged', { leader: p.leader })}
                {changedSince && <div className="zp-muted zp-small">{t('panels.vote.changedFast')}</div>}
              </div>
            ) : (
              <p className="zp-muted">{t('panels.vote.noChange')}</p>
            )}
          </div>

          <div>
            <h3>{t('panels.vote.lastTitle')}</h3>
            {vb.lastDecision ? (
              <div className={`zp-why${vb.lastDecision.changed ? ' zp-changed' : ''}`} data-testid="vote-why">
                <span className={`zp-badge ${vb.lastDecision.changed ? 'zp-good' : ''}`}>
                  {t(vb.lastDecision.changed ? 'panels.vote.changed' : 'panels.vote.kept')}
                </span>{' '}
                {explainVote(vb.lastDecision, t, server.sid)}
              </div>
            ) : (
              <p className="zp-muted">{t('panels.vote.noDecision')}</p>
            )}
          </div>

          <VoteTable
            title="recvset"
            hint={t('panels.vote.recvsetHint')}
            rows={vb.recvset}
            proposal={p}
            round={round}
            t={t}
          />
          <VoteTable
            title="outofelection"
            hint={t('panels.vote.outHint')}
            rows={vb.outofelection}
            proposal={p}
            round={round}
            t={t}
          />
        </>
      )}
    </div>
  );
}
