/**
 * The open preset beside the stage: its title, the "what to watch for" paragraph (folds away), and
 * its chapters as jump buttons. Chapters: also the lecture bar's list (ChapterList).
 */
import { useEffect, useState } from 'react';
import { chapterAt } from '../presets/cues';
import { useT } from './i18n';
import { currentPreset, useSession } from './session';
import { jumpTo } from './stops';
import { useSim } from './store';

/** The open preset's chapters; the one the step is in is marked. */
export function ChapterList({ className }: { className?: string }) {
  const t = useT();
  const chapters = useSession((s) => s.chapters);
  const currentId = useSim((s) => chapterAt(chapters, s.view.step)?.id ?? null);
  if (chapters.length === 0) return null;
  return (
    <nav className={className ? `chapters ${className}` : 'chapters'} aria-label={t('scn.chapters')}>
      <ol>
        {chapters.map((c, i) => (
          <li key={c.id}>
            <button
              type="button"
              className={c.id === currentId ? 'chapter current' : 'chapter'}
              aria-current={c.id === currentId ? 'step' : undefined}
              data-chapter={c.id}
              onClick={() => jumpTo(c.step)}
              title={t('scn.chapterAt', { step: c.step })}
            >
              <span className="chapter-n">{i + 1}</span> {t(c.titleKey)}
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}

/**
 * The card of one preset. The paragraph folds away by itself when the run first plays (the panels
 * get the room back); the title and the chapters stay.
 */
function PresetCard({ titleKey, watchKey }: { titleKey: string; watchKey: string }) {
  const t = useT();
  const [open, setOpen] = useState(true);
  useEffect(
    () =>
      useSim.subscribe((s, prev) => {
        if (s.playing && !prev.playing) setOpen(false);
      }),
    [],
  );
  return (
    <section className="scenario-card" aria-label={t('scn.watch')} data-testid="scenario-card">
      <header>
        <h2>{t(titleKey)}</h2>
        <button type="button" className="btn small" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          {open ? t('scn.card.hide') : t('scn.watch')}
        </button>
      </header>
      {open ? (
        <p className="watch-text" data-testid="watch-text">
          {t(watchKey)}
        </p>
      ) : null}
      <ChapterList />
    </section>
  );
}

export function ScenarioCard() {
  const presetId = useSession((s) => s.presetId);
  const lessonOpen = useSession((s) => s.lessonId !== null);
  const preset = presetId ? currentPreset() : undefined;
  if (!preset || lessonOpen) return null;
  return <PresetCard key={preset.id} titleKey={preset.titleKey} watchKey={preset.watchKey} />;
}
