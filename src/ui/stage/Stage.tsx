/**
 * The ensemble stage: servers around a circle, the links between them, messages flying along the
 * links. Cards are HTML (text lays out well, motion animates changes); links and messages are SVG.
 */
import { lazy, Suspense, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useInspect } from './inspect';
import { useShallow } from 'zustand/react/shallow';
import { useT } from '../i18n';
import { PlayIcon } from '../icons';
import { answerByServer, useAskingServers } from '../LessonPane';
import { useSession } from '../session';
import { useFastPlay, useSim, useView } from '../store';
import { currentLatency, startedSids } from './derive';
import { useLectureScale } from '../lectureScale';
import { useMediaQuery } from '../useMediaQuery';
import { freeCentre, layoutStage, linkKey, type Point } from './layout';
import { layoutLecture } from './lectureLayout';
import { LinkLayer } from './LinkLayer';
import { LinkMenu, ServerMenu } from './Menus';
import { ChapterNote, useChapterPause } from './ChapterNote';
import { ClientLayer, useClientSpots } from './ClientLayer';
import { MessageLayer } from './messageLayerLazy';
import { TimerLayer } from './TimerLayer';
import { CnxToggle } from './CnxToggle';
import { useCnxUi } from './cnxUi';
import { ServerCard } from './ServerCard';
import { diskState } from '../storageTruth';
import { LeaderReadout, LogStage, StageViewToggle, useStageViews } from './StageViews';
import { useStageUi } from './stageUi';
import { useActiveViolation, ViolationBanner } from './ViolationBanner';
import { learnerSync, logEnd } from './derive';
import { zxidToEpochCounter } from '../../zk/viewApi';
import { FAMILIES, FAMILY_COLOR, FAMILY_TYPES } from './palette';
import { useTakenOver } from '../TakenOverNote';

// loaded when a message or a bunch of them is first opened: nothing of it is on the first screen
// the election-connection layer loads when first turned on (initial JS stays small)
const CnxLayer = lazy(() => import('./CnxLayer'));
const MessageInspector = lazy(() =>
  import('./MessageInspector').then((m) => ({ default: m.MessageInspector })),
);

type Menu = { kind: 'server'; sid: number } | { kind: 'link'; a: number; b: number } | null;

function useSize(ref: React.RefObject<HTMLElement | null>): { width: number; height: number } {
  const [size, setSize] = useState({ width: 800, height: 560 });
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      const r = el.getBoundingClientRect();
      setSize((s) =>
        Math.round(r.width) === s.width && Math.round(r.height) === s.height
          ? s
          : { width: Math.round(r.width), height: Math.round(r.height) },
      );
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return size;
}

function ServerSlot({
  sid,
  p,
  w,
  h,
  compact,
  grouped,
  askable,
  onPick,
}: {
  sid: number;
  p: Point;
  w: number;
  h: number;
  compact: boolean;
  grouped: boolean;
  askable: boolean;
  onPick: (sid: number) => void;
}) {
  const s = useView((v) => {
    const sv = v.servers.find((x) => x.sid === sid)!;
    return {
      observer: sv.observer,
      up: sv.up,
      state: sv.state,
      zabState: sv.zabState,
      acceptedEpoch: sv.acceptedEpoch,
      currentEpoch: sv.currentEpoch,
      logicalClock: sv.logicalClock,
      readOnly: sv.readOnly === true,
      lastZxid: sv.lastLoggedZxid,
      logEnd: logEnd(sv),
      ...syncProps(learnerSync(v, sv)),
      cutFrom: v.cutLinks
        .flatMap(([a, b]) => (a === sid ? [b] : b === sid ? [a] : []))
        .sort((a, b) => a - b)
        .join(', '),
    };
  });
  const selected = useSim((st) => st.selectedSid === sid);
  const still = useFastPlay();
  const started = useSim((st) => startedSids(st).includes(sid));
  const refused = useSim((st) => diskState(st.sim.trace, sid).refused?.reason ?? '');
  const violation = useActiveViolation();
  const flagged = violation?.sids.includes(sid) ?? false;
  const flagZxids = flagged ? violation!.zxids.map(zxidToEpochCounter).join(', ') : '';
  return (
    <ServerCard
      flagged={flagged}
      flagZxids={flagZxids}
      sid={sid}
      {...s}
      started={started}
      refused={refused}
      selected={selected}
      grouped={grouped}
      askable={askable}
      x={p.x}
      y={p.y}
      w={w}
      h={h}
      compact={compact}
      still={still}
      onPick={onPick}
    />
  );
}

