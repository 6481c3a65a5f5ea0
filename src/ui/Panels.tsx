/**
 * The panels beside the stage. They (and the animation library they use) are a chunk of their own,
 * fetched right after the first paint: the stage paints and takes clicks without waiting for them.
 */
import { lazy, Suspense, useEffect, useState } from 'react';
import { currentLang, loadLang } from './i18n';

// the panels' texts are a chunk of their own as well (i18n's `panels` part): the code waits for them
const PanelTabs = lazy(() =>
  Promise.all([import('./PanelTabs'), loadLang(currentLang(), ['core', 'panels'])]).then(([m]) => m),
);

/** True from the frame after the first paint on. */
let painted = false;
function useAfterFirstPaint(): boolean {
  const [ready, setReady] = useState(painted);
  useEffect(() => {
    if (ready) return;
    // rAF runs before the next paint; the timeout after it lands once that paint is done
    let timer: ReturnType<typeof setTimeout> | undefined;
    const raf = requestAnimationFrame(() => {
      timer = setTimeout(() => {
        painted = true;
        setReady(true);
      }, 0);
    });
    return () => {
      cancelAnimationFrame(raf);
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [ready]);
  return ready;
}

/** the panels' column while their code loads (after the first paint) */
const loadingPanels = <aside className="panels" aria-busy="true" />;

/** The panels behind tabs; `only` keeps just those ids (lecture mode: the vote box and ZAB). */
export function PanelArea({ only }: { only?: readonly string[] }) {
  const ready = useAfterFirstPaint();
  if (!ready) return loadingPanels;
  return (
    <Suspense fallback={loadingPanels}>
      <PanelTabs only={only} />
    </Suspense>
  );
}
