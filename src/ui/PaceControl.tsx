/**
 * The pace of playback (narrated or even, see ./pace.ts) and, when a preset with chapters is open
 * outside lecture mode, whether playback pauses at each chapter.
 */
import { useT } from './i18n';
import { PACES, type Pace } from './pace';
import { usePaceSettings } from './paceSettings';
import { useSession } from './session';

export function PaceControl() {
  const t = useT();
  const pace = usePaceSettings((s) => s.pace);
  const chapterStops = usePaceSettings((s) => s.chapterStops);
  const showChapters = useSession((s) => !s.lecture && s.chapters.length > 0);
  return (
    <>
      <label className="pace" title={t(`messages.pace.${pace}.hint`)}>
        <span className="lbl">{t('messages.pace')}</span>
        <select
          value={pace}
          data-testid="pace"
          onChange={(e) => usePaceSettings.getState().setPace(e.target.value as Pace)}
        >
          {PACES.map((p) => (
            <option key={p} value={p}>
              {t(`messages.pace.${p}`)}
            </option>
          ))}
        </select>
      </label>
      {showChapters ? (
        <label className="chapter-stops" title={t('messages.chapterStops.hint')}>
          <input
            type="checkbox"
            checked={chapterStops}
            data-testid="chapter-stops"
            onChange={(e) => usePaceSettings.getState().setChapterStops(e.target.checked)}
          />
          <span>{t('messages.chapterStops')}</span>
        </label>
      ) : null}
    </>
  );
}
