/**
 * Guided lessons: the picker, and the pane that narrates the open lesson beside the stage.
 *
 * The pane is a function of the simulation step (lessonAt): back, forward, the scrubber and the
 * clicker all move the lesson with the run. At a question ("who will lead?", "which sync?") the
 * learner answers with a click on a server on the stage or a choice button; the app then plays to
 * the outcome, the next stop, where the pane says whether the prediction was right and why.
 */
import { useMemo } from 'react';
import { checkAnswer, lessonAt, lessons, type Choice, type Lesson, type LessonStep } from '../lessons';
import { presetById } from '../presets';
import { Dialog } from './Dialog';
import { useT, type TFunction } from './i18n';
import { answer, closeLesson, openLessonById, useSession } from './session';
import { jumpTo, toNextStop, toPrevStop } from './stops';
import { useSim } from './store';

export function LessonPicker({ onClose }: { onClose: () => void }) {
  const t = useT();
  const current = useSession((s) => s.lessonId);
  return (
    <Dialog id="lessons" title={t('scn.lessons.title')} onClose={onClose}>
      <p className="dialog-intro">{t('scn.lessons.intro')}</p>
      <ul className="lesson-list">
        {lessons.map((l) => {
          const preset = presetById(l.presetId);
          const questions = l.steps.filter((s) => s.predict).length;
          return (
            <li key={l.id}>
              <button
                type="button"
                className={current === l.id ? 'lesson-item active' : 'lesson-item'}
                data-lesson={l.id}
                onClick={() => {
                  openLessonById(l.id);
                  onClose();
                }}
              >
                <span className="lesson-title">{t(l.titleKey)}</span>
                <span className="lesson-meta">
                  {t('scn.lessons.meta', { stops: l.steps.length, questions })}
                  {preset ? ` · ${t(preset.titleKey)}` : ''}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </Dialog>
  );
}

const label = (t: TFunction, c: Choice) => t(c.labelKey, c.labelParams);

/** The choices of a question: buttons; server questions can also be answered on the stage. */
function Question({ step, chosen }: { step: LessonStep; chosen: string | undefined }) {
  const t = useT();
  const p = step.predict!;
  const byServer = p.choices.every((c) => c.kind === 'server');
  const pick = (id: string) => {
    answer(step.id, id);
    toNextStop();
  };
  return (
    <div className="lesson-question" role="group" aria-labelledby={`q-${step.id}`}>
      <p className="lesson-prompt" id={`q-${step.id}`}>
        <span className="q-badge" aria-hidden="true">
          ?
        </span>
        {t(p.promptKey, step.params)}
      </p>
      {byServer ? <p className="lesson-how">{t('scn.lesson.clickServer')}</p> : null}
      <div className="choices">
        {p.choices.map((c) => (
          <button
            key={c.id}
            type="button"
            className={chosen === c.id ? 'btn choice chosen' : 'btn choice'}
            aria-pressed={chosen === c.id}
            data-choice={c.id}
            onClick={() => pick(c.id)}
          >
            {label(t, c)}
          </button>
        ))}
      </div>
    </div>
  );
}

/** What happened against what the learner predicted, with the lesson's explanation. */
function Reveal({ asked, chosen }: { asked: LessonStep; chosen: string | undefined }) {
  const t = useT();
  const p = asked.predict!;
  const right = p.choices.find((c) => c.id === p.answer);
  const mine = p.choices.find((c) => c.id === chosen);
  const check = chosen ? checkAnswer(asked, chosen) : null;
  const verdict =
    check === null
      ? 'none'
      : check.correct === true
        ? 'right'
        : check.correct === false
          ? 'wrong'
          : 'unknown';
  return (
    <div className={`lesson-reveal ${verdict}`} data-verdict={verdict} role="status">
      <p className="verdict">
        {verdict === 'right'
          ? `✓ ${t('scn.lesson.right', { answer: mine ? label(t, mine) : '' })}`
          : verdict === 'wrong'
            ? `✗ ${t('scn.lesson.wrong', { mine: mine ? label(t, mine) : '', answer: right ? label(t, right) : '?' })}`
            : verdict === 'none'
              ? t('scn.lesson.unanswered', { answer: right ? label(t, right) : '?' })
              : t('scn.lesson.noAnswer')}
      </p>
      <p className="explain">{t(p.explainKey, asked.params)}</p>
    </div>
  );
}

export function LessonPane() {
  const t = useT();
  const lesson = useSession((s) => s.lesson);
  const answers = useSession((s) => s.answers);
  const step = useSim((s) => s.view.step);
  const playing = useSim((s) => s.playing);
  const pos = useMemo(() => (lesson ? lessonAt(lesson, step) : null), [lesson, step]);
  if (!lesson || !pos) return null;
  const cur = pos.current;
  const prev = cur && cur.index > 0 ? lesson.steps[cur.index - 1] : null;
  const asking = cur?.predict && pos.atStop ? cur : null;
  const revealOf = prev?.predict ? prev : null;
  return (
    <section className="lesson-pane" aria-label={t('scn.lesson.label')} data-testid="lesson">
      <header className="lesson-head">
        <h2>{t(lesson.titleKey)}</h2>
        <span className="lesson-progress" data-testid="lesson-progress">
          {t('scn.lesson.progress', { n: pos.reached, total: pos.total })}
        </span>
        <button type="button" className="btn small" onClick={closeLesson}>
          {t('scn.lesson.exit')}
        </button>
      </header>
      <ol className="lesson-dots" aria-label={t('scn.lesson.stops')}>
        {lesson.steps.map((s) => (
          <li key={s.id}>
            <button
              type="button"
              className={
                s.index === pos.index ? 'dot-btn current' : s.index < pos.reached ? 'dot-btn done' : 'dot-btn'
              }
              aria-label={t('scn.lesson.goto', { n: s.index + 1 })}
              aria-current={s.index === pos.index ? 'step' : undefined}
              onClick={() => jumpTo(s.step)}
            >
              {s.predict ? '?' : ''}
            </button>
          </li>
        ))}
      </ol>
      <div className="lesson-body" aria-live="polite">
        {revealOf && !(asking && asking.id === revealOf.id) ? (
          <Reveal asked={revealOf} chosen={answers[revealOf.id]} />
        ) : null}
        {cur ? (
          <p className="narration" data-step={cur.id}>
            {t(cur.narrationKey, cur.params)}
          </p>
        ) : (
          <p className="narration">{t('scn.lesson.before')}</p>
        )}
        {asking ? <Question step={asking} chosen={answers[asking.id]} /> : null}
        {!pos.atStop && playing && pos.next ? <p className="lesson-how">{t('scn.lesson.playing')}</p> : null}
      </div>
      <div className="lesson-nav">
        <button type="button" className="btn" onClick={() => toPrevStop()} disabled={step === 0}>
          ◀ {t('scn.lesson.back')}
        </button>
        <button
          type="button"
          className="btn primary"
          onClick={() => toNextStop()}
          disabled={!pos.next}
          data-testid="lesson-next"
        >
          {asking && !answers[asking.id] ? t('scn.lesson.skip') : t('scn.lesson.next')} ▶
        </button>
      </div>
      {pos.finished && pos.atStop ? <p className="lesson-done">{t('scn.lesson.done')}</p> : null}
    </section>
  );
}

/** At a server question, a click on a server card answers it. True if the click was taken. */
export function answerByServer(sid: number): boolean {
  const { lesson, answers } = useSession.getState();
  if (!lesson) return false;
  const pos = lessonAt(lesson, useSim.getState().view.step);
  const q = pos.atStop ? pos.current?.predict : undefined;
  if (!pos.current || !q || answers[pos.current.id]) return false;
  const choice = q.choices.find((c) => c.kind === 'server' && c.value === sid);
  if (!choice) return false;
  answer(pos.current.id, choice.id);
  toNextStop();
  return true;
}

function askingAt(lesson: Lesson | null, answers: Record<string, string>, step: number): string | null {
  if (!lesson) return null;
  const pos = lessonAt(lesson, step);
  const q = pos.atStop ? pos.current?.predict : undefined;
  if (!pos.current || !q || answers[pos.current.id]) return null;
  const sids = q.choices.filter((c) => c.kind === 'server').map((c) => c.value);
  return sids.length > 0 ? sids.join(',') : null;
}

/**
 * The sids a pending server question offers (the stage highlights them), comma separated, or null.
 * A string, so that the stage re-renders only when the question changes, not at every step.
 */
export function useAskingServers(): string | null {
  const lesson = useSession((s) => s.lesson);
  const answers = useSession((s) => s.answers);
  return useSim((s) => askingAt(lesson, answers, s.view.step));
}

/**
 * The panel the lesson's current stop brings forward, as `stopId|panelId` (a string, so the panel
 * area re-renders only when the stop changes), or null.
 */
export function useLessonPanel(): string | null {
  const lesson = useSession((s) => s.lesson);
  return useSim((s) => {
    if (!lesson) return null;
    const cur = lessonAt(lesson, s.view.step).current;
    return cur?.panel ? `${cur.id}|${cur.panel}` : null;
  });
}
