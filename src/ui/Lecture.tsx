/**
 * Lecture mode's own parts: the caption area under the stage (the cue the run has reached, in large
 * type) with the clicker's buttons, and the toggle in and out of lecture mode.
 */
import { useMemo } from 'react';
import { cuesAt } from '../presets/cues';
import { useT } from './i18n';
import { ScreenIcon } from './icons';
import { useSession } from './session';
import { toNextStop, toPrevStop } from './stops';
import { useSim } from './store';
import { syncLectureParam } from './url';

export function setLecture(on: boolean): void {
  useSession.getState().setLecture(on);
  syncLectureParam(on);
}

export function LectureToggle() {
  const t = useT();
  return (
    <button
      type="button"
      className="btn"
      onClick={() => setLecture(true)}
      title={t('scn.lecture.hint')}
      data-testid="lecture-on"
    >
      <ScreenIcon /> {t('scn.lecture.on')}
    </button>
  );
}

/** The caption of the last cue reached (bright when the run stands exactly on it), and the clicker. */
export function CaptionArea() {
  const t = useT();
  const cues = useSession((s) => s.cues);
  const presetId = useSession((s) => s.presetId);
  // the index of the last cue at or before the step: re-renders only when that changes
  const index = useSim((s) => {
    let i = -1;
    for (let k = 0; k < cues.length; k++) if (cues[k].step <= s.view.step) i = k;
    return i;
  });
  const exact = useSim((s) => index >= 0 && cues[index].step === s.view.step);
  const atStart = useSim((s) => s.view.step === 0);
  const here = useMemo(() => (index >= 0 ? cuesAt(cues, cues[index].step) : []), [cues, index]);
  const atEnd = index === cues.length - 1;
  return (
    <section className="caption-area" aria-label={t('scn.lecture.captions')} data-testid="captions">
      <div className="caption-text" aria-live="polite">
        {cues.length === 0 ? (
          <p className="caption dim">{presetId ? t('scn.lecture.noCues') : t('scn.lecture.pickPreset')}</p>
        ) : index < 0 ? (
          <p className="caption dim">{t('scn.lecture.start')}</p>
        ) : (
          here.map((c) => (
            <p key={c.id} className={exact ? 'caption' : 'caption dim'} data-cue={c.id}>
              {t(c.captionKey)}
            </p>
          ))
        )}
      </div>
      <div className="clicker">
        {cues.length > 0 ? (
          <span className="cue-count" data-testid="cue-count">
            {t('scn.lecture.cueOf', { n: index + 1, total: cues.length })}
          </span>
        ) : null}
        <button
          type="button"
          className="btn"
          onClick={() => toPrevStop()}
          disabled={atStart}
          title={`${t('scn.lecture.prev')} (PageUp)`}
        >
          ◀ {t('scn.lecture.prev')}
        </button>
        <button
          type="button"
          className="btn primary"
          onClick={() => toNextStop()}
          disabled={cues.length === 0 || atEnd}
          title={`${t('scn.lecture.next')} (PageDown, .)`}
        >
          {t('scn.lecture.next')} ▶
        </button>
      </div>
    </section>
  );
}
