/** The `?` overlay: every keyboard shortcut. */
import { Dialog } from './Dialog';
import { useT } from './i18n';

const ROWS: [string[], string][] = [
  [['keys.space'], 'help.playPause'],
  [['→'], 'help.next'],
  [['←'], 'help.prev'],
  [['PageDown', '.'], 'scn.help.nextStop'],
  [['PageUp'], 'scn.help.prevStop'],
  [['Home', 'End'], 'present.help.homeEnd'],
  [['b', '.'], 'present.help.black'],
  [['+', '−'], 'help.speed'],
  [['c'], 'help.crash'],
  [['r'], 'help.restart'],
  [['1', '…', '9'], 'help.select'],
  [['v'], 'logview.help.toggle'],
  [['m', 'Enter'], 'messages.help.inspect'],
  [['l'], 'help.lang'],
  [['?'], 'help.overlay'],
  [['Esc'], 'help.escape'],
];

export function HelpOverlay({ onClose }: { onClose: () => void }) {
  const t = useT();
  return (
    <Dialog id="help" title={t('help.title')} onClose={onClose}>
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
    </Dialog>
  );
}
