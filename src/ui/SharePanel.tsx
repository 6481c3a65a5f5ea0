/**
 * Sharing: "Copy link" in one click (the clipboard, a visible confirmation, and the link in a text
 * box to copy by hand if the clipboard is not allowed), an embed link, and files: export the
 * scenario (JSON) or the trace so far (JSON Lines), import a scenario file, compare a trace file
 * (the CLI's `--trace`, or another browser's export) with the run on screen.
 *
 * Everything from a link or a file is shown as text (React escapes it); nothing is ever markup.
 */
import { useEffect, useRef, useState, type RefObject } from 'react';
import {
  compareTraceFile,
  exportScenario,
  exportTrace,
  fileNameFor,
  importScenarioFile,
  traceFileLines,
  type TraceComparison,
} from '../share/files';
import { replayTraceLines } from '../engine';
import { bytesText, firstHeld, LIMITS, overLimit } from '../sim/viewApi';
import type { Scenario } from '../sim/Scenario';
import type { RecordedAction } from '../sim/SimulationApi';
import type { TraceEvent } from '../zk/trace';
import { useT } from './i18n';
import { useDismiss } from './useDismiss';
import { LinkIcon } from './icons';
import { closePreset, type OpenError } from './session';
import { useSim } from './store';
import { useScenarioTitle } from './Embed';
import { embedCode, shareUrl, type ShareUrl } from './url';

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
  // the size is known before a byte is read: an oversized file is never read in
  if (file.size > LIMITS.fileBytes)
    return {
      messageKey: 'limits.over.fileBytes',
      params: { value: file.size.toLocaleString('en-US'), max: LIMITS.fileBytes.toLocaleString('en-US') },
      detail: overLimit(`the file is ${bytesText(file.size)}`, 'fileBytes', bytesText(LIMITS.fileBytes)),
    };
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

/** An item of the share & files menu: the menu closes, then `onPick` runs. */
function MenuItem({ label, close, onPick }: { label: string; close: () => void; onPick: () => void }) {
  return (
    <button
      type="button"
      role="menuitem"
      className="menu-item"
      onClick={() => {
        close();
        onPick();
      }}
    >
      {label}
    </button>
  );
}

function saveScenario(): void {
  const { scenario } = useSim.getState();
  download(fileNameFor(scenario, 'json'), exportScenario(scenario), 'application/json');
}

/**
 * Lines [0, to) of the run, recomputed by replaying it (a bounded trace no longer holds them), in
 * slices of ~12 ms that yield to the browser: the page stays responsive however long the run.
 */
