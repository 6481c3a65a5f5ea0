/**
 * The Storage panel's "Read back from IndexedDB": what the selected server's database really holds
 * (its log files, snapshots and epoch files, as ZooKeeper's dataDir would name them), read at the
 * current step, and whether that is exactly what the run says the server made durable. Without
 * workers there is no database: a muted line says why.
 */
import { useState } from 'react';
import type { DurableImage } from '../../zk/persistence/FileTxnSnapLog';
import { useT, type TFunction } from '../i18n';
import { errorTitle } from '../RuntimeBanner';
import { useSim, type DiskReadback } from '../store';
import { usePanelSim } from '../readingRate';
import {
  compareImages,
  dataFileName,
  summarizeLog,
  type DiskDifference,
  type LogSummary,
} from './diskCompare';
import { fmtZxid } from './format';

type Read = { sid: number; status: 'reading' } | { sid: number; status: 'done'; result: DiskReadback | null };

function range(t: TFunction, l: LogSummary): string {
  return l.first === null || l.last === null
    ? t('panels.storage.idb.noTxns')
    : t('panels.storage.idb.range', { first: fmtZxid(l.first), last: fmtZxid(l.last) });
}

function epochValue(t: TFunction, v: number | boolean | null | undefined): string {
  if (typeof v === 'boolean') return t(v ? 'panels.storage.idb.present' : 'panels.storage.idb.absent');
  return v === null || v === undefined ? t('panels.storage.idb.none') : String(v);
}

function differenceText(t: TFunction, d: DiskDifference): string {
  switch (d.kind) {
    case 'onlyOnDisk':
    case 'onlyInRun':
    case 'snapshotDiffers':
      return t(`panels.storage.idb.${d.kind}`, { file: d.file });
    case 'logDiffers':
      return t('panels.storage.idb.logDiffers', {
        file: d.file,
        dn: d.disk.count,
        dr: range(t, d.disk),
        rn: d.run.count,
        rr: range(t, d.run),
      });
    case 'epochDiffers':
      return t('panels.storage.idb.epochDiffers', {
        file: d.file,
        disk: epochValue(t, d.disk),
        run: epochValue(t, d.run),
      });
  }
}

/** The files of an image, as the database holds them. */
function DiskFiles({ disk }: { disk: DurableImage }) {
  const t = useT();
  const empty =
    disk.logs.length === 0 &&
    disk.snapshots.length === 0 &&
    disk.acceptedEpoch === null &&
    disk.currentEpoch === null &&
    disk.updatingEpoch !== true;
  if (empty) return <p className="zp-muted">{t('panels.storage.idb.empty')}</p>;
  return (
    <div className="zp-files" data-testid="idb-files">
      <div className="zp-file">
        <div className="zp-row">
          <span className="zp-file-name">acceptedEpoch</span>
          <code>{epochValue(t, disk.acceptedEpoch)}</code>
          <span className="zp-file-name">currentEpoch</span>
          <code>{epochValue(t, disk.currentEpoch)}</code>
          <span className="zp-file-name">updatingEpoch</span>
          <code>{epochValue(t, disk.updatingEpoch === true)}</code>
        </div>
      </div>
      {disk.snapshots.map((s) => (
        <div key={`s${s.zxid}`} className="zp-file">
          <div className="zp-row">
            <span className="zp-file-name">{dataFileName('snapshot', s.zxid)}</span>
            <span className="zp-muted zp-small">
              {t('panels.storage.idb.nodes', { n: s.tree.nodes.length })}
            </span>
          </div>
        </div>
      ))}
      {disk.logs.map((f) => {
        const l = summarizeLog(f);
        return (
          <div key={`l${f.startZxid}`} className="zp-file" data-testid="idb-log">
            <div className="zp-row">
              <span className="zp-file-name">{l.name}</span>
              <span className="zp-muted zp-small">{t('panels.storage.idb.txns', { n: l.count })}</span>
              <span className="zp-small">{range(t, l)}</span>
            </div>
          </div>
        );
      })}
    </div>
  );
}

export function StorageReadback({ sid }: { sid: number }) {
  const t = useT();
  const rt = usePanelSim((s) => s.runtime);
  const step = usePanelSim((s) => s.view.step);
  const [read, setRead] = useState<Read | null>(null);
  const cur = read?.sid === sid ? read : null;

  if (rt.kind !== 'workers+indexeddb') {
    const why =
      rt.kind === 'page'
        ? t('panels.storage.idb.nonePage')
        : rt.warning
          ? t('panels.storage.idb.noneFallback', { reason: errorTitle(t, rt.warning) })
          : t('panels.storage.idb.noneMemory');
    return (
      <p className="zp-muted zp-small" data-testid="idb-none">
        {why}
      </p>
    );
  }

  const readNow = async () => {
    setRead({ sid, status: 'reading' });
    const result = await useSim.getState().readDisk(sid);
    setRead((r) => (r?.sid === sid ? { sid, status: 'done', result } : r));
  };

  const done = cur?.status === 'done' ? cur.result : undefined;
  const diffs = done ? compareImages(done.disk, done.mirror) : [];
  return (
    <section className="zp-idb" data-testid="idb-readback">
      <h3>{t('panels.storage.idb.title')}</h3>
      <p className="zp-muted zp-small">{t('panels.storage.idb.hint', { sid })}</p>
      <div className="zp-row">
        <button
          type="button"
          className="btn"
          onClick={() => void readNow()}
          disabled={cur?.status === 'reading'}
          data-testid="idb-read"
        >
          {cur?.status === 'reading'
            ? t('panels.storage.idb.reading')
            : t(cur ? 'panels.storage.idb.again' : 'panels.storage.idb.read')}
        </button>
        {done ? (
          <span className="zp-muted zp-small">
            {t('panels.storage.idb.readAt', { step: done.step })}
            {done.step !== step ? ` — ${t('panels.storage.idb.stale', { step })}` : ''}
          </span>
        ) : null}
      </div>
      {done === null ? <p className="zp-muted">{t('panels.storage.idb.failed')}</p> : null}
      {done ? (
        <>
          <div
            className={`zp-idb-verdict ${diffs.length === 0 ? 'ok' : 'bad'}`}
            data-testid="idb-verdict"
            role="status"
          >
            {diffs.length === 0 ? (
              <>✔ {t('panels.storage.idb.match')}</>
            ) : (
              <>
                ✘ {t('panels.storage.idb.mismatch')}
                <ul>
                  {diffs.map((d, i) => (
                    <li key={i}>{differenceText(t, d)}</li>
                  ))}
                </ul>
              </>
            )}
          </div>
          <DiskFiles disk={done.disk} />
        </>
      ) : null}
    </section>
  );
}
