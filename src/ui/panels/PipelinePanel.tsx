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
        <div className="zp-pipe" role="list" aria-label={t('panels.pipe.chain')}>
          {server.pipeline.map((stage, i) => (
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
