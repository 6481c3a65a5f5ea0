/** The app shell: header (title, language, playback), the ensemble stage, the panels. */
import { Component, useCallback, useEffect, useState, type ErrorInfo, type ReactNode } from 'react';
import { Controls } from './Controls';
import { HelpOverlay } from './HelpOverlay';
import { LANG_NAMES, LANGS, translate, useLang, useLangStore, useT, type Lang } from './i18n';
import { useKeyboard } from './keyboard';
import { PanelArea } from './Panels';
import { Stage } from './stage/Stage';
import { useSim } from './store';

class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.warn(error, info.componentStack);
  }
  override render() {
    if (!this.state.error) return this.props.children;
    const lang = useLangStore.getState().lang;
    return (
      <div className="crash-screen" role="alert">
        <p>{translate(lang, 'app.crashed')}</p>
        <pre>{this.state.error.message}</pre>
        <button type="button" className="btn" onClick={() => location.reload()}>
          {translate(lang, 'app.reload')}
        </button>
      </div>
    );
  }
}

function LanguageSwitch() {
  const t = useT();
  const [lang, setLang] = useLang();
  return (
    <div className="lang-switch" role="group" aria-label={t('app.language')}>
      {LANGS.map((l: Lang) => (
        <button
          key={l}
          type="button"
          lang={l}
          className={l === lang ? 'btn lang active' : 'btn lang'}
          aria-pressed={l === lang}
          onClick={() => setLang(l)}
        >
          {LANG_NAMES[l]}
        </button>
      ))}
    </div>
  );
}

/** Playing in a hidden tab would only burn battery: pause when the tab is hidden. */
function usePauseWhenHidden() {
  useEffect(() => {
    const onVis = () => {
      if (document.hidden) useSim.getState().pause();
    };
    document.addEventListener('visibilitychange', onVis);
    return () => document.removeEventListener('visibilitychange', onVis);
  }, []);
}

export function App() {
  const t = useT();
  const [help, setHelp] = useState(false);
  const toggleHelp = useCallback(() => setHelp((h) => !h), []);
  useKeyboard(toggleHelp);
  usePauseWhenHidden();
  useEffect(() => {
    document.title = t('app.title');
  }, [t]);
  useEffect(() => {
    if (!help) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setHelp(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [help]);

  return (
    <ErrorBoundary>
      <div className="app">
        <header className="app-header">
          <div className="brand">
            <h1>{t('app.title')}</h1>
            <span className="subtitle">{t('app.subtitle')}</span>
          </div>
          <Controls />
          <div className="header-end">
            <LanguageSwitch />
            <button
              type="button"
              className="btn icon"
              onClick={toggleHelp}
              aria-label={t('controls.help')}
              title={`${t('controls.help')} (?)`}
            >
              ?
            </button>
          </div>
        </header>
        <main className="app-main">
          <Stage />
          <PanelArea />
        </main>
        {help ? <HelpOverlay onClose={() => setHelp(false)} /> : null}
      </div>
    </ErrorBoundary>
  );
}
