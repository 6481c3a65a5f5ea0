/** The side panel area: the panels (./panels/index.ts), one at a time behind tabs. */
import { useState } from 'react';
import { useT } from './i18n';
import { panels } from './panels';

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

export function PanelArea() {
  const t = useT();
  const [tab, setTab] = useState<string | null>(initialTab);
  const active = panels.find((p) => p.id === tab) ?? panels[0];
  const choose = (id: string) => {
    setTab(id);
    try {
      localStorage.setItem(STORAGE_KEY, id);
    } catch {
      // not remembered
    }
  };
  return (
    <aside className="panels">
      <div className="tabs" role="tablist" aria-orientation="horizontal">
        {panels.map((p) => (
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
              const i = panels.findIndex((x) => x.id === active.id);
              const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
              if (!d) return;
              e.preventDefault();
              e.stopPropagation();
              const nextId = panels[(i + d + panels.length) % panels.length].id;
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
  );
}
