/**
 * The side panel area: the panels (./panels/index.ts), one at a time behind tabs. Loaded as its own
 * chunk (./Panels.tsx) with the animation library the panels use, after the stage's first paint.
 */
import { useState } from 'react';
import { MotionConfig } from 'motion/react';
import { useT } from './i18n';
import { useLessonPanel } from './LessonPane';
import { panels } from './panels';
import { useStageUi } from './stage/stageUi';

const STORAGE_KEY = 'zablab.panel';

function initialTab(): string | null {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved && panels.some((p) => p.id === saved)) return saved;
  } catch {
    // storage blocked
  }
  return panels[0]?.id ?? null;
}

/** The panels behind tabs; `only` keeps just those ids (lecture mode: the vote box and ZAB). */
export default function PanelTabs({ only }: { only?: readonly string[] }) {
  const t = useT();
  const [tab, setTab] = useState<string | null>(initialTab);
  const shown = only ? panels.filter((p) => only.includes(p.id)) : panels;
  // a lesson stop that names a panel brings it forward once, when the stop is reached
  const wanted = useLessonPanel();
  const [seen, setSeen] = useState<string | null>(null);
  if (wanted !== seen) {
    setSeen(wanted);
    const id = wanted?.split('|')[1];
    if (id && shown.some((p) => p.id === id)) setTab(id);
  }
  // the violation banner asks the Event log to show a line: its tab comes forward
  const logLine = useStageUi((s) => s.logLine?.seq ?? null);
  const [seenLine, setSeenLine] = useState<number | null>(logLine);
  if (logLine !== seenLine) {
    setSeenLine(logLine);
    if (logLine !== null && shown.some((p) => p.id === 'log')) setTab('log');
  }
  const active = shown.find((p) => p.id === tab) ?? shown[0];
  const choose = (id: string) => {
    setTab(id);
    try {
      localStorage.setItem(STORAGE_KEY, id);
    } catch {
      // not remembered
    }
  };
  return (
    <MotionConfig reducedMotion="user">
      <aside className="panels">
        <div className="tabs" role="tablist" aria-orientation="horizontal">
          {shown.map((p) => (
            <button
              key={p.id}
              type="button"
              role="tab"
              id={`tab-${p.id}`}
              aria-selected={p.id === active.id}
              aria-controls={`panel-${p.id}`}
              tabIndex={p.id === active.id ? 0 : -1}
              className={p.id === active.id ? 'tab active' : 'tab'}
              onClick={() => choose(p.id)}
              onKeyDown={(e) => {
                const i = shown.findIndex((x) => x.id === active.id);
                const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
                if (!d) return;
                e.preventDefault();
                e.stopPropagation();
                const nextId = shown[(i + d + shown.length) % shown.length].id;
                choose(nextId);
                document.getElementById(`tab-${nextId}`)?.focus();
              }}
            >
              {t(p.titleKey)}
            </button>
          ))}
        </div>
        <section
          className="panel-body"
          role="tabpanel"
          id={`panel-${active.id}`}
          aria-labelledby={`tab-${active.id}`}
        >
          <active.Component />
        </section>
      </aside>
    </MotionConfig>
  );
}
