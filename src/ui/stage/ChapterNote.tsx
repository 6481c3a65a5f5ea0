/**
 * Why playback stopped: outside lecture mode a preset pauses at each of its chapters (a setting,
 * ../paceSettings.ts). Standing on a chapter's first step, paused, the stage's footer says which
 * chapter this is and that Play goes on — in place of the usual tip.
 */
import { useT } from '../i18n';
import { usePaceSettings } from '../paceSettings';
import { useSession } from '../session';
import { useSim } from '../store';

export function useChapterPause(): { n: number; titleKey: string } | null {
  const chapters = useSession((s) => s.chapters);
  const on = usePaceSettings((s) => s.chapterStops);
  const active = useSession((s) => !s.lecture && s.lesson === null);
  const index = useSim((s) =>
    s.playing || s.finished ? -1 : chapters.findIndex((c) => c.step > 0 && c.step === s.view.step),
  );
  if (!on || !active || index < 0) return null;
  return { n: index + 1, titleKey: chapters[index].titleKey };
}

export function ChapterNote() {
  const t = useT();
  const at = useChapterPause();
  if (!at) return null;
  return (
    <p className="stage-tip chapter-note" data-testid="chapter-note" aria-live="polite">
      {t('messages.chapterNote', { n: at.n, title: t(at.titleKey) })}
    </p>
  );
}
