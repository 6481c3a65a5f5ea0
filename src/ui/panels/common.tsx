/** Pieces shared by the panels: the server picker, empty states, sid slots, badges. */
import { useEffect, useState, type ReactNode, type RefObject } from 'react';
import type { ServerView } from '../../zk/view';
import { useT, type TFunction } from '../i18n';
import { usePanelSim } from '../readingRate';

/** The server the panels describe: the selected one, else the first. */
export function useSelectedServer(): ServerView | null {
  return usePanelSim((s) => {
    const servers = s.view.servers;
    return servers.find((x) => x.sid === s.selectedSid) ?? servers[0] ?? null;
  });
}

/** A row of buttons, one per server, showing its role; selecting one selects it app-wide. */
export function ServerPicker({ label }: { label?: string }) {
  const t = useT();
  const servers = usePanelSim((s) => s.view.servers);
  const selected = useSelectedServer();
  const select = usePanelSim((s) => s.select);
  if (servers.length === 0) return null;
  return (
    <div className="zp-picker" role="group" aria-label={label ?? t('panels.picker.label')}>
      <span className="zp-picker-label">{label ?? t('panels.picker.label')}</span>
      {servers.map((s) => (
        <button
          key={s.sid}
          type="button"
          className="zp-sbtn"
          aria-pressed={selected?.sid === s.sid}
          onClick={() => select(s.sid)}
          title={t('panels.picker.title', { sid: s.sid, state: stateName(t, s.state) })}
        >
          <span>{t('panels.sid', { sid: s.sid })}</span>
          <span className="zp-role">
            {roleIcon(s.state)} {stateName(t, s.state)}
            {s.observer ? ` · ${t('panels.observer')}` : ''}
          </span>
        </button>
      ))}
    </div>
  );
}

export function roleIcon(state: ServerView['state']): string {
  switch (state) {
    case 'LEADING':
      return '★';
    case 'FOLLOWING':
      return '●';
    case 'LOOKING':
      return '?';
    case 'OBSERVING':
      return '◐';
    default:
      return '✕';
  }
}

/**
 * A server state as the panels name it: ZooKeeper's own names (LOOKING, FOLLOWING, …) as they are,
 * so a student finds them in the code and the logs; DOWN, which is not ZooKeeper's, in words.
 */
export function stateName(t: TFunction, state: ServerView['state']): string {
  return state === 'DOWN' ? t('present.badge.DOWN') : state;
}

export function StateBadge({ state }: { state: ServerView['state'] }) {
  const t = useT();
  return (
    <span className={`zp-badge zp-${state}`}>
      <span aria-hidden="true">{roleIcon(state)}</span>
      {stateName(t, state)}
    </span>
  );
}

/** A friendly empty state: what is missing and what to do. */
export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="zp-empty" role="status">
      <strong>{title}</strong>
      {children && <span>{children}</span>}
    </div>
  );
}

/** One slot per voter; counted ones are filled and ticked. */
export function Slots({
  sids,
  on,
  label,
}: {
  sids: readonly number[];
  on: readonly number[];
  label: string;
}) {
  const t = useT();
  const set = new Set(on);
  return (
    <span className="zp-slots" role="list" aria-label={label}>
      {sids.map((sid) => (
        <span
          key={sid}
          role="listitem"
          className={`zp-slot${set.has(sid) ? ' zp-on' : ''}`}
          title={set.has(sid) ? t('panels.slot.on', { sid }) : t('panels.slot.off', { sid })}
        >
          {set.has(sid) ? '✓' : ''}
          {sid}
        </span>
      ))}
    </span>
  );
}

/** "3 / 3 needed" with a good badge when the quorum is reached. */
export function QuorumCount({ count, needed }: { count: number; needed: number }) {
  const t = useT();
  const ok = count >= needed;
  return (
    <span className={`zp-badge ${ok ? 'zp-good' : 'zp-warn'}`}>
      {ok ? '✓ ' : ''}
      {t(ok ? 'panels.quorum.reached' : 'panels.quorum.count', { count, needed })}
    </span>
  );
}

/** Width of an element, kept up to date. */
export function useWidth(ref: RefObject<HTMLElement | null>, fallback = 600): number {
  const [w, setW] = useState(fallback);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    setW(el.clientWidth || fallback);
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver((entries) => {
      for (const e of entries) setW(Math.max(1, Math.floor(e.contentRect.width)));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref, fallback]);
  return w;
}

/** True when no server process has ever been started (the app opens like that). */
export function useNothingRunning(): boolean {
  return usePanelSim((s) => s.view.servers.every((x) => !x.up));
}
