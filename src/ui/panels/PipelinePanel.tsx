/** 3. Request pipeline: the selected server's processor chain, each stage with the requests it holds. */
import { AnimatePresence, motion } from 'motion/react';
import { Fragment } from 'react';
import { useT } from '../i18n';
import { Empty, ServerPicker, StateBadge, useSelectedServer } from './common';

/** Stages we can describe in a few words; others show only their class name. */
export const KNOWN_STAGES = [
  'LeaderRequestProcessor',
  'PrepRequestProcessor',
  'ProposalRequestProcessor',
  'CommitProcessor',
  'ToBeAppliedRequestProcessor',
  'FinalRequestProcessor',
  'SyncRequestProcessor',
  'AckRequestProcessor',
  'SendAckRequestProcessor',
  'FollowerRequestProcessor',
  'ObserverRequestProcessor',
];

export function PipelinePanel() {
  const t = useT();
  const server = useSelectedServer();
  if (!server) return <Empty title={t('panels.noServers')} />;
  const busy = server.pipeline.reduce((n, s) => n + s.requests.length, 0);
  const main = server.pipeline.filter((s) => !LOGGING.has(s.stage));
  const branch = server.pipeline.filter((s) => LOGGING.has(s.stage));
  let body;
  if (!server.up) {
    body = <Empty title={t('panels.down.title', { sid: server.sid })}>{t('panels.pipe.downHint')}</Empty>;
  } else if (server.pipeline.length === 0) {
    body = (
      <Empty title={t('panels.pipe.noneTitle', { sid: server.sid })}>
        {t('panels.pipe.noneHint', { state: server.state })}
      </Empty>
    );
  } else {
    body = (
      <>
        <div className="zp-row">
          <StateBadge state={server.state} />
          <span>{busy === 0 ? t('panels.pipe.idle') : t('panels.pipe.busy', { n: busy })}</span>
        </div>
        <Chain stages={main} label={t('panels.pipe.chain')} />
        {branch.length > 0 ? (
          <div className="zp-branch" data-testid="pipe-branch">
            <p className="zp-muted zp-small">{t(branchNote(server.state))}</p>
            <Chain stages={branch} label={t(branchNote(server.state))} />
          </div>
        ) : null}
        <p className="zp-muted zp-small">{t(`panels.pipe.roleHint.${server.state}`)}</p>
        {busy === 0 && <p className="zp-muted zp-small">{t('panels.pipe.tryHint')}</p>}
      </>
    );
  }
  return (
    <div className="zp zp-pipeline" data-testid="panel-pipeline">
      <ServerPicker />
      {body}
    </div>
  );
}

/**
 * The logging processors are a chain of their own, not a step after the others:
 * ProposalRequestProcessor hands each proposal both to CommitProcessor and to
 * SyncRequestProcessor → AckRequestProcessor (the leader's own ACK); a follower logs the leader's
 * PROPOSALs in SyncRequestProcessor → SendAckRequestProcessor, apart from its client chain
 * FollowerRequestProcessor → CommitProcessor → FinalRequestProcessor; an observer logs what INFORM
 * brings in a SyncRequestProcessor with no next processor. (3.9.5: LeaderZooKeeperServer /
 * FollowerZooKeeperServer / ObserverZooKeeperServer.setupRequestProcessors, ProposalRequestProcessor.)
 */
const LOGGING = new Set(['SyncRequestProcessor', 'AckRequestProcessor', 'SendAckRequestProcessor']);

function branchNote(state: string): string {
  if (state === 'LEADING') return 'present.pipe.branch.LEADING';
  if (state === 'OBSERVING') return 'present.pipe.branch.OBSERVING';
  return 'present.pipe.branch.FOLLOWING';
}

type Stage = { stage: string; requests: string[] };

function Chain({ stages, label }: { stages: readonly Stage[]; label: string }) {
  const t = useT();
  return (
    <div className="zp-pipe" role="list" aria-label={label}>
      {stages.map((stage, i) => (
        <Fragment key={`${stage.stage}-${i}`}>
          {i > 0 && (
            <span className="zp-arrow" aria-hidden="true">
              →
            </span>
          )}
          <div
            role="listitem"
            className={`zp-stage${stage.requests.length > 0 ? ' zp-busy' : ''}`}
            data-testid={`stage-${stage.stage}`}
          >
            <span className="zp-stage-name">
              {stage.stage}
              {stage.requests.length === 0 && (
                <span className="zp-muted zp-small" style={{ fontWeight: 400 }}>
                  {' '}
                  · {t('panels.pipe.empty')}
                </span>
              )}
            </span>
            {KNOWN_STAGES.includes(stage.stage) && (
              <span className="zp-muted zp-small">{t(`panels.pipe.stage.${stage.stage}`)}</span>
            )}
            <AnimatePresence initial={false}>
              {stage.requests.map((r, j) => (
                <motion.span
                  key={`${r}-${j}`}
                  className="zp-req"
                  initial={{ opacity: 0, y: -6 }}
                  animate={{ opacity: 1, y: 0 }}
                  exit={{ opacity: 0 }}
                  transition={{ duration: 0.15 }}
                >
                  {r}
                </motion.span>
              ))}
            </AnimatePresence>
          </div>
        </Fragment>
      ))}
    </div>
  );
}
