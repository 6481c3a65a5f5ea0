/**
 * A modal dialog: a dimmed backdrop (click closes), Escape closes, focus starts on Close and stays
 * inside (Tab and Shift+Tab cycle through the dialog's controls).
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { useT } from './i18n';

export function Dialog({
  id,
  title,
  onClose,
  wide,
  children,
}: {
  id: string;
  title: string;
  onClose: () => void;
  wide?: boolean;
  children: ReactNode;
}) {
  const t = useT();
  const closeRef = useRef<HTMLButtonElement>(null);
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  }, [onClose]);
  useEffect(() => {
    const back = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    closeRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      onCloseRef.current();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      back?.focus();
    };
  }, []);
  return (
    <div className="overlay" role="presentation" onClick={onClose}>
      <div
        className={wide ? 'dialog wide' : 'dialog'}
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Tab') trapFocus(e.currentTarget, e);
          // the app's shortcuts (space plays, arrows step…) stay out of a dialog; a presenter's
          // clicker (PageUp / PageDown) still moves the run on behind it
          else if (e.key !== 'Escape' && e.key !== 'PageDown' && e.key !== 'PageUp') e.stopPropagation();
        }}
      >
        <div className="dialog-head">
          <h2 id={`${id}-title`}>{title}</h2>
          <button ref={closeRef} type="button" className="btn" onClick={onClose}>
            {t('help.close')}
          </button>
        </div>
        {children}
      </div>
    </div>
  );
}

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), ' +
  'textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';

/** Tab from the last control goes to the first, Shift+Tab from the first to the last. */
function trapFocus(dialog: HTMLElement, e: { shiftKey: boolean; preventDefault(): void }): void {
  const items = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null);
  if (items.length === 0) return;
  const first = items[0];
  const last = items[items.length - 1];
  const active = document.activeElement;
  if (e.shiftKey && (active === first || !dialog.contains(active))) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && (active === last || !dialog.contains(active))) {
    e.preventDefault();
    first.focus();
  }
}
