/**
 * On a phone the page scrolls (stage, then the panels below it): back / play / next stay at the
 * bottom edge of the screen, under the thumb, whichever tab is open and however far down the page
 * is. Shown by CSS on narrow screens only (app.css); the header's own buttons stand in on wider ones.
 */
import { PauseIcon, PlayIcon, StepBackIcon, StepIcon } from './icons';
import { useT } from './i18n';
import { useSim } from './store';

export function PhoneTransport() {
  const t = useT();
  const playing = useSim((s) => s.playing);
  const step = useSim((s) => s.view.step);
  const horizon = useSim((s) => Math.max(s.horizon, s.view.step));
  const finished = useSim((s) => s.finished);
  const { play, pause, step: next, stepBack } = useSim.getState();
  return (
    <div className="phone-transport" role="toolbar" aria-label={t('present.phone.transport')}>
      <button
        type="button"
        className="btn icon"
        onClick={() => stepBack()}
        disabled={step === 0}
        aria-label={t('controls.stepBack')}
        data-testid="phone-back"
      >
        <StepBackIcon />
      </button>
      <button
        type="button"
        className="btn icon primary"
        onClick={() => (playing ? pause() : play())}
        aria-label={playing ? t('controls.pause') : t('controls.play')}
        data-testid="phone-play"
      >
        {playing ? <PauseIcon /> : <PlayIcon />}
      </button>
      <button
        type="button"
        className="btn icon"
        onClick={() => next()}
        disabled={finished}
        aria-label={t('controls.step')}
        data-testid="phone-next"
      >
        <StepIcon />
      </button>
      <span className="phone-step">{t('controls.stepOf', { step, total: horizon })}</span>
    </div>
  );
}
