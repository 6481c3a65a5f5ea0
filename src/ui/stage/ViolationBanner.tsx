/**
 * The banner on the stage when the invariant checker has reported: which invariant, in plain
 * words; the servers and zxids involved (also highlighted on the ring and in the log view); when
 * and where (its step, with a link there); and, for known ZooKeeper behaviour, which bug.
 */
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { zxidToEpochCounter, zxidToHex } from '../../zk/viewApi';
import { useT } from '../i18n';
import { useSim } from '../store';
import { logHistory } from './logHistory';
import { firstHeld } from '../../sim/viewApi';
import { useStageUi } from './stageUi';
import { describeViolation, isJiraId, KNOWN_BUGS, KNOWN_INVARIANTS, type ViolationInfo } from './violations';

const infoCache = new WeakMap<object, ViolationInfo[]>();

/** Every violation found so far in the run on screen (the trace ends at the current step). */
function useViolations(): ViolationInfo[] {
  return useSim(
    useShallow((s) => {
      const found = logHistory(s.sim.trace).violations;
      let out = infoCache.get(found);
      if (!out || out.length !== found.length) {
        out = found.map((v) => describeViolation(v, s.scenario.config.zkVersion));
        infoCache.set(found, out);
      }
      return out;
    }),
  );
}

/** The violation the banner shows (the newest, unless the user picked another or closed it). */
export function useActiveViolation(): ViolationInfo | null {
  const all = useViolations();
  const picked = useStageUi((s) => s.picked);
  const dismissed = useStageUi((s) => s.dismissed);
  if (all.length === 0) return null;
  const v = all.find((x) => x.index === picked) ?? all[all.length - 1];
  return dismissed !== null && dismissed >= all[all.length - 1].index ? null : v;
}

function zxidText(z: number): string {
  return `${zxidToEpochCounter(z)} (${zxidToHex(z)})`;
}

export function ViolationBanner() {
  const t = useT();
  const all = useViolations();
  const v = useActiveViolation();
  const pick = useStageUi((s) => s.pick);
  const dismiss = useStageUi((s) => s.dismiss);
  const setMode = useStageUi((s) => s.setMode);
  const showLogLine = useStageUi((s) => s.showLogLine);
  const pause = useStageUi((s) => s.pauseAtViolation);
  const setPause = useStageUi((s) => s.setPauseAtViolation);
  const version = useSim((s) => s.scenario.config.zkVersion);
  const step = useSim((s) => s.view.step);
  const now = useSim(
    (s) => v !== null && v.index >= firstHeld(s.sim.trace) && s.lastEvents.includes(s.sim.trace[v.index]),
  );
  const [stepOf, setStepOf] = useState<{ index: number; step: number } | null>(null);
  if (!v) return null;
  const n = all.indexOf(v);
  const name = (KNOWN_INVARIANTS as readonly string[]).includes(v.invariant) ? v.invariant : 'other';
  const known = v.bug !== null && (KNOWN_BUGS as readonly string[]).includes(v.bug);
  const vStep = stepOf?.index === v.index ? stepOf.step : null;
  const goToStep = () => {
    const s = useSim.getState();
    const target = s.sim.records.stepOfLine(v.index);
    setStepOf({ index: v.index, step: target });
    s.seek(target);
  };
  return (
    <div
      className="violation-banner"
      role="alert"
      data-testid="violation-banner"
      data-invariant={v.invariant}
      data-sids={v.sids.join(',')}
      data-zxids={v.zxids.map(zxidToHex).join(',')}
      data-bug={v.bug ?? ''}
    >
      <div className="vb-head">
        <span className="vb-icon" aria-hidden="true">
          ⚠
        </span>
        <span className="vb-headline">
          <strong className="vb-title">{t('logview.vio.title', { name: v.invariant })}</strong>{' '}
          <span className="vb-plain">{t(`logview.inv.${name}`)}</span>
        </span>
        {all.length > 1 ? (
          <span className="vb-nav">
            <button
              type="button"
              className="btn small"
              disabled={n <= 0}
              onClick={() => pick(all[n - 1].index)}
              aria-label={t('logview.vio.prev')}
            >
              ‹
            </button>
            <span>{t('logview.vio.of', { n: n + 1, total: all.length })}</span>
            <button
              type="button"
              className="btn small"
              disabled={n >= all.length - 1}
              onClick={() => pick(all[n + 1].index)}
              aria-label={t('logview.vio.next')}
            >
              ›
            </button>
          </span>
        ) : null}
        <button
          type="button"
          className="btn small icon vb-close"
          onClick={() => dismiss(all[all.length - 1].index)}
          aria-label={t('logview.vio.close')}
          title={t('logview.vio.close')}
        >
          ✕
        </button>
      </div>
      <div className="vb-facts">
        {v.sids.length > 0 ? (
          <span>
            {t('logview.vio.servers')}: <b>{v.sids.map((s) => `S${s}`).join(', ')}</b>
          </span>
        ) : null}
        {v.zxids.length > 0 ? (
          <span data-testid="violation-zxids">
            {t('logview.vio.zxids')}: <b>{v.zxids.map(zxidText).join(', ')}</b>
          </span>
        ) : null}
        <span className="vb-when" data-now={now}>
          {now
            ? t('logview.vio.now', { step, t: v.t })
            : vStep !== null
              ? t('logview.vio.when', { step: vStep, t: v.t })
              : t('logview.vio.at', { t: v.t })}
        </span>
        {now ? null : (
          <button type="button" className="btn small" onClick={goToStep}>
            {vStep !== null ? t('logview.vio.goStep', { step: vStep }) : t('logview.vio.findStep')}
          </button>
        )}
        <button
          type="button"
          className="btn small"
          data-testid="violation-log-line"
          onClick={() => {
            // its step (the Event log lists the lines up to the step on screen), then its line there
            if (!now) goToStep();
            showLogLine(v.index);
          }}
        >
          {t('perf.vio.logLine', { line: v.index + 1 })}
        </button>
        <button type="button" className="btn small" onClick={() => setMode('log')}>
          {t('logview.vio.showLogs')}
        </button>
        <label className="vb-setting">
          <input type="checkbox" checked={pause} onChange={(e) => setPause(e.target.checked)} />{' '}
          {t('logview.vio.pause')}
        </label>
      </div>
      <div className="vb-more">
        {v.bug !== null ? (
          <details className="vb-bug" data-testid="violation-bug">
            <summary>
              <strong>
                {t(isJiraId(v.bug) ? 'logview.vio.bug' : 'logview.vio.behaviour', { bug: v.bug, version })}
              </strong>{' '}
              <span className="vb-how">{t('logview.vio.how')}</span>
            </summary>
            {known ? t(`logview.bug.${v.bug}`) : null}{' '}
            {isJiraId(v.bug) ? (
              <a
                href={`https://issues.apache.org/jira/browse/${encodeURIComponent(v.bug)}`}
                target="_blank"
                rel="noreferrer"
              >
                {t('logview.vio.bugLink')}
              </a>
            ) : null}
          </details>
        ) : v.explained ? (
          <span className="vb-notbug">{t('logview.vio.notBug')}</span>
        ) : null}
        <details className="vb-detail">
          <summary>{t('logview.vio.checker')}</summary>
          <code>{v.detail}</code>
        </details>
      </div>
    </div>
  );
}
