/**
 * The Storage panel's purge block: what the last PurgeTxnLog run on this server removed (by
 * DatadirCleanupManager's autopurge or the operator's zkCleanup.sh), and a button that runs
 * `zkCleanup.sh -n 3` now (recorded as a `purge` action, so links and the CLI replay it).
 */
import { useState } from 'react';
import type { TraceEvent } from '../../zk/trace';
import { useT } from '../i18n';
import { useSim } from '../store';
import { usePanelSim } from '../readingRate';
import { fmtTime } from './format';
import './purge.css';

type PurgeEvent = Extract<TraceEvent, { ev: 'purge' }>;

/** The last purge of `sid` in the trace so far, or null. */
export function lastPurge(trace: readonly TraceEvent[], sid: number): PurgeEvent | null {
  for (let i = trace.length - 1; i >= 0; i--) {
    const e = trace[i];
    if (e.ev === 'purge' && e.sid === sid) return e;
  }
  return null;
}

export function PurgeNote({ sid }: { sid: number }) {
  const t = useT();
  const last = usePanelSim((s) => lastPurge(s.sim.trace, sid));
  const off = usePanelSim((s) => s.runtime.takenOver);
  const [busy, setBusy] = useState(false);
  const purge = () => {
    setBusy(true);
    const s = useSim.getState();
    s.act({ purge: { sid, count: 3 } });
    void s.idle().finally(() => setBusy(false));
  };
  return (
    <div className="zp-purge" data-testid="storage-purge">
      {last ? (
        <p data-testid="storage-last-purge">
          <strong>
            {t(last.by === 'autopurge' ? 'purge.panel.lastAuto' : 'purge.panel.lastOperator', {
              t: fmtTime(last.t),
              n: last.retain,
            })}
          </strong>{' '}
          {last.removed.length ? (
            <>
              {t('purge.panel.removed')}{' '}
              {last.removed.map((f) => (
                <code key={f} className="zp-purged-file" data-testid="storage-purged-file">
                  {f}
                </code>
              ))}
              {last.txns.length ? (
                <span className="zp-muted zp-small">
                  {' '}
                  {t('purge.panel.txns', { txns: last.txns.join(', ') })}
                </span>
              ) : null}
            </>
          ) : (
            t('purge.panel.nothing')
          )}
        </p>
      ) : null}
      <button
        type="button"
        className="btn small"
        disabled={busy || !!off}
        data-action="purge"
        title={t('purge.panel.runTitle')}
        onClick={purge}
      >
        {t('purge.panel.run')}
      </button>
    </div>
  );
}
