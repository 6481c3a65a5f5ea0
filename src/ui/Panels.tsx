/**
 * The side panel area: the panels engineer's components (./panels/index.ts), one at a time behind
 * tabs. Loaded through a glob so the shell works before that module exists.
 */
import { useState, type FC } from 'react';
import { useT } from './i18n';

export interface PanelDef {
  id: string;
  titleKey: string;
  Component: FC;
}

const modules = import.meta.glob<{ panels?: PanelDef[] }>('./panels/index.ts', { eager: true });
export const panels: PanelDef[] = Object.values(modules)[0]?.panels ?? [];

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
  if (panels.length === 0) {
    return (
      <aside className="panels empty">
        <p className="hint">{t('panels.empty')}</p>
      </aside>
    );
  }
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
