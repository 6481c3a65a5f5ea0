/**
 * Runtime problems, one banner each (role="alert"): a storage or worker failure while running, and
 * the in-memory fallback's reason. The title and what it means are translated by the error's code;
 * the browser's own message stays as the technical detail. The same error again is the same banner
 * with a count (the store merges them), and a banner names the write that failed. Where the user
 * has a choice, the banner offers it: take an ensemble over or open a copy (another tab runs it),
 * rewrite from the replay or keep the disks (a resume that disagrees), wipe or restore a server's
 * dataDir (damaged or diverged storage). Models nothing in ZooKeeper.
 */
import { useState } from 'react';
import type { RuntimeError } from '../runtime/errors';
import { useT, type TFunction } from './i18n';
import { useSim } from './store';
import './runtime.css';

/** Codes whose texts live in the storage namespace. */
const STORAGE_CODES = new Set([
  'storage-corrupt',
  'storage-diverged',
  'taken-over',
  'owned-elsewhere',
  'resume-disagrees',
]);

/** The translated title of a runtime error. */
export function errorTitle(t: TFunction, e: RuntimeError): string {
  return t(STORAGE_CODES.has(e.code) ? `storage.err.${e.code}.title` : `rt.err.${e.code}.title`);
}

/** What a runtime error means for the user, translated (a failed save is not a server's log). */
export function errorMeaning(t: TFunction, e: RuntimeError): string {
  if (e.code === 'quota-exceeded' && e.write?.startsWith('saved-ensemble'))
    return t('storage.err.quota-exceeded.saved.meaning');
  return t(STORAGE_CODES.has(e.code) ? `storage.err.${e.code}.meaning` : `rt.err.${e.code}.meaning`);
}

/** Where it happened, translated: a server's dataDir (read at start-up or written), a saved record. */
function whereText(t: TFunction, e: RuntimeError): string {
  const w = e.write ?? '';
  const dataDir = /^dataDir of server (\d+)/.exec(w);
  const saved = /^saved-ensemble record \(zablab\/ensembles, key ([^)]+)\)/.exec(w);
  const what = dataDir
    ? t('storage.where.dataDir', { sid: dataDir[1] })
    : saved
      ? t('storage.where.saved', { key: saved[1] })
      : w;
  const read = e.code === 'storage-corrupt' || (e.code === 'storage-diverged' && !/deleted/.test(e.detail));
  return t(read ? 'storage.banner.read' : 'storage.banner.write', { write: what });
}

/** Opens an independent copy of a saved ensemble another tab runs, and resumes the copy. */
async function openCopy(t: TFunction, id: string): Promise<void> {
  const { copyEnsemble, loadEnsemble, newEnsembleId } = await import('../runtime');
  const rec = await loadEnsemble(id);
  const copy = await copyEnsemble(id, newEnsembleId(), t('storage.copyTitle', { title: rec?.title ?? id }));
  await useSim.getState().resume(copy);
}

function Choices({ error, onDone }: { error: RuntimeError; onDone: () => void }) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const run = (f: () => Promise<void>) => {
    setBusy(true);
    onDone();
    void f()
      .catch((e: unknown) => useSim.getState().reportError(asRuntimeError(e)))
      .finally(() => setBusy(false));
  };
  const id = error.ensemble;
  const buttons: { key: string; label: string; act: () => Promise<void> }[] = [];
  const state = useSim.getState();
  if ((error.code === 'owned-elsewhere' || error.code === 'taken-over') && id) {
    buttons.push({
      key: 'take',
      label: t(error.code === 'taken-over' ? 'storage.action.takeBack' : 'storage.action.takeOver'),
      act: () => state.resume(id, { takeOver: true }),
    });
    buttons.push({ key: 'copy', label: t('storage.action.copy'), act: () => openCopy(t, id) });
  } else if (error.code === 'resume-disagrees' && id) {
    buttons.push({
      key: 'keep',
      label: t('storage.action.keep'),
      act: () => state.resume(id, { storage: 'disk' }),
    });
    buttons.push({
      key: 'rewrite',
      label: t('storage.action.rewrite'),
      act: () => state.resume(id, { storage: 'replay' }),
    });
  } else if (
    (error.code === 'storage-corrupt' || error.code === 'storage-diverged') &&
    error.sid !== undefined
  ) {
    const sid = error.sid;
    buttons.push({
      key: 'wipe',
      label: t('storage.action.wipe', { sid }),
      act: async () => {
        const s = useSim.getState();
        s.act({ wipe: { sid } });
        s.act({ restart: [sid] });
        await s.idle();
      },
    });
    if (state.runtime.kind === 'workers+indexeddb')
      buttons.push({
        key: 'restore',
        label: t('storage.action.restore', { sid }),
        act: async () => {
          const s = useSim.getState();
          if (s.view.servers.find((x) => x.sid === sid)?.up) s.act({ crash: [sid] });
          await s.restoreDisk(sid);
        },
      });
  }
  if (buttons.length === 0) return null;
  return (
    <p className="rt-banner-actions">
      {buttons.map((b) => (
        <button
          key={b.key}
          type="button"
          className="btn small"
          disabled={busy}
          data-action={b.key}
          onClick={() => run(b.act)}
        >
          {busy ? t('storage.action.working') : b.label}
        </button>
      ))}
    </p>
  );
}

