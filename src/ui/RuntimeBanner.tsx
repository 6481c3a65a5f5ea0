/**
 * Runtime problems, one banner each (role="alert"): a storage or worker failure while running, and
 * the in-memory fallback's reason. The title and what it means are translated by the error's code;
 * the browser's own message stays as the technical detail. Models nothing in ZooKeeper.
 */
import { useState } from 'react';
import type { RuntimeError } from '../runtime/errors';
import { useT, type TFunction } from './i18n';
import { useSim } from './store';
import './runtime.css';

/** The translated title of a runtime error. */
export function errorTitle(t: TFunction, e: RuntimeError): string {
  return t(`rt.err.${e.code}.title`);
}

/** What a runtime error means for the user, translated. */
export function errorMeaning(t: TFunction, e: RuntimeError): string {
  return t(`rt.err.${e.code}.meaning`);
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
    <div className={`rt-banner rt-${error.code}`} role="alert" data-testid={testId} data-code={error.code}>
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
        </p>
        <p>{errorMeaning(t, error)}</p>
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
