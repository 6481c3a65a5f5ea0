/**
 * When another tab took this tab's ensemble over, playback and actions are off here (their steps
 * would reach no worker); this note says why next to the transport and offers to take it back.
 * Models nothing in ZooKeeper (one process per dataDir is the OS's rule, not ZooKeeper's).
 */
import { useState } from 'react';
import { runtimeError } from '../runtime/errors';
import { useT } from './i18n';
import { useSim } from './store';
import './takenOver.css';

/** The ensemble another tab took over from this one, or null: the transport's off switch. */
export function useTakenOver(): string | null {
  return useSim((s) => s.runtime.takenOver ?? null);
}

export function TakenOverNote() {
  const t = useT();
  const id = useTakenOver();
  const [busy, setBusy] = useState(false);
  if (!id) return null;
  const takeBack = () => {
    setBusy(true);
    void useSim
      .getState()
      .resume(id, { takeOver: true })
      .catch((e: unknown) =>
        useSim
          .getState()
          .reportError(runtimeError('storage-failed', e instanceof Error ? e.message : String(e))),
      )
      .finally(() => setBusy(false));
  };
  return (
    <div className="taken-over-note" role="status" data-testid="taken-over-note">
      <span>{t('storage2.takenOver.note')}</span>
      <button
        type="button"
        className="btn"
        onClick={takeBack}
        disabled={busy}
        data-testid="taken-over-take-back"
      >
        {busy ? t('storage.action.working') : t('storage.action.takeBack')}
      </button>
    </div>
  );
}