/** The learner's sync as primitive card props (memo compares them one by one). */
function syncProps(l: ReturnType<typeof learnerSync>) {
  return l
    ? { syncMode: l.sync.mode, syncZxid: l.sync.zxid, syncFrom: l.leader }
    : { syncMode: '', syncZxid: 0, syncFrom: 0 };
}

const LATENCIES: [number, number][] = [
  [1, 5],
  [5, 20],
  [20, 100],
  [100, 500],
  [500, 2000],
];

/**
 * `zablab:interactive`: the first time the "Start all" button is on screen, enabled and wired
 * (effects run after the commit that attached its handler). Read by bench/ui-bench.ts.
 */
let interactiveMarked = false;
function markInteractive(): void {
  if (interactiveMarked || typeof performance === 'undefined' || !performance.mark) return;
  interactiveMarked = true;
  performance.mark('zablab:interactive');
}

function StageToolbar({
  group,
  onPartition,
  onClearGroup,
}: {
  group: number[];
  onPartition: () => void;
  onClearGroup: () => void;
}) {
  const t = useT();
  const act = useSim((s) => s.act);
  const sids = useView((v) => v.servers.map((s) => s.sid));
  const started = useSim(useShallow(startedSids));
  const anyCut = useView((v) => v.cutLinks.length > 0);
  const latency = useSim(useShallow(currentLatency));
  const scripted = useSim((s) => s.scenario.actions.some((a) => 'start' in a));
  // a lesson's run starts its servers itself: starting them by hand would leave the lesson's story
  const scriptedLesson = useSession((s) => s.lessonId !== null) && scripted;
  // another tab runs this ensemble now: no action here (the note by the transport says why)
  const off = useTakenOver() !== null;
  const offTitle = off ? t('storage2.takenOver.off') : undefined;
  const notStarted = scriptedLesson || off ? [] : sids.filter((s) => !started.includes(s));
  const canStart = notStarted.length > 0;
  useEffect(() => {
    if (canStart) markInteractive();
  }, [canStart]);
  const latencyKey = latency.join('-');
  const options = LATENCIES.some((l) => l.join('-') === latencyKey) ? LATENCIES : [...LATENCIES, latency];
  return (
    <div className="stage-toolbar" role="toolbar" aria-label={t('stage.label')}>
      <button
        type="button"
        className="btn primary"
        disabled={notStarted.length === 0}
        title={offTitle}
        onClick={() => act({ start: notStarted })}
      >
        ▶▶ {t('stage.startAll')}
      </button>
      <button
        type="button"
        className="btn"
        disabled={notStarted.length === 0}
        title={offTitle ?? t('stage.startOneByOne')}
        onClick={() => act({ start: [notStarted[0]] })}
      >
        ▶{' '}
        {notStarted.length > 0 && started.length > 0
          ? t('stage.startNext', { sid: notStarted[0] })
          : t('stage.startOneByOne')}
      </button>
      <StageViewToggle />
      <CnxToggle />
      <button
        type="button"
        className="btn"
        disabled={!anyCut || off}
        title={offTitle}
        onClick={() => act({ heal: true })}
      >
        ⟲ {t('stage.healAll')}
      </button>
      <label className="latency">
        <span>{t('stage.latency')}</span>
        <select
          value={latencyKey}
          disabled={off}
          title={offTitle}
          onChange={(e) => {
            const ms = e.target.value.split('-').map(Number) as [number, number];
            act({ latency: { ms } });
          }}
        >
          {options.map((l) => (
            <option key={l.join('-')} value={l.join('-')}>
              {t('stage.latencyValue', { min: l[0], max: l[1] })}
            </option>
          ))}
        </select>
      </label>
      {group.length > 0 ? (
        <span className="group-bar">
          <span>{t('menu.group', { sids: group.join(', ') })}</span>
          <button type="button" className="btn danger" onClick={onPartition}>
            ∥ {t('menu.partition')}
          </button>
          <button type="button" className="btn" onClick={onClearGroup}>
            {t('menu.clearGroup')}
          </button>
        </span>
      ) : null}
    </div>
  );
}