function asRuntimeError(e: unknown): RuntimeError {
  if (e && typeof e === 'object' && 'error' in e) {
    const inner = (e as { error: unknown }).error;
    if (inner && typeof inner === 'object' && 'code' in inner) return inner as RuntimeError;
  }
  return {
    code: 'storage-failed',
    title: 'A storage write or read failed',
    meaning: '',
    detail: e instanceof Error ? `${e.name}: ${e.message}` : String(e),
  };
}

function Banner({
  error,
  lead,
  onDismiss,
  testId,
}: {
  error: RuntimeError;
  /** a first line in bold (the fallback's label) */
  lead?: string;
  onDismiss: () => void;
  testId: string;
}) {
  const t = useT();
  return (
    <div
      className={`rt-banner rt-${error.code}`}
      role="alert"
      data-testid={testId}
      data-code={error.code}
      data-sid={error.sid}
      data-count={error.count ?? 1}
    >
      <span className="rt-banner-icon" aria-hidden="true">
        ⚠
      </span>
      <div className="rt-banner-body">
        {lead ? <p className="rt-banner-lead">{lead}</p> : null}
        <p>
          <strong>{errorTitle(t, error)}</strong>
          {error.sid !== undefined ? (
            <span className="rt-banner-sid"> — {t('rt.banner.server', { sid: error.sid })}</span>
          ) : null}
          {(error.count ?? 1) > 1 ? (
            <span className="rt-banner-count"> ({t('storage.banner.count', { n: error.count ?? 1 })})</span>
          ) : null}
        </p>
        <p>{errorMeaning(t, error)}</p>
        {error.write ? <p className="rt-banner-write">{whereText(t, error)}</p> : null}
        {error.servers?.length ? (
          <p className="rt-banner-write">{t('storage.banner.servers', { list: error.servers.join(', ') })}</p>
        ) : null}
        <Choices error={error} onDone={onDismiss} />
        {error.detail ? (
          <details>
            <summary>{t('rt.banner.detail')}</summary>
            <code>{error.detail}</code>
          </details>
        ) : null}
      </div>
      <button type="button" className="btn small" onClick={onDismiss}>
        {t('rt.banner.dismiss')}
      </button>
    </div>
  );
}

/** The banners: the fallback's warning first, then each failure, oldest first. */
export function RuntimeBanners() {
  const t = useT();
  const warning = useSim((s) => (s.runtime.kind === 'in-memory' ? s.runtime.warning : null));
  const errors = useSim((s) => s.runtime.errors);
  const dismissError = useSim((s) => s.dismissError);
  // the fallback's banner can be put away; the badge keeps saying "in memory"
  const [hidden, setHidden] = useState<RuntimeError | null>(null);
  const showWarning = warning !== null && warning !== hidden;
  if (!showWarning && errors.length === 0) return null;
  return (
    <div className="rt-banners">
      {showWarning ? (
        <Banner
          error={warning}
          lead={t('rt.banner.fallback')}
          onDismiss={() => setHidden(warning)}
          testId="runtime-fallback"
        />
      ) : null}
      {errors.map((e, i) => (
        <Banner key={i} error={e} onDismiss={() => dismissError(i)} testId="runtime-error" />
      ))}
    </div>
  );
}