async function replayedLines(
  scenario: Scenario,
  recorded: readonly RecordedAction[],
  to: number,
): Promise<TraceEvent[]> {
  const g = replayTraceLines(scenario, recorded, 0, to, 200);
  for (;;) {
    const t0 = performance.now();
    let r = g.next();
    while (!r.done && performance.now() - t0 < 12) r = g.next();
    if (r.done) return r.value;
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

async function saveTrace(): Promise<void> {
  const { scenario, sim, recorded } = useSim.getState();
  const held = firstHeld(sim.trace);
  // every line of the run: the ones memory no longer holds are replayed, the rest are as held
  const trace =
    held > 0 ? [...(await replayedLines(scenario, recorded, held)), ...sim.trace.slice(held)] : sim.trace;
  download(fileNameFor(scenario, 'jsonl', 'trace'), exportTrace(trace), 'application/x-ndjson');
}

/** A file picker opened from a menu item (the input itself stays out of sight and out of Tab). */
function HiddenFileInput({
  inputRef,
  accept,
  testId,
  onFile,
}: {
  inputRef: RefObject<HTMLInputElement | null>;
  accept: string;
  testId: string;
  onFile: (file: File) => Promise<void>;
}) {
  return (
    <input
      ref={inputRef}
      type="file"
      accept={accept}
      className="sr-only"
      tabIndex={-1}
      aria-hidden="true"
      data-testid={testId}
      onChange={async (e) => {
        const file = e.target.files?.[0];
        // the same file picked again must fire again
        e.target.value = '';
        if (file) await onFile(file);
      }}
    />
  );
}

/** Reads a picked trace file and compares it with the run on screen (its trace so far). */
async function compareFile(file: File): Promise<TraceComparison> {
  const { sim, scenario, recorded } = useSim.getState();
  const text = await file.text();
  // a bounded trace: the lines before the first one held, as far as the file goes, are replayed
  const held = Math.min(firstHeld(sim.trace), traceFileLines(text));
  const older = held > 0 ? await replayedLines(scenario, recorded, held) : [];
  // the history lets a file longer than the run so far be checked too (e.g. at step 0)
  return compareTraceFile(text, sim.trace, { scenario, recorded }, older);
}

/** What comparing a trace file found: the same run (so far), or the first line where they part. */
function TraceVerdict({ result, onClose }: { result: TraceComparison; onClose: () => void }) {
  const t = useT();
  if (!result.ok)
    return (
      <FileError
        error={{
          messageKey: result.error.messageKey,
          detail: result.error.message,
          details: result.error.details.slice(0, 12),
        }}
        onClose={onClose}
      />
    );
  const same = result.kind !== 'differs';
  return (
    <div className="share-error" role="status" data-testid="trace-verdict" data-kind={result.kind}>
      <p className={same ? 'ok' : 'warn'}>
        {result.kind === 'same'
          ? `✓ ${t('scn.trace.same', { n: result.events })}`
          : result.kind === 'file-longer'
            ? `✓ ${
                result.checked === undefined
                  ? t('scn.trace.fileLonger', { n: result.events, more: result.more })
                  : result.checked === result.more
                    ? t('limits.trace.allChecked', { total: result.events + result.more, n: result.events })
                    : t('limits.trace.someChecked', {
                        total: result.events + result.checked,
                        n: result.events,
                        rest: result.more - result.checked,
                      })
              }`
            : result.kind === 'run-longer'
              ? `✓ ${t('scn.trace.runLonger', { n: result.events, more: result.more })}`
              : `✗ ${t('scn.trace.differs', { line: result.line, t: result.t })}`}
      </p>
      {result.kind === 'differs' ? (
        <dl className="trace-diff">
          <dt>{t('scn.trace.file')}</dt>
          <dd>
            <code>{result.file}</code>
          </dd>
          <dt>{t('scn.trace.run')}</dt>
          <dd>
            <code>{result.run}</code>
          </dd>
        </dl>
      ) : null}
      <button type="button" className="btn small" onClick={onClose}>
        {t('scn.share.dismiss')}
      </button>
    </div>
  );
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
  // a trace file compared with this run
  const [traceResult, setTraceResult] = useState<TraceComparison | null>(null);
  const traceRef = useRef<HTMLInputElement>(null);
  const boxRef = useRef<HTMLInputElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);

  const title = useScenarioTitle();
  const copy = async (what: 'link' | 'embed') => {
    setMenu(false);
    const r: ShareUrl = what === 'link' ? shareUrl() : embedCode(`${t('app.title')}: ${title}`);
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
  const open = menu || copied.kind !== 'idle' || fileError !== null || traceResult !== null;
  useDismiss(open, rootRef, (how) => {
    setMenu(false);
    setCopied({ kind: 'idle' });
    // a file's verdict stays until read: only Escape (or its button) puts it away
    if (how === 'escape') {
      setFileError(null);
      setTraceResult(null);
    }
  });

  const closeMenu = () => setMenu(false);

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
          <HiddenFileInput
            inputRef={fileRef}
            accept=".json,application/json"
            testId="import-file"
            onFile={async (file) => setFileError(await importFile(file))}
          />
          <HiddenFileInput
            inputRef={traceRef}
            accept=".jsonl,.ndjson,.txt,application/x-ndjson,text/plain"
            testId="compare-trace-file"
            onFile={async (file) => setTraceResult(await compareFile(file))}
          />
        </>
      ) : null}
      {menu ? (
        <div className="popover share-menu" role="menu">
          <button type="button" role="menuitem" className="menu-item" onClick={() => void copy('embed')}>
            {t('scn.share.embed')}
          </button>
          <MenuItem label={t('scn.share.exportScenario')} close={closeMenu} onPick={saveScenario} />
          <MenuItem label={t('scn.share.exportTrace')} close={closeMenu} onPick={() => void saveTrace()} />
          <MenuItem label={t('scn.share.import')} close={closeMenu} onPick={() => fileRef.current?.click()} />
          <MenuItem
            label={t('scn.share.compareTrace')}
            close={closeMenu}
            onPick={() => traceRef.current?.click()}
          />
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
      {traceResult ? (
        <div className="popover share-done">
          <TraceVerdict result={traceResult} onClose={() => setTraceResult(null)} />
        </div>
      ) : null}
    </div>
  );
}
