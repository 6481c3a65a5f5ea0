/**
 * 4. Storage: the selected server's data dir — txn logs, snapshots, epoch files — durable vs
 * unflushed; on workers, what its IndexedDB really holds (read back on request).
 */
import { zxidToHex } from '../../zk/viewApi';
import { useT } from '../i18n';
import { Empty, ServerPicker, StateBadge, useSelectedServer } from './common';
import { ec, fmtZxid } from './format';
import { StorageReadback } from './StorageReadback';
import { StorageTruth } from './StorageTruth';
import { PurgeNote } from './PurgeNote';
import { usePanelSim } from '../readingRate';
import { diskState } from '../storageTruth';

function fileSuffix(zxid: number): string {
  return zxidToHex(zxid).replace(/^0x/, '');
}

function Txn({ zxid, unflushed, bad = false }: { zxid: number; unflushed: boolean; bad?: boolean }) {
  const t = useT();
  return (
    <span
      className={`zp-txn${unflushed ? ' zp-unflushed' : ''}${bad ? ' zp-bad' : ''}`}
      data-bad={bad || undefined}
      title={`${fmtZxid(zxid)} — ${t(
        bad ? 'storage.panel.badChip' : unflushed ? 'panels.storage.unflushed' : 'panels.storage.durable',
      )}`}
    >
      {unflushed ? '⚠ ' : '✔ '}
      {ec(zxid)}
    </span>
  );
}

export function StoragePanel() {
  const t = useT();
  const server = useSelectedServer();
  const badZxid = usePanelSim((s) =>
    server ? (diskState(s.sim.trace, server.sid).refused?.zxid ?? null) : null,
  );
  if (!server) return <Empty title={t('panels.noServers')} />;
  const st = server.storage;
  const unflushed = new Set(st.unflushed);
  const inFiles = new Set(st.logs.flatMap((l) => l.zxids));
  const buffered = st.unflushed.filter((z) => !inFiles.has(z));
  const nothing =
    st.logs.length === 0 &&
    st.snapshots.length === 0 &&
    st.acceptedEpoch === null &&
    st.currentEpoch === null &&
    st.unflushed.length === 0;

  return (
    <div className="zp zp-storage" data-testid="panel-storage">
      <ServerPicker />
      <div className="zp-row">
        <StateBadge state={server.state} />
        <span className="zp-muted">
          {t('panels.storage.dataDir', { sid: server.sid })}
          {!server.up ? ` — ${t('panels.storage.keptWhileDown')}` : ''}
        </span>
      </div>
      <StorageTruth sid={server.sid} up={server.up} />
      {nothing ? (
        <Empty title={t('panels.storage.emptyTitle', { sid: server.sid })}>
          {t('panels.storage.emptyHint')}
        </Empty>
      ) : (
        <>
          <div className="zp-legend" aria-label={t('panels.storage.legend')}>
            <span>
              <span className="zp-txn">✔ e:c</span> {t('panels.storage.durableLegend')}
            </span>
            <span>
              <span className="zp-txn zp-unflushed">⚠ e:c</span> {t('panels.storage.unflushedLegend')}
            </span>
          </div>
          {st.unflushed.length > 0 && (
            <p className="zp-badge zp-warn" style={{ whiteSpace: 'normal' }}>
              ⚠ {t('panels.storage.atRisk', { n: st.unflushed.length })}
            </p>
          )}
          <div className="zp-files">
            <div className="zp-file">
              <div className="zp-row">
                <span className="zp-file-name">acceptedEpoch</span>
                <code>{st.acceptedEpoch ?? t('panels.storage.noFile')}</code>
                <span className="zp-file-name">currentEpoch</span>
                <code>{st.currentEpoch ?? t('panels.storage.noFile')}</code>
              </div>
              <span className="zp-muted zp-small">{t('panels.storage.epochHint')}</span>
            </div>

            {st.snapshots.length === 0 ? (
              <p className="zp-muted">{t('panels.storage.noSnapshots')}</p>
            ) : (
              [...st.snapshots]
                .sort((a, b) => a - b)
                .map((z) => (
                  <div key={`s${z}`} className="zp-file" data-testid="snapshot-file">
                    <div className="zp-row">
                      <span className="zp-file-name">snapshot.{fileSuffix(z)}</span>
                      <span className="zp-muted zp-small">
                        {t('panels.storage.snapshotHint', { zxid: fmtZxid(z) })}
                      </span>
                    </div>
                  </div>
                ))
            )}

            {st.logs.length === 0 ? (
              <p className="zp-muted">{t('panels.storage.noLogs')}</p>
            ) : (
              [...st.logs]
                .sort((a, b) => a.startZxid - b.startZxid)
                .map((l) => (
                  <div key={`l${l.startZxid}`} className="zp-file" data-testid="log-file">
                    <div className="zp-row">
                      <span className="zp-file-name">log.{fileSuffix(l.startZxid)}</span>
                      <span className="zp-muted zp-small">
                        {t('panels.storage.logHint', { n: l.zxids.length })}
                      </span>
                    </div>
                    <div className="zp-chips">
                      {l.zxids.slice(-200).map((z) => (
                        <Txn
                          key={z}
                          zxid={z}
                          unflushed={unflushed.has(z)}
                          bad={badZxid !== null && zxidToHex(z) === badZxid}
                        />
                      ))}
                      {l.zxids.length > 200 && (
                        <span className="zp-muted">
                          {t('panels.storage.older', { n: l.zxids.length - 200 })}
                        </span>
                      )}
                    </div>
                  </div>
                ))
            )}

            {buffered.length > 0 && (
              <div className="zp-file" style={{ borderStyle: 'dashed' }}>
                <span className="zp-file-name">{t('panels.storage.buffer')}</span>
                <div className="zp-chips">
                  {buffered.map((z) => (
                    <Txn key={z} zxid={z} unflushed />
                  ))}
                </div>
              </div>
            )}
          </div>
        </>
      )}
      <PurgeNote sid={server.sid} />
      <StorageReadback sid={server.sid} />
    </div>
  );
}
