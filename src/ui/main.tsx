import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './app.css';
import './scenarios.css';
// after the two above, whose rules these override: a phone's header rows, every card line whole
import './narrow.css';
import './stage/cardFit.css';
import { currentLang, LANGS, loadLang, startTexts } from './i18n';
import { keepFocusInView } from './focusInView';
import { followRun } from './session';
import { holdReplaysUntil } from './store';
import { installTestHook, setRuntimeReady } from './testHook';
import { bootFromUrl, followHash } from './url';

// An icon of our own, so the browser never asks for a missing /favicon.ico.
if (!document.querySelector('link[rel~="icon"]')) {
  const link = document.createElement('link');
  link.rel = 'icon';
  link.href =
    'data:image/svg+xml,' +
    encodeURIComponent(
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="14" fill="#D55E00"/><text x="16" y="22" font-size="16" text-anchor="middle" fill="#fff" font-family="sans-serif">Z</text></svg>',
    );
  document.head.appendChild(link);
}

let root = document.getElementById('root');
if (!root) {
  root = document.createElement('div');
  root.id = 'root';
  document.body.appendChild(root);
}

// the texts of the language the page starts in, before anything is said (i18n asked for them as
// soon as it was evaluated, among the first modules)
await startTexts;

// the address decides what opens (a share link, lecture or embed mode); then the session follows the run
bootFromUrl();
followHash();
followRun();
installTestHook();
keepFocusInView();

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// after the first paint: the rest of this language, then the others (small), so that a switch of
// language is instant and a link copied right after it carries the new language
requestAnimationFrame(() =>
  setTimeout(() => {
    void loadLang(currentLang())
      .then(() => Promise.all(LANGS.map((l) => loadLang(l))))
      .catch(() => undefined);
  }, 0),
);

// then the servers move into their Web Workers (or the labelled in-memory fallback)
const runtimeBooted = import('./runtimeBoot').then((m) => m.bootRuntime());
// a deep link's replay waits for it (store.replayTo), so it is done once, on the runtime
holdReplaysUntil(runtimeBooted);
setRuntimeReady(runtimeBooted);
