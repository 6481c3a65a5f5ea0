/**
 * Saved ensembles: the runs this browser keeps in IndexedDB, most recently used first. Offered by
 * itself at start-up ("Resume where you left off?") and opened from the header. Resume restarts the
 * servers that were up, which recover from their databases (§5.2: newest snapshot, then the txn
 * log); Delete removes an ensemble with its databases; Start fresh keeps the new ensemble. The
 * runtime's code is loaded on demand, as at start-up (runtimeBoot.ts).
 */
import { useEffect, useState } from 'react';
import { presets } from '../presets';
import { visible } from '../share/visible';
import type { DamagedEnsemble, EnsembleInfo } from '../runtime/ensembles';
import type { RuntimeError } from '../runtime/errors';
import { Dialog } from './Dialog';
import { useLang, useT, type TFunction } from './i18n';
import { errorMeaning, errorTitle } from './RuntimeBanner';
import { defaultScenario, KEEP_ENSEMBLES, useSim, type RuntimeInfo } from './store';
import './runtime.css';

type Listing =
  | { status: 'loading' }
  /** `elsewhere`: the ids another tab or window runs now (their Web Lock is held elsewhere) */
  | { status: 'ok'; items: EnsembleInfo[]; elsewhere: Set<string>; damaged: DamagedEnsemble[] }
  | { status: 'error'; error: RuntimeError | string };

/** A saved title in the reader's language when it is the app's own (the default, a preset). */
function titleOf(t: TFunction, title: string): string {
  // not "ready to boot": a saved run has been going
  if (title === defaultScenario().title) return t('rt.saved.defaultTitle');
  const preset = presets.find((p) => p.file.title === title);
  if (preset) return t(preset.titleKey);
  return title && title !== 'Ensemble' ? visible(title) : t('rt.saved.untitled');
}

async function asError(e: unknown): Promise<RuntimeError | string> {
  const { isRuntimeFailure } = await import('../runtime');
  return isRuntimeFailure(e) ? e.error : String(e);
}

/** The saved ensembles, or why they could not be read. */
async function list(): Promise<Listing> {
  try {
    const { listSavedEnsembles, ownedElsewhere } = await import('../runtime');
    // a damaged record is listed apart (with its error and a Delete), not in place of the others
    const { items, damaged } = await listSavedEnsembles();
    const elsewhere = new Set<string>();
    for (const e of items) if (await ownedElsewhere(e.id)) elsewhere.add(e.id);
    return { status: 'ok', items, elsewhere, damaged };
  } catch (e) {
    return { status: 'error', error: await asError(e) };
  }
}

function ErrorText({ error }: { error: RuntimeError | string }) {
  const t = useT();
  if (typeof error === 'string') return <code className="rt-detail">{error}</code>;
  return (
    <>
      <strong>{errorTitle(t, error)}</strong> {errorMeaning(t, error)}{' '}
      <code className="rt-detail">{error.detail}</code>
    </>
  );
}

function whyUnavailable(t: TFunction, rt: RuntimeInfo): string {
  if (rt.kind === 'in-memory')
    return rt.warning
      ? t('rt.saved.why.fallback', { reason: errorTitle(t, rt.warning) })
      : t('rt.saved.why.memory');
  return t('rt.saved.why.page');
}

