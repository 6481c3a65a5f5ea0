/** The app shell: header (title, language, playback), the ensemble stage, the panels. */
import {
  Component,
  lazy,
  Suspense,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type ErrorInfo,
  type ReactNode,
} from 'react';
import { presetById } from '../presets';
import { visible } from '../share/visible';
import { Controls } from './Controls';
import { EmbedApp, useScenarioTitle } from './Embed';
import { LessonIcon, ListIcon } from './icons';
import {
  currentLang,
  LANG_NAMES,
  LANGS,
  loadLang,
  translate,
  useLang,
  useLangStore,
  useT,
  type Lang,
} from './i18n';
import { useKeyboard } from './keyboard';
import {
  BlackScreen,
  CaptionArea,
  LaserPointer,
  LecturePanelPicker,
  LectureToggle,
  setLecture,
  useLecturePanels,
} from './Lecture';
import { useLectureScale } from './lectureScale';
import { LessonPane, LessonPicker } from './LessonPane';
import { LinkErrorScreen } from './LinkError';
import { PanelArea } from './Panels';
import { PhoneTransport } from './PhoneTransport';
import { RuntimeBadge } from './RuntimeBadge';
import { ReplayOverlay } from './ReplayOverlay';
import { RuntimeBanners } from './RuntimeBanner';
import { ChapterList, ScenarioCard } from './ScenarioCard';
import { useSession } from './session';
import { ShareButtons } from './SharePanel';
import { Stage } from './stage/Stage';
import { useSyncStops } from './stops';
import { isDefaultScenario, useSim } from './store';

// dialogs load when first opened: none of them is on the first screen
const HelpOverlay = lazy(() => import('./HelpOverlay').then((m) => ({ default: m.HelpOverlay })));
const NewEnsembleDialog = lazy(() =>
  import('./NewEnsembleDialog').then((m) => ({ default: m.NewEnsembleDialog })),
);
const SavedEnsembles = lazy(() => import('./SavedEnsembles').then((m) => ({ default: m.SavedEnsembles })));
// the pickers list presets and lessons: their texts first (loaded after a plain visit's first paint)
const ScenarioPicker = lazy(() =>
  Promise.all([import('./ScenarioPicker'), loadLang(currentLang())]).then(([m]) => ({
    default: m.ScenarioPicker,
  })),
);
const LessonPickerWithTexts = lazy(() => loadLang(currentLang()).then(() => ({ default: LessonPicker })));

class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.warn(error, info.componentStack);
  }
  override render() {
    if (!this.state.error) return this.props.children;
    const lang = useLangStore.getState().lang;
    return (
      <div className="crash-screen" role="alert">
        <p>{translate(lang, 'app.crashed')}</p>
        <pre>{this.state.error.message}</pre>
        <button type="button" className="btn" onClick={() => location.reload()}>
          {translate(lang, 'app.reload')}
        </button>
      </div>
    );
  }
}

function LanguageSwitch() {
  const t = useT();
  const [lang, setLang] = useLang();
  return (
    <div className="lang-switch" role="group" aria-label={t('app.language')}>
      {LANGS.map((l: Lang) => (
        <button
          key={l}
          type="button"
          lang={l}
          className={l === lang ? 'btn lang active' : 'btn lang'}
          aria-pressed={l === lang}
          onClick={() => setLang(l)}
        >
          {LANG_NAMES[l]}
        </button>
      ))}
    </div>
  );
}

/** Playing in a hidden tab would only burn battery: pause when the tab is hidden. */
function usePauseWhenHidden() {
  useEffect(() => {
    const onVis = () => {
      if (document.hidden) useSim.getState().pause();
    };
    document.addEventListener('visibilitychange', onVis);
    return () => document.removeEventListener('visibilitychange', onVis);
  }, []);
}

/** The second header row: scenarios, lessons, sharing, lecture mode. */
function AppBar({
  onScenarios,
  onLessons,
  onSaved,
  onNew,
}: {
  onScenarios: () => void;
  onLessons: () => void;
  onSaved: () => void;
  onNew: () => void;
}) {
  const t = useT();
  const presetId = useSession((s) => s.presetId);
  const scenario = useSim((s) => s.scenario);
  const isDefault = useMemo(() => isDefaultScenario(scenario), [scenario]);
  const preset = presetId ? presetById(presetId) : undefined;
  return (
    <nav className="app-bar" aria-label={t('scn.bar')}>
      <button type="button" className="btn" onClick={onScenarios} data-testid="open-scenarios">
        <ListIcon /> {t('scn.picker.button')}
      </button>
      <span className="current-scenario" title={t('scn.current')}>
        {preset
          ? t(preset.titleKey)
          : isDefault || !scenario.title
            ? t('scn.default.title')
            : visible(scenario.title)}
      </span>
      <button type="button" className="btn" onClick={onLessons} data-testid="open-lessons">
        <LessonIcon /> {t('scn.lessons.button')}
      </button>
      <button type="button" className="btn" onClick={onNew} data-testid="open-new-ensemble">
        + {t('present.new.button')}
      </button>
      <button type="button" className="btn" onClick={onSaved} data-testid="open-saved">
        {t('rt.saved.button')}
      </button>
      <span className="bar-spacer" />
      <RuntimeBadge />
      <ShareButtons />
      <LectureToggle />
    </nav>
  );
}