function StageStatus() {
  const t = useT();
  const { time, flying } = useView((v) => ({
    time: v.t,
    flying: v.inflight.length,
  }));
  const finished = useSim((s) => s.finished);
  const anyUp = useView((v) => v.servers.some((x) => x.up));
  return (
    <div className="stage-status" aria-live="off">
      <span>{t('stage.time', { t: Math.round(time) })}</span>
      <LeaderReadout />
      <span>{t(flying === 1 ? 'present.inflightOne' : 'stage.inflight', { n: flying })}</span>
      {finished ? (
        <span className="finished">{anyUp ? t('controls.finished') : t('controls.idle')}</span>
      ) : null}
    </div>
  );
}

/**
 * The boot hint, in the free middle of the ring: as large as lecture mode asks (`zoom`, its scale),
 * but no larger than that box allows — at 1080p its zoomed text used to lie on the cards.
 */
function StageHint({ free, zoom }: { free: { w: number; h: number }; zoom: number }) {
  const ref = useRef<HTMLDivElement>(null);
  // after every render of the hint (its text, its language): measured only while it is on screen
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    let z = zoom;
    for (let i = 0; i < 12; i++) {
      el.style.setProperty('--hz', z.toFixed(3));
      const r = el.getBoundingClientRect();
      if ((r.height <= free.h && r.width <= free.w + 1) || z <= 0.6) break;
      z = Math.max(0.6, z * Math.min(0.94, Math.sqrt(free.h / Math.max(1, r.height))));
    }
  });
  return <StageHintBody hintRef={ref} />;
}

function StageHintBody({ hintRef }: { hintRef: React.RefObject<HTMLDivElement | null> }) {
  const t = useT();
  const started = useSim((s) => startedSids(s).length);
  // a scenario that starts its servers itself (a preset, a file) only needs to be played
  const scripted = useSim((s) => s.scenario.actions.some((a) => 'start' in a));
  const act = useSim((s) => s.act);
  const play = useSim((s) => s.play);
  const sids = useView((v) => v.servers.map((s) => s.sid));
  if (started > 0) return null;
  if (scripted)
    return (
      <div className="stage-hint" ref={hintRef}>
        <p>{t('scn.hintScripted')}</p>
        <button type="button" className="btn primary big" onClick={() => play()}>
          <PlayIcon /> {t('controls.play')}
        </button>
      </div>
    );
  return (
    <div className="stage-hint" ref={hintRef}>
      <p>{t('stage.hintBoot')}</p>
      <button type="button" className="btn primary big" onClick={() => act({ start: sids })}>
        ▶▶ {t('stage.startAll')}
      </button>
    </div>
  );
}

/** A line of guidance at the bottom of the stage, for the first minutes of a run. */
function StageTip({ asking }: { asking: boolean }) {
  const t = useT();
  // the key of the tip, not the step: re-renders when the tip changes, not at every step
  const tip = useSim((s) => {
    const leader = s.view.leader;
    if (startedSids(s).length > 0 && leader === null && s.view.step < 400) return 'stage.hintStep';
    if (leader !== null && s.view.step < 3000) return 'stage.hintFaults';
    return null;
  });
  // a lesson asks "which server?": say how to answer, where the eye already is
  if (asking) return <p className="stage-tip asking-tip">{t('scn.lesson.clickServer')}</p>;
  return tip ? <p className="stage-tip">{t(tip)}</p> : null;
}

function Legend() {
  const t = useT();
  return (
    <div className="legend" aria-label={t('legend.title')}>
      {FAMILIES.map((f) => (
        <span key={f} className="legend-item" title={FAMILY_TYPES[f].join(', ')}>
          <span className="swatch" style={{ background: FAMILY_COLOR[f] }} aria-hidden="true" />
          {t(`family.${f}`)}
        </span>
      ))}
    </div>
  );
}

