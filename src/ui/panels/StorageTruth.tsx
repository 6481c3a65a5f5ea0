/**
 * The Storage panel's account of a server that refused to start: ZooKeeper's load path stopped on
 * a record (a checksum that does not match, a record that is not one), which file and zxid, and
 * the operator's remedies — wipe the dataDir (recorded as a `wipe` action, so links and the CLI
 * replay it; the server rejoins by SNAP) or restore the dataDir from the run's replay (workers +
 * IndexedDB only). Also says when a dataDir was wiped and the server has not loaded since.
 */
import { useState } from 'react';
import { useT } from '../i18n';
import { useSim } from '../store';
import { usePanelSim } from '../readingRate';
import { diskState } from '../storageTruth';

export function StorageTruth({ sid, up }: { sid: number; up: boolean }) {
  const t = useT();
  const disk = usePanelSim((s) => diskState(s.sim.trace, sid));
  const onWorkers = usePanelSim((s) => s.runtime.kind === 'workers+indexeddb');
  const [busy, setBusy] = useState(false);
  if (disk.wiped && !up)
    return (
      <div className="zp-refused" data-testid="storage-wiped">
        <p>
          <strong>{t('storage.panel.wipedTitle', { sid })}</strong>
        </p>
        <p>{t('storage.panel.wipedWhy')}</p>
      </div>
    );
  if (!disk.refused || up) return null;
  const { reason, file, zxid } = disk.refused;
  const act = (f: () => Promise<void>) => {
    setBusy(true);
    void f().finally(() => setBusy(false));
  };
  const wipe = async () => {
    const s = useSim.getState();
    s.act({ wipe: { sid } });
    s.act({ restart: [sid] });
    await s.idle();
  };
  return (
    <div className="zp-refused" role="status" data-testid="storage-refused">
      <p>
        <strong>{t('storage.panel.refusedTitle', { sid })}</strong>
      </p>
      <p>{t('storage.panel.refusedWhy', { reason })}</p>
      {file && zxid ? (
        <p>
          <code data-testid="storage-bad-record">{t('storage.panel.badRecord', { file, zxid })}</code>
        </p>
      ) : null}
      <p className="zp-muted zp-small">{t('storage.panel.remedies')}</p>
      <p className="rt-banner-actions">
        <button
          type="button"
          className="btn small"
          disabled={busy}
          data-action="wipe"
          onClick={() => act(wipe)}
        >
          {t('storage.action.wipe', { sid })}
        </button>
        {onWorkers && !disk.corruptedByRun ? (
          <button
            type="button"
            className="btn small"
            disabled={busy}
            data-action="restore"
            onClick={() => act(() => useSim.getState().restoreDisk(sid))}
          >
            {t('storage.action.restore', { sid })}
          </button>
        ) : null}
      </p>
    </div>
  );
}
