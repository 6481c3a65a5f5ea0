/**
 * Sharing: "Copy link" in one click (the clipboard, a visible confirmation, and the link in a text
 * box to copy by hand if the clipboard is not allowed), an embed link, and files: export the
 * scenario (JSON) or the trace so far (JSON Lines), import a scenario file.
 *
 * Everything from a link or a file is shown as text (React escapes it); nothing is ever markup.
 */
import { useEffect, useRef, useState } from 'react';
import { exportScenario, exportTrace, fileNameFor, importScenarioFile } from '../share/files';
import { useT } from './i18n';
import { LinkIcon } from './icons';
import { closePreset, type OpenError } from './session';
import { useSim } from './store';
import { embedUrl, shareUrl, type ShareUrl } from './url';

type Copied =
  | { kind: 'idle' }
  | { kind: 'copied'; url: string; what: 'link' | 'embed' }
  | { kind: 'manual'; url: string; what: 'link' | 'embed' }
  | { kind: 'error'; messageKey: string; params?: Record<string, string | number> };

/** how long "Link copied" stays up */
const CONFIRM_MS = 8000;

async function writeClipboard(text: string): Promise<boolean> {
  try {
    if (!navigator.clipboard?.writeText) return false;
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Reads a picked scenario file and loads it; a bad file is reported, the run stays. */
export async function importFile(file: File): Promise<OpenError | null> {
  const text = await file.text();
  const r = importScenarioFile(text);
  if (!r.ok) {
    return {
      messageKey: r.error.messageKey,
      detail: r.error.message,
      details: r.error.details.slice(0, 12),
    };
  }
  closePreset();
  useSim.getState().load(r.scenario);
  return null;
}

function FileError({ error, onClose }: { error: OpenError; onClose: () => void }) {
  const t = useT();
  return (
    <div className="share-error" role="alert">
      <p>{t(error.messageKey, error.params)}</p>
      {error.details && error.details.length > 0 ? (
        <ul className="problems">
          {error.details.map((d, i) => (
            <li key={i}>{d}</li>
          ))}
        </ul>
      ) : null}
      <button type="button" className="btn small" onClick={onClose}>
        {t('scn.share.dismiss')}
      </button>
    </div>
  );
}

/** "Copy link", and (unless `files={false}`: lecture mode) the share & files menu. */
export function ShareButtons({ files = true }: { files?: boolean }) {
  const t = useT();
  const [copied, setCopied] = useState<Copied>({ kind: 'idle' });
  const [menu, setMenu] = useState(false);
  // a file that could not be imported (the run is untouched)
  const [fileError, setFileError] = useState<OpenError | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const boxRef = useRef<HTMLInputElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);

  const copy = async (what: 'link' | 'embed') => {
    setMenu(false);
    const r: ShareUrl = what === 'link' ? shareUrl() : embedUrl();
    if (!r.ok) {
      setCopied({ kind: 'error', messageKey: r.messageKey, params: r.params });
      return;
    }
    const ok = await writeClipboard(r.url);
    setCopied({ kind: ok ? 'copied' : 'manual', url: r.url, what });
  };

  // the fallback box comes up selected, ready for Ctrl+C; a done copy's confirmation goes by itself
  useEffect(() => {
    if (copied.kind === 'manual') boxRef.current?.select();
    if (copied.kind !== 'copied') return;
    const timer = setTimeout(() => setCopied({ kind: 'idle' }), CONFIRM_MS);
    return () => clearTimeout(timer);
  }, [copied]);

  // a click elsewhere or Escape closes the popovers
  const open = menu || copied.kind !== 'idle' || fileError !== null;
  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (rootRef.current && e.target instanceof Node && !rootRef.current.contains(e.target)) {
        setMenu(false);
        setCopied({ kind: 'idle' });
      }
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setMenu(false);
      setCopied({ kind: 'idle' });
      setFileError(null);
    };
    window.addEventListener('pointerdown', onDown);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('pointerdown', onDown);
      window.removeEventListener('keydown', onKey);
    };
  }, [open]);

  return (
    <div className="share" ref={rootRef}>
      <button type="button" className="btn" onClick={() => void copy('link')} data-testid="copy-link">
        <LinkIcon /> {t('scn.share.copy')}
      </button>
      {files ? (
        <>
          <button
            type="button"
            className="btn"
            aria-haspopup="menu"
            aria-expanded={menu}
            onClick={() => {
              setCopied({ kind: 'idle' });
              setMenu((m) => !m);
            }}
          >
            {t('scn.share.files')} ▾
          </button>
          <input
            ref={fileRef}
            type="file"
            accept=".json,application/json"
            className="sr-only"
            tabIndex={-1}
            aria-hidden="true"
            data-testid="import-file"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (!file) return;
              setFileError(await importFile(file));
            }}
          />
        </>
      ) : null}
      {menu ? (
        <div className="popover share-menu" role="menu">
          <button type="button" role="menuitem" className="menu-item" onClick={() => void copy('embed')}>
            {t('scn.share.embed')}
          </button>
          <button
            type="button"
            role="menuitem"
            className="menu-item"
            onClick={() => {
              setMenu(false);
              const { scenario } = useSim.getState();
              download(fileNameFor(scenario, 'json'), exportScenario(scenario), 'application/json');
            }}
          >
            {t('scn.share.exportScenario')}
          </button>
          <button
            type="button"
            role="menuitem"
            className="menu-item"
            onClick={() => {
              setMenu(false);
              const { scenario, sim } = useSim.getState();
              download(
                fileNameFor(scenario, 'jsonl', 'trace'),
                exportTrace(sim.trace),
                'application/x-ndjson',
              );
            }}
          >
            {t('scn.share.exportTrace')}
          </button>
          <button
            type="button"
            role="menuitem"
            className="menu-item"
            onClick={() => {
              setMenu(false);
              fileRef.current?.click();
            }}
          >
            {t('scn.share.import')}
          </button>
        </div>
      ) : null}
      {copied.kind === 'copied' || copied.kind === 'manual' ? (
        <div className="popover share-done" role="status" data-testid="share-status">
          <p className={copied.kind === 'copied' ? 'ok' : 'warn'}>
            {copied.kind === 'copied'
              ? `✓ ${t(copied.what === 'link' ? 'scn.share.copied' : 'scn.share.embedCopied')}`
              : t('scn.share.manual')}
          </p>
          <input
            ref={boxRef}
            className="link-box"
            type="text"
            readOnly
            value={copied.url}
            aria-label={t('scn.share.box')}
            data-testid="share-url"
            onFocus={(e) => e.target.select()}
          />
        </div>
      ) : null}
      {copied.kind === 'error' ? (
        <div className="popover share-done" role="alert">
          <p className="warn">{t(copied.messageKey, copied.params)}</p>
        </div>
      ) : null}
      {fileError ? (
        <div className="popover share-done">
          <FileError error={fileError} onClose={() => setFileError(null)} />
        </div>
      ) : null}
    </div>
  );
}