type Which = 'help' | 'scenarios' | 'lessons' | 'saved' | 'new' | null;

function Dialogs({ which, onClose }: { which: Which; onClose: () => void }) {
  return (
    <Suspense fallback={null}>
      <OpenDialog which={which} onClose={onClose} />
    </Suspense>
  );
}

function OpenDialog({ which, onClose }: { which: Which; onClose: () => void }) {
  // saved ensembles found at start-up: offered once, before anything else is opened
  const offer = useSim((s) => s.runtime.offerResume);
  if (which === 'help') return <HelpOverlay onClose={onClose} />;
  if (which === 'scenarios') return <ScenarioPicker onClose={onClose} />;
  if (which === 'lessons') return <LessonPickerWithTexts onClose={onClose} />;
  if (which === 'new') return <NewEnsembleDialog onClose={onClose} />;
  if (which === 'saved' || offer)
    return (
      <SavedEnsembles
        offer={offer}
        onClose={() => {
          if (offer) useSim.getState().setOfferResume(false);
          onClose();
        }}
      />
    );
  return null;
}

/** Lecture mode's second row: what is on the stage, and its chapters. */
function LectureTitle() {
  // the lesson's, the preset's, the file's or the New ensemble's title: what the room is looking at
  const title = useScenarioTitle();
  return (
    <div className="lecture-title">
      <h1>{title}</h1>
      <ChapterList className="lecture-chapters" />
    </div>
  );
}

export function App() {
  const t = useT();
  const [dialog, setDialog] = useState<Which>(null);
  const toggleHelp = useCallback(() => setDialog((d) => (d === 'help' ? null : 'help')), []);
  const close = useCallback(() => setDialog(null), []);
  const lecture = useSession((s) => s.lecture);
  const embed = useSession((s) => s.embed);
  const linkError = useSession((s) => s.linkError);
  const lessonOpen = useSession((s) => s.lessonId !== null);
  const lessonKey = useSession((s) => s.lessonId ?? '');
  const lectureScale = useLectureScale(lecture);
  const [lecturePanels, setLecturePanels] = useLecturePanels();
  const lectureStageRef = useRef<HTMLDivElement>(null);
  useKeyboard(toggleHelp);
  usePauseWhenHidden();
  useSyncStops();
  useEffect(() => {
    document.title = t('app.title');
  }, [t]);

  let body: ReactNode;
  if (linkError) {
    body = <LinkErrorScreen error={linkError} />;
  } else if (embed) {
    body = <EmbedApp />;
  } else if (lecture) {
    body = (
      <div
        className="app lecture"
        data-testid="lecture"
        style={{ '--lk': lectureScale } as CSSProperties}
        data-scale={lectureScale}
      >
        <header className="app-header lecture-bar">
          <Controls fork={false} />
          <div className="header-end">
            <RuntimeBadge compact />
            <ShareButtons files={false} />
            <LecturePanelPicker ids={lecturePanels} onChange={setLecturePanels} />
            <button
              type="button"
              className="btn"
              onClick={() => setDialog('scenarios')}
              data-testid="open-scenarios"
            >
              <ListIcon /> {t('scn.picker.button')}
            </button>
            <LanguageSwitch />
            <button type="button" className="btn" onClick={() => setLecture(false)} data-testid="lecture-off">
              ✕ {t('scn.lecture.off')}
            </button>
          </div>
        </header>
        <RuntimeBanners />
        <LectureTitle />
        <main
          className={
            lecturePanels.length || lessonOpen ? 'app-main lecture-main' : 'app-main lecture-main alone'
          }
        >
          <div className="lecture-stage" ref={lectureStageRef}>
            <Stage />
            {lessonOpen ? null : <CaptionArea />}
            <LaserPointer areaRef={lectureStageRef} />
          </div>
          {lecturePanels.length || lessonOpen ? (
            <div className="side">
              {lessonOpen ? <LessonPane /> : null}
              {lecturePanels.length ? <PanelArea only={lecturePanels} /> : null}
            </div>
          ) : null}
        </main>
        <Dialogs which={dialog} onClose={close} />
        <BlackScreen />
      </div>
    );
  } else {
    body = (
      <div className="app">
        <header className="app-header">
          <div className="brand">
            <h1>{t('app.title')}</h1>
            <span className="subtitle">{t('app.subtitle')}</span>
          </div>
          <Controls />
          <div className="header-end">
            <LanguageSwitch />
            <button
              type="button"
              className="btn icon"
              onClick={toggleHelp}
              aria-label={t('controls.help')}
              title={`${t('controls.help')} (?)`}
            >
              ?
            </button>
          </div>
        </header>
        <AppBar
          onScenarios={() => setDialog('scenarios')}
          onLessons={() => setDialog('lessons')}
          onSaved={() => setDialog('saved')}
          onNew={() => setDialog('new')}
        />
        <RuntimeBanners />
        <main className="app-main">
          <Stage />
          <div className="side">
            <LessonPane />
            <ScenarioCard />
            {/* a lesson opens on fresh panels (the event log unfiltered…) */}
            <PanelArea key={lessonKey} />
          </div>
        </main>
        <Dialogs which={dialog} onClose={close} />
        <PhoneTransport />
      </div>
    );
  }
  return (
    <ErrorBoundary>
      {body}
      <ReplayOverlay />
    </ErrorBoundary>
  );
}
