/**
 * A link that could not be opened: what is wrong with it, in the user's language (the English
 * detail below it as plain text), and a way out — start fresh with the default ensemble.
 */
import { useEffect, useRef } from 'react';
import { useLang, useT } from './i18n';
import type { OpenError } from './session';
import { startFresh } from './url';

export function LinkErrorScreen({ error }: { error: OpenError }) {
  const t = useT();
  const [lang] = useLang();
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div className="link-error" role="alert" data-testid="link-error">
      <div className="link-error-card">
        <h2>{t('scn.linkError.title')}</h2>
        <p className="link-error-message">{t(error.messageKey, error.params)}</p>
        {/* the decoder's own detail is English: shown to English readers only */}
        {error.detail && lang === 'en' ? (
          <p className="link-error-detail">
            <span className="k">{t('scn.linkError.detail')}</span> {error.detail}
          </p>
        ) : null}
        <p>{t('scn.linkError.hint')}</p>
        <button ref={ref} type="button" className="btn primary big" onClick={startFresh}>
          {t('scn.linkError.fresh')}
        </button>
      </div>
    </div>
  );
}
