/** Playback: step back, play/pause, step, speed, the history scrubber and fork. */
import { useEffect, useRef } from 'react';
import { Branches } from './Branches';
import { ForkIcon, PauseIcon, PlayIcon, StepBackIcon, StepIcon } from './icons';
import { useT } from './i18n';
import { PaceControl } from './PaceControl';
import { MAX_SPEED, MIN_SPEED, useBehindRate, useSim } from './store';
import { TakenOverNote, useTakenOver } from './TakenOverNote';

const LOG_MAX = Math.log10(MAX_SPEED / MIN_SPEED);

/** slider position 0…1000 ↔ events per second on a log scale */
export function speedToSlider(speed: number): number {
  return Math.round((Math.log10(speed / MIN_SPEED) / LOG_MAX) * 1000);
}
export function sliderToSpeed(v: number): number {
  return Math.round(MIN_SPEED * 10 ** ((v / 1000) * LOG_MAX));
}

/** Seeks at most once per animation frame while the scrubber is dragged (seeking back replays). */
function useFrameThrottled(fn: (v: number) => void): (v: number) => void {
  const pending = useRef<number | null>(null);
  const raf = useRef<number | null>(null);
  const fnRef = useRef(fn);
  useEffect(() => {
    fnRef.current = fn;
  }, [fn]);
  useEffect(
    () => () => {
      if (raf.current !== null) cancelAnimationFrame(raf.current);
    },
    [],
  );
  return (v: number) => {
    pending.current = v;
    if (raf.current !== null) return;
    raf.current = requestAnimationFrame(() => {
      raf.current = null;
      if (pending.current !== null) fnRef.current(pending.current);
      pending.current = null;
    });
  };
}

/** `fork={false}`: without the fork button (lecture and embed mode keep the bar to one line). */
export function Controls({ fork: showFork = true }: { fork?: boolean }) {
  const t = useT();
  const playing = useSim((s) => s.playing);
  const speed = useSim((s) => s.speed);
  const behind = useBehindRate();
  const step = useSim((s) => s.view.step);
  const time = useSim((s) => s.view.t);
  const horizon = useSim((s) => Math.max(s.horizon, s.view.step));
  const finished = useSim((s) => s.finished);
  const canFork = useSim((s) => s.view.step < s.horizon || s.recorded.some((r) => r.step > s.view.step));
  const { play, pause, step: next, stepBack, setSpeed, seek, fork } = useSim.getState();
  const seekThrottled = useFrameThrottled(seek);
  // another tab runs this ensemble now: no transport here (TakenOverNote says why)
  const off = useTakenOver() !== null;
  const offTitle = off ? t('storage2.takenOver.off') : null;
  const speedText = t(speed === 1 ? 'present.speedOne' : 'controls.speedValue', { n: speed });

  return (
    <div className="controls" role="toolbar" aria-label={t('controls.scrub')}>
      <div className="buttons">
        <button
          type="button"
          className="btn icon"
          onClick={() => stepBack()}
          disabled={step === 0 || off}
          aria-label={t('controls.stepBack')}
          title={offTitle ?? `${t('controls.stepBack')} (←)`}
        >
          <StepBackIcon />
        </button>
        <button
          type="button"
          className="btn icon primary"
          onClick={() => (playing ? pause() : play())}
          disabled={off}
          aria-label={playing ? t('controls.pause') : t('controls.play')}
          title={offTitle ?? `${playing ? t('controls.pause') : t('controls.play')} (${t('keys.space')})`}
          data-testid="play"
        >
          {playing ? <PauseIcon /> : <PlayIcon />}
        </button>
        <button
          type="button"
          className="btn icon"
          onClick={() => next()}
          disabled={finished || off}
          aria-label={t('controls.step')}
          title={offTitle ?? `${t('controls.step')} (→)`}
        >
          <StepIcon />
        </button>
      </div>
      <TakenOverNote />
      <label className="speed" title={`${t('controls.speed')} (+ / −)`}>
        <span className="lbl">{t('controls.speed')}</span>
        <input
          type="range"
          min={0}
          max={1000}
          value={speedToSlider(speed)}
          onChange={(e) => setSpeed(sliderToSpeed(Number(e.target.value)))}
          aria-label={t('controls.speed')}
          aria-valuetext={speedText}
        />
        <span className="val">{speedText}</span>
        {behind !== null ? (
          <span className="reached" title={t('controls.reached.hint')} data-testid="reached">
            {t('controls.reached', { n: behind })}
          </span>
        ) : null}
      </label>
      <PaceControl />
      <label className="scrub">
        <span className="sr-only">{t('controls.scrub')}</span>
        <input
          type="range"
          min={0}
          max={Math.max(1, horizon)}
          value={step}
          disabled={horizon === 0 || off}
          onChange={(e) => seekThrottled(Number(e.target.value))}
          aria-label={t('present.scrubLabel')}
          aria-valuetext={t('controls.stepOf', { step, total: horizon })}
        />
        <span className="val" data-testid="step">
          {t('controls.stepOf', { step, total: horizon })}
          <span className="time"> · {t('controls.time', { t: Math.round(time) })}</span>
        </span>
      </label>
      {showFork ? (
        <button
          type="button"
          className="btn"
          onClick={() => fork()}
          disabled={!canFork || off}
          title={t('controls.forkHint')}
        >
          <ForkIcon /> {t('controls.fork')}
        </button>
      ) : null}
      {showFork ? <Branches /> : null}
    </div>
  );
}
