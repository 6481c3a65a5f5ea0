/** The small menus that open on a server or a link: every fault goes through `act(...)`. */
import { useEffect, useRef, type ReactNode } from 'react';
import { useT } from '../i18n';
import { useLectureScale } from '../lectureScale';
import { useSession } from '../session';
import { useSim } from '../store';
import { useTakenOver } from '../TakenOverNote';
import { useCnxUi } from './cnxUi';

function Popover({
  x,
  y,
  bounds,
  title,
  onClose,
  children,
}: {
  x: number;
  y: number;
  bounds: { width: number; height: number };
  title: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLButtonElement>('button.menu-item')?.focus();
  }, []);
  // lecture mode: the menu grows with the screen like the cards it opens on (lectureScale.ts)
  const k = useLectureScale(useSession((st) => st.lecture));
  const w = 220 * k;
  const left = Math.max(4, Math.min(x - w / 2, bounds.width - w - 4));
  const top = Math.max(4, Math.min(y, bounds.height - 200 * k));
  return (
    <div
      ref={ref}
      className="popover"
      role="menu"
      aria-label={title}
      style={{ left, top, width: w, fontSize: k > 1 ? 14 * k : undefined }}
      onClick={(e) => e.stopPropagation()}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <div className="popover-head">
        <strong>{title}</strong>
        <button type="button" className="icon-button" aria-label={t('menu.close')} onClick={onClose}>
          ×
        </button>
      </div>
      {children}
    </div>
  );
}

function Item({ onClick, children, danger }: { onClick: () => void; children: ReactNode; danger?: boolean }) {
  const t = useT();
  // another tab runs this ensemble now: an action here would reach no worker
  const off = useTakenOver() !== null;
  return (
    <button
      type="button"
      role="menuitem"
      className={`menu-item${danger ? ' danger' : ''}`}
      onClick={onClick}
      disabled={off}
      title={off ? t('storage2.takenOver.off') : undefined}
    >
      {children}
    </button>
  );
}

export function ServerMenu({
  sid,
  x,
  y,
  bounds,
  up,
  started,
  inGroup,
  group,
  anyCut,
  onToggleGroup,
  onPartition,
  onClose,
}: {
  sid: number;
  x: number;
  y: number;
  bounds: { width: number; height: number };
  up: boolean;
  started: boolean;
  inGroup: boolean;
  group: number[];
  anyCut: boolean;
  onToggleGroup: (sid: number) => void;
  onPartition: () => void;
  onClose: () => void;
}) {
  const t = useT();
  const act = useSim((s) => s.act);
  const done = (f: () => void) => () => {
    f();
    onClose();
  };
  return (
    <Popover x={x} y={y} bounds={bounds} title={t('menu.title', { sid })} onClose={onClose}>
      {up ? (
        <Item danger onClick={done(() => act({ crash: [sid] }))}>
          ✕ {t('menu.crash')}
        </Item>
      ) : started ? (
        <Item onClick={done(() => act({ restart: [sid] }))}>↻ {t('menu.restart')}</Item>
      ) : (
        <Item onClick={done(() => act({ start: [sid] }))}>▶ {t('menu.start')}</Item>
      )}
      <Item onClick={() => onToggleGroup(sid)}>
        {inGroup ? '− ' + t('menu.removeFromGroup') : '+ ' + t('menu.addToGroup')}
      </Item>
      {group.length > 0 ? (
        <Item onClick={done(onPartition)}>
          ∥ {t('menu.partition')} ({group.join(', ')})
        </Item>
      ) : null}
      {anyCut ? <Item onClick={done(() => act({ heal: true }))}>⟲ {t('menu.healAll')}</Item> : null}
    </Popover>
  );
}

export function LinkMenu({
  a,
  b,
  x,
  y,
  bounds,
  isCut,
  onClose,
}: {
  a: number;
  b: number;
  x: number;
  y: number;
  bounds: { width: number; height: number };
  isCut: boolean;
  onClose: () => void;
}) {
  const t = useT();
  const act = useSim((s) => s.act);
  const cnx = useCnxUi();
  const done = (f: () => void) => () => {
    f();
    onClose();
  };
  return (
    <Popover x={x} y={y} bounds={bounds} title={t('link.title', { a, b })} onClose={onClose}>
      {isCut ? (
        <Item onClick={done(() => act({ uncut: [a, b] }))}>⟲ {t('link.heal')}</Item>
      ) : (
        <Item danger onClick={done(() => act({ cut: [a, b] }))}>
          ✂ {t('link.cut')}
        </Item>
      )}
      <Item onClick={done(() => act({ drop: { from: a, to: b } }))}>
        {t('link.drop', { from: a, to: b })}
      </Item>
      <Item onClick={done(() => act({ drop: { from: b, to: a } }))}>
        {t('link.drop', { from: b, to: a })}
      </Item>
      <Item onClick={done(() => cnx.setShow(!cnx.show))}>
        ⇄ {t(cnx.show ? 'cnx.menu.hide' : 'cnx.menu.show')}
      </Item>
    </Popover>
  );
}
