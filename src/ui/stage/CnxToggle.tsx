/** The stage toolbar's switch for the election-connection layer (CnxLayer), with its state in cnxUi. */
import { useT } from '../i18n';
import { useCnxUi } from './cnxUi';

export function CnxToggle() {
  const t = useT();
  const show = useCnxUi((s) => s.show);
  const setShow = useCnxUi((s) => s.setShow);
  return (
    <button
      type="button"
      className={`btn${show ? ' on' : ''}`}
      aria-pressed={show}
      data-testid="cnx-toggle"
      title={t('cnx.toggle.title')}
      onClick={() => setShow(!show)}
    >
      ⇄ {t('cnx.toggle')}
    </button>
  );
}
