/** The `?` overlay: every keyboard shortcut. */
import { useEffect, useRef } from 'react';
import { useT } from './i18n';

const ROWS: [string[], string][] = [
  [['keys.space'], 'help.playPause'],
  [['→', '.', 'PageDown'], 'help.next'],
  [['←', 'PageUp'], 'help.prev'],
  [['+', '−'], 'help.speed'],
  [['c'], 'help.crash'],
  [['r'], 'help.restart'],
  [['1', '…', '9'], 'help.select'],
  [['l'], 'help.lang'],
  [['?'], 'help.overlay'],
  [['Esc'], 'help.escape'],
];

export function HelpOverlay({ onClose }: { onClose: () => void }) {
  const t = useT();
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div className="overlay" role="presentation" onClick={onClose}>
      <div
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="help-title"
        onClick={(e) => e.stopPropagation()}
      >
        <div className="dialog-head">
          <h2 id="help-title">{t('help.title')}</h2>
          <button ref={ref} type="button" className="btn" onClick={onClose}>
            {t('help.close')}
          </button>
        </div>
        <table className="keys">
          <tbody>
            {ROWS.map(([keys, label]) => (
              <tr key={label}>
                <td>
                  {keys.map((k) => (
                    <kbd key={k}>{k.startsWith('keys.') ? t(k) : k}</kbd>
                  ))}
                </td>
                <td>{t(label)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
