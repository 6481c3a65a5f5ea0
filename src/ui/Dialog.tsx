/** A modal dialog: a dimmed backdrop (click closes), Escape closes, focus starts on Close. */
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
          // the app's shortcuts (space plays, arrows step…) stay out of a dialog
          if (e.key !== 'Escape' && e.key !== 'Tab') e.stopPropagation();
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