export function SavedEnsembles({ offer, onClose }: { offer: boolean; onClose: () => void }) {
  const t = useT();
  const [lang] = useLang();
  const rt = useSim((s) => s.runtime);
  const available = rt.kind === 'workers+indexeddb';
  const [listing, setListing] = useState<Listing>({ status: 'loading' });
  const [deleting, setDeleting] = useState<IDBValidKey | null>(null);
  const [deleteError, setDeleteError] = useState<RuntimeError | string | null>(null);

  useEffect(() => {
    if (!available) return;
    let current = true;
    void list().then((l) => {
      if (current) setListing(l);
    });
    return () => {
      current = false;
    };
  }, [available]);

  const remove = async (id: string) => {
    setDeleting(id);
    setDeleteError(null);
    try {
      const { deleteEnsemble } = await import('../runtime');
      await deleteEnsemble(id);
    } catch (e) {
      setDeleteError(await asError(e));
    } finally {
      setDeleting(null);
    }
    setListing(await list());
  };

  const removeDamaged = async (key: IDBValidKey) => {
    setDeleting(key);
    setDeleteError(null);
    try {
      const { deleteDamagedEnsemble } = await import('../runtime');
      await deleteDamagedEnsemble(key);
    } catch (e) {
      setDeleteError(await asError(e));
    } finally {
      setDeleting(null);
    }
    setListing(await list());
  };

  const resume = (id: string) => {
    onClose();
    void useSim.getState().resume(id);
  };

  const date = (ms: number) => new Date(ms).toLocaleString(lang);
  const num = (n: number) => Math.round(n).toLocaleString(lang);

  return (
    <Dialog id="saved" title={t(offer ? 'rt.saved.offerTitle' : 'rt.saved.title')} onClose={onClose} wide>
      <div className="rt-saved" data-testid="saved-ensembles">
        {!available ? (
          <p className="rt-saved-note" role="status">
            {t('rt.saved.unavailable')} {whyUnavailable(t, rt)}
          </p>
        ) : (
          <>
            <p className="dialog-intro">{t('rt.saved.intro')}</p>
            <p className="rt-muted">{t('rt.saved.kept', { n: KEEP_ENSEMBLES })}</p>
            {deleteError !== null ? (
              <p className="rt-saved-error" role="alert">
                {t('rt.saved.deleteError')} <ErrorText error={deleteError} />
              </p>
            ) : null}
            {listing.status === 'loading' ? (
              <p className="rt-muted" role="status">
                {t('rt.saved.loading')}
              </p>
            ) : listing.status === 'error' ? (
              <p className="rt-saved-error" role="alert">
                {t('rt.saved.listError')} <ErrorText error={listing.error} />
              </p>
            ) : listing.items.length === 0 && listing.damaged.length === 0 ? (
              <p className="rt-saved-note" role="status">
                {t('rt.saved.empty')}
              </p>
            ) : (
              <ul className="rt-saved-list" aria-label={t('rt.saved.list')}>
                {listing.items.map((e) => {
                  const title = titleOf(t, e.title);
                  const open = e.id === rt.ensembleId;
                  return (
                    <li key={e.id} className="rt-saved-item" data-testid="saved-item" data-id={e.id}>
                      <div className="rt-saved-main">
                        <span className="rt-saved-title">
                          {title}
                          {open ? <span className="rt-open-now">{t('rt.saved.openNow')}</span> : null}
                          {!open && listing.elsewhere.has(e.id) ? (
                            <span className="rt-open-now" data-testid="saved-elsewhere">
                              {t('storage.saved.elsewhere')}
                            </span>
                          ) : null}
                        </span>
                        <span className="rt-saved-meta">
                          <span>
                            {e.observers > 0
                              ? t('rt.saved.votersObservers', { n: e.voters, m: e.observers })
                              : t('rt.saved.voters', { n: e.voters })}
                          </span>
                          <span>{t('rt.saved.step', { step: num(e.step) })}</span>
                          <span>{t('rt.saved.time', { t: num(e.t) })}</span>
                          <span>{t('rt.saved.actions', { n: e.actions })}</span>
                          <span>{t('rt.saved.used', { date: date(e.updatedAt) })}</span>
                        </span>
                      </div>
                      <div className="rt-saved-actions">
                        {open ? null : (
                          <button
                            type="button"
                            className="btn primary"
                            aria-label={t('rt.saved.resumeLabel', { title })}
                            onClick={() => resume(e.id)}
                          >
                            {t('rt.saved.resume')}
                          </button>
                        )}
                        <button
                          type="button"
                          className="btn danger"
                          disabled={open || deleting !== null}
                          aria-label={t('rt.saved.deleteLabel', { title })}
                          onClick={() => void remove(e.id)}
                        >
                          {t('rt.saved.delete')}
                        </button>
                      </div>
                    </li>
                  );
                })}
                {listing.damaged.map((d) => {
                  const key = visible(String(d.key));
                  return (
                    <li
                      key={`damaged:${typeof d.key}:${String(d.key)}`}
                      className="rt-saved-item rt-saved-damaged"
                      data-testid="saved-damaged"
                    >
                      <div className="rt-saved-main">
                        <span className="rt-saved-title">{t('storage2.saved.damaged', { key })}</span>
                        <span className="rt-saved-error">
                          {/* not a server's dataDir: the record's own meaning, then the precise error */}
                          {t('storage2.saved.damagedMeaning')}{' '}
                          <code className="rt-detail">{d.error.detail}</code>
                        </span>
                      </div>
                      <div className="rt-saved-actions">
                        <button
                          type="button"
                          className="btn danger"
                          disabled={deleting !== null}
                          aria-label={t('storage2.saved.deleteDamaged', { key })}
                          onClick={() => void removeDamaged(d.key)}
                        >
                          {t('rt.saved.delete')}
                        </button>
                      </div>
                    </li>
                  );
                })}
              </ul>
            )}
          </>
        )}
        {offer ? (
          <div className="rt-saved-foot">
            <button type="button" className="btn big" onClick={onClose} data-testid="start-fresh">
              {t('rt.saved.fresh')}
            </button>
          </div>
        ) : null}
      </div>
    </Dialog>
  );
}