export function Stage() {
  const t = useT();
  const canvasRef = useRef<HTMLDivElement>(null);
  const size = useSize(canvasRef);
  const inspecting = useInspect((st) => st.pinned !== null || st.group !== null);
  const showCnx = useCnxUi((st) => st.show);
  const sids = useView((v) => v.servers.map((s) => s.sid));
  const sidsKey = sids.join(',');
  const large = useSession((s) => s.lecture);
  const lectureScale = useLectureScale(large);
  const layout = useMemo(() => {
    const list = sidsKey ? sidsKey.split(',').map(Number) : [];
    // lecture mode: cards and their type grow with the screen (lectureLayout.ts); outside it, a
    // stage as large as a 1080p screen gives (a projector) takes the large cards when they fit
    return large
      ? layoutLecture(list, size.width, size.height, lectureScale)
      : layoutStage(list, size.width, size.height, { large: size.width >= 1000 && size.height >= 640 });
  }, [sidsKey, size.width, size.height, large, lectureScale]);
  const free = useMemo(() => freeCentre(layout), [layout]);
  const chapterPause = useChapterPause() !== null;
  const clientSpots = useClientSpots(layout);
  const clientBoxes = useMemo(() => clientSpots.map((c) => c.box), [clientSpots]);
  const cutList = useView((v) => v.cutLinks.map(([a, b]) => linkKey(a, b)).sort());
  const cutKey = cutList.join(',');
  const cut = useMemo(() => new Set(cutKey ? cutKey.split(',') : []), [cutKey]);
  // no message's name on a cut link's mark (LinkLayer: a circle of r 9 at the link's middle)
  const labelObstacles = useMemo(() => {
    const marks = [...cut].flatMap((key) => {
      const [a, b] = key.split('-').map(Number);
      const pa = layout.pos.get(a);
      const pb = layout.pos.get(b);
      return pa && pb ? [{ x: (pa.x + pb.x) / 2 - 10, y: (pa.y + pb.y) / 2 - 10, w: 20, h: 20 }] : [];
    });
    return [...clientBoxes, ...marks];
  }, [cut, clientBoxes, layout.pos]);
  const [menu, setMenu] = useState<Menu>(null);
  const [group, setGroup] = useState<number[]>([]);
  const select = useSim((s) => s.select);
  const act = useSim((s) => s.act);
  const menuSid = menu?.kind === 'server' ? menu.sid : null;
  const menuUp = useView((v) => (menuSid === null ? false : !!v.servers.find((s) => s.sid === menuSid)?.up));
  const menuStarted = useSim((s) => (menuSid === null ? false : startedSids(s).includes(menuSid)));

  const asking = useAskingServers();
  useStageViews();
  const mode = useStageUi((s) => s.mode);
  const onPickServer = useCallback(
    (sid: number) => {
      // a lesson asking "which server?": the click is the answer
      if (answerByServer(sid)) {
        setMenu(null);
        return;
      }
      select(sid);
      setMenu((m) => (m?.kind === 'server' && m.sid === sid ? null : { kind: 'server', sid }));
    },
    [select],
  );
  const onPickLink = useCallback((a: number, b: number) => {
    setMenu((m) => (m?.kind === 'link' && m.a === a && m.b === b ? null : { kind: 'link', a, b }));
  }, []);
  const toggleGroup = useCallback((sid: number) => {
    setGroup((g) => (g.includes(sid) ? g.filter((x) => x !== sid) : [...g, sid].sort((a, b) => a - b)));
  }, []);
  const partition = useCallback(() => {
    const rest = sids.filter((s) => !group.includes(s));
    if (group.length > 0 && rest.length > 0) act({ partition: [group, rest] });
    setGroup([]);
    // an action closes the menu: it would cover the servers whose reaction is the point
    setMenu(null);
  }, [act, group, sids]);

  // Escape closes menus (the keyboard module handles the other keys)
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setMenu(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  // any action (from a menu, the toolbar, a key) closes the menu: it would cover the servers whose
  // reaction is the point, e.g. a minority leader through a whole re-election
  useEffect(
    () =>
      useSim.subscribe((s, prev) => {
        if (s.recorded !== prev.recorded) setMenu(null);
      }),
    [],
  );

  let menuEl = null;
  if (menu?.kind === 'server') {
    const p = layout.pos.get(menu.sid);
    if (p)
      menuEl = (
        <ServerMenu
          sid={menu.sid}
          x={p.x}
          y={p.y + layout.cardH / 2 + 4}
          bounds={size}
          up={menuUp}
          started={menuStarted}
          inGroup={group.includes(menu.sid)}
          group={group}
          anyCut={cut.size > 0}
          onToggleGroup={toggleGroup}
          onPartition={partition}
          onClose={() => setMenu(null)}
        />
      );
  } else if (menu?.kind === 'link') {
    const pa = layout.pos.get(menu.a);
    const pb = layout.pos.get(menu.b);
    if (pa && pb)
      menuEl = (
        <LinkMenu
          a={menu.a}
          b={menu.b}
          x={(pa.x + pb.x) / 2}
          y={(pa.y + pb.y) / 2 + 8}
          bounds={size}
          isCut={cut.has(linkKey(menu.a, menu.b))}
          onClose={() => setMenu(null)}
        />
      );
  }

  // on a phone the stage's toolbar sits under the ring, near the thumb (narrow.css's breakpoint):
  // placed there in the DOM, not by CSS order, so that Tab reaches the banner and the ring first
  const embed = useSession((s) => s.embed);
  const toolbarBelow = useMediaQuery('(max-width: 600px)') && !large && !embed;
  const toolbar = <StageToolbar group={group} onPartition={partition} onClearGroup={() => setGroup([])} />;

  return (
    <section
      className={['stage', asking ? 'asking' : '', layout.large ? 'large' : ''].filter(Boolean).join(' ')}
      aria-label={t('stage.label')}
      data-asking={asking ?? undefined}
    >
      {toolbarBelow ? null : toolbar}
      <ViolationBanner />
      <div
        className="stage-canvas"
        ref={canvasRef}
        onClick={() => setMenu(null)}
        data-testid="stage"
        style={{ '--cs': layout.scale ?? 1 } as React.CSSProperties}
      >
        <StageStatus />
        {mode === 'log' ? <LogStage /> : null}
        {mode === 'ring' ? (
          <>
            <svg className="stage-svg" width={size.width} height={size.height} aria-hidden="false">
              <LinkLayer
                sids={sids}
                pos={layout.pos}
                cut={cut}
                active={menu?.kind === 'link' ? linkKey(menu.a, menu.b) : null}
                onPick={onPickLink}
              />
              {showCnx ? (
                <Suspense fallback={null}>
                  <CnxLayer pos={layout.pos} cardW={layout.cardW} cardH={layout.cardH} />
                </Suspense>
              ) : null}
              <MessageLayer
                pos={layout.pos}
                cardW={layout.cardW}
                cardH={layout.cardH}
                width={size.width}
                height={size.height}
                obstacles={labelObstacles}
              />
            </svg>
            <div
              className="stage-centre"
              style={{
                left: layout.centre.x,
                top: layout.centre.y,
                width: Math.max(160, Math.min(free.w, layout.radius * 1.2 * lectureScale)),
              }}
            >
              <StageHint free={free} zoom={lectureScale} />
            </div>
            {sids.map((sid) => (
              <ServerSlot
                key={sid}
                sid={sid}
                p={layout.pos.get(sid)!}
                w={layout.cardW}
                h={layout.cardH}
                compact={layout.compact}
                grouped={group.includes(sid)}
                askable={asking !== null && asking.split(',').includes(String(sid))}
                onPick={onPickServer}
              />
            ))}
            <TimerLayer pos={layout.pos} cardW={layout.cardW} cardH={layout.cardH} compact={layout.compact} />
            <ClientLayer spots={clientSpots} pos={layout.pos} />
            {menuEl}
            {inspecting ? (
              <Suspense fallback={null}>
                <MessageInspector bounds={size} pos={layout.pos} cardW={layout.cardW} cardH={layout.cardH} />
              </Suspense>
            ) : null}
          </>
        ) : null}
      </div>
      {toolbarBelow ? toolbar : null}
      <div className="stage-footer">
        {chapterPause && asking === null ? <ChapterNote /> : <StageTip asking={asking !== null} />}
        <Legend />
      </div>
    </section>
  );
}
