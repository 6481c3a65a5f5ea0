/**
 * One server on the stage. Props are primitives so that React.memo skips every card whose data
 * did not change at this step (the view object itself is new each step).
 */
import { memo, useState } from 'react';
import { zxidToEpochCounter, zxidToHex } from '../../zk/viewApi';
import { useT } from '../i18n';
import type { Role } from './palette';
import { ROLE_STYLE } from './palette';
import './readonly.css';

const PHASES = ['ELECTION', 'DISCOVERY', 'SYNCHRONIZATION', 'BROADCAST'] as const;
type Phase = (typeof PHASES)[number];

export interface ServerCardProps {
  sid: number;
  observer: boolean;
  /** the process runs (it may still be booting while its state is DOWN) */
  up: boolean;
  state: Role;
  zabState: Phase;
  acceptedEpoch: number;
  currentEpoch: number;
  logicalClock: number;
  /** lastProcessedZxid (the view's lastLoggedZxid of a running server: what its vote carries) */
  lastZxid: number;
  /** the last txn in its txn log, null when the log is empty */
  logEnd: number | null;
  /** the sync it is receiving (LearnerHandler.syncFollower's decision), '' when none */
  syncMode: string;
  syncZxid: number;
  syncFrom: number;
  /** involved in the violation the stage shows */
  flagged?: boolean;
  /** the zxids of that violation, e.g. "1:3" ('' when none) */
  flagZxids?: string;
  started: boolean;
  /** peers this server cannot reach (cut links), comma separated; '' when none */
  cutFrom: string;
  selected: boolean;
  grouped: boolean;
  /** a lesson asks "which server?" and this one is a possible answer */
  askable?: boolean;
  /** why its last start stopped in the load path (a bad record), '' when it did not */
  refused?: string;
  /** a ReadOnlyZooKeeperServer runs on it (readonlymode.enabled) */
  readOnly?: boolean;
  x: number;
  y: number;
  w: number;
  h: number;
  compact: boolean;
  /** no change animations (fast playback) */
  still: boolean;
  onPick: (sid: number) => void;
}

/**
 * True once `value` has changed since this component mounted. Values on screen when a card first
 * appears (first paint, a new layout, lecture mode) never flash; only later changes do.
 */
function useChangedSinceMount(value: string | number): boolean {
  const [prev, setPrev] = useState(value);
  const [changed, setChanged] = useState(false);
  if (value !== prev) {
    // the previous render's value, kept in state: React re-renders at once with these
    setPrev(value);
    setChanged(true);
  }
  return changed || value !== prev;
}

/**
 * A value that flashes when it changes: keyed by the value, so a new value mounts a new element
 * whose entry animation (CSS, `.flash`) is the flash. Whether it flashes is decided when it mounts:
 * `still` (fast playback) mounts it without, and a later change of `still` never starts an
 * animation on a value already shown.
 */
function Flash({ value, className, still }: { value: string | number; className?: string; still: boolean }) {
  const changed = useChangedSinceMount(value);
  return <FlashOnce key={String(value)} value={value} className={className} animate={changed && !still} />;
}

function FlashOnce({
  value,
  className,
  animate,
}: {
  value: string | number;
  className?: string;
  animate: boolean;
}) {
  const [flash] = useState(animate);
  const cls = [className, flash ? 'flash' : ''].filter(Boolean).join(' ');
  return <span className={cls || undefined}>{value}</span>;
}

/** The role badge; a new role pops in (decided at mount, like Flash). */
function RoleBadge({
  state,
  still,
  color,
  icon,
  title,
}: {
  state: string;
  still: boolean;
  color: string;
  icon: string;
  title: string;
}) {
  const changed = useChangedSinceMount(state);
  return (
    <RoleBadgeOnce
      key={state}
      state={state}
      color={color}
      icon={icon}
      title={title}
      animate={changed && !still}
    />
  );
}

function RoleBadgeOnce({
  state,
  color,
  icon,
  title,
  animate,
}: {
  state: string;
  color: string;
  icon: string;
  title: string;
  animate: boolean;
}) {
  const t = useT();
  const [pop] = useState(animate);
  return (
    <span className={pop ? 'role-badge pop' : 'role-badge'} style={{ backgroundColor: color }} title={title}>
      <span aria-hidden="true" className="role-icon">
        {icon}
      </span>
      {/* ZooKeeper's ServerState names stay as they are; DOWN is ZAB Lab's own, so it is translated */}
      {state === 'DOWN' ? t('present.badge.DOWN') : state}
    </span>
  );
}

/** A refusal in a card's few characters: "CRC 1:2" (epoch:counter, as the card writes zxids), else the
 *  store and key, else the start. */
function shortRefusal(reason: string): string {
  const zxid = /zxid (0x[0-9a-f]+)/.exec(reason)?.[1];
  if (/CRC/.test(reason)) return zxid ? `CRC ${zxidToEpochCounter(parseInt(zxid, 16))}` : 'CRC';
  const key = /store "(\w+)", key ([^:]+)/.exec(reason);
  return key ? `${key[1]} ${key[2]}` : reason;
}

function ServerCardImpl(p: ServerCardProps) {
  const t = useT();
  const role = ROLE_STYLE[p.state];
  const down = p.state === 'DOWN';
  const phaseIndex = PHASES.indexOf(p.zabState);
  const refused = down && !p.up && p.refused ? p.refused : '';
  const status = !down
    ? null
    : p.up
      ? t('server.booting')
      : refused
        ? t('storage.card.refused')
        : p.started
          ? t('server.crashed')
          : t('server.notStarted');
  const classes = ['server-card', `role-${p.state.toLowerCase()}`];
  if (p.selected) classes.push('selected');
  if (p.grouped) classes.push('grouped');
  if (p.askable) classes.push('askable');
  if (p.flagged) classes.push('violation');
  if (p.compact) classes.push('compact');
  if (down) classes.push('down');
  if (refused) classes.push('refused');
  return (
    <button
      type="button"
      className={classes.join(' ')}
      data-sid={p.sid}
      data-role={p.state}
      data-phase={p.zabState}
      data-epoch={p.currentEpoch}
      style={{ left: p.x - p.w / 2, top: p.y - p.h / 2, width: p.w, height: p.h, borderColor: role.color }}
      aria-pressed={p.selected}
      aria-label={`${t('server.name', { sid: p.sid })}: ${p.state} (${t(`role.${p.state}`)})${
        status ? `, ${status}` : ''
      }${p.readOnly && !down ? `, ${t('readonly.badge')}` : ''}`}
      onClick={(e) => {
        e.stopPropagation();
        p.onPick(p.sid);
      }}
    >
      <span className="card-head">
        <span className="sid" title={t('server.name', { sid: p.sid })}>
          {p.sid}
        </span>
        <RoleBadge
          state={p.state}
          still={p.still}
          color={role.color}
          icon={role.icon}
          title={t(`role.${p.state}`)}
        />
        {p.readOnly && !down ? (
          <span
            className="ro-chip"
            data-testid={`card-readonly-${p.sid}`}
            title={t('readonly.badge.title', { sid: p.sid })}
          >
            {t('readonly.badge')}
          </span>
        ) : null}
        {p.flagged && p.flagZxids && !p.compact ? (
          <span className="violation-chip" title={t('logview.card.flagTitle', { zxids: p.flagZxids })}>
            ⚠ {p.flagZxids}
          </span>
        ) : null}
      </span>
      {p.compact && p.flagged && p.flagZxids ? (
        <span className="violation-chip line" title={t('logview.card.flagTitle', { zxids: p.flagZxids })}>
          ⚠ {p.flagZxids}
        </span>
      ) : null}
      {p.compact && (p.syncMode || (p.flagged && p.flagZxids)) ? null : (
        // a compact card has one line for the role's gloss, the violation or the sync it receives
        <span className="role-gloss">
          {status ?? t(`role.${p.state}`)}
          {p.observer ? ` · ${t('server.observer')}` : ''}
        </span>
      )}
      {refused ? (
        <span
          className="flag refused"
          data-testid={`card-refused-${p.sid}`}
          title={t('storage.card.refusedTitle', { sid: p.sid, reason: refused })}
        >
          ✖ {shortRefusal(refused)}
        </span>
      ) : null}
      {down ? null : (
        <>
          <span className="phase" title={`${t('server.phase')}: ${t(`phase.${p.zabState}`)}`}>
            <span className="phase-bar" aria-hidden="true">
              {PHASES.map((ph, i) => (
                <span key={ph} className={i <= phaseIndex ? 'on' : ''} />
              ))}
            </span>
            <span className="phase-name">{p.zabState}</span>
          </span>
          <span className="row" title="acceptedEpoch / currentEpoch">
            <span className="k">{t(p.compact ? 'server.epochShort' : 'server.epochs')}</span>
            <span className="v">
              <Flash value={p.acceptedEpoch} still={p.still} /> /{' '}
              <Flash value={p.currentEpoch} still={p.still} />
            </span>
          </span>
          <span
            className="row"
            title={`${t('logview.card.processedTitle', {
              hex: zxidToHex(p.lastZxid),
              epoch: p.currentEpoch,
            })}\n${t('logview.card.logEndTitle', {
              zxid: p.logEnd === null ? t('logview.card.logEmpty') : zxidToHex(p.logEnd),
            })}`}
            data-processed={zxidToHex(p.lastZxid)}
            data-log-end={p.logEnd === null ? '' : zxidToHex(p.logEnd)}
          >
            {/* "zxid proc/log" like "epoch acc/cur": lastProcessedZxid / the txn log's last txn */}
            <span className="k">{t(p.compact ? 'logview.card.processed' : 'logview.card.procLog')}</span>
            <span className="v">
              <Flash value={zxidToEpochCounter(p.lastZxid)} still={p.still} />
              {p.compact ? null : (
                <>
                  {' / '}
                  {p.logEnd === null ? t('logview.card.logEmpty') : zxidToEpochCounter(p.logEnd)}
                </>
              )}
            </span>
          </span>
          {p.syncMode ? (
            <span
              className={`flag syncing sync-${p.syncMode.replace('+', '')}`}
              data-testid={`card-sync-${p.sid}`}
              title={t('logview.card.sync', {
                mode: p.syncMode,
                zxid: zxidToEpochCounter(p.syncZxid),
                leader: p.syncFrom,
              })}
            >
              {t(p.compact ? 'logview.card.syncShort' : 'logview.card.sync', {
                mode: p.syncMode,
                zxid: zxidToEpochCounter(p.syncZxid),
                leader: p.syncFrom,
              })}
            </span>
          ) : p.compact ? null : (
            <span className="row" title="logicalclock">
              <span className="k">{t('server.round')}</span>
              <span className="v">
                <Flash value={p.logicalClock} still={p.still} />
              </span>
            </span>
          )}
        </>
      )}
      {p.cutFrom ? (
        <span className="flag partitioned" title={t('server.partitioned')}>
          <span aria-hidden="true">∥ </span>
          {t('server.cutFrom', { sids: p.cutFrom })}
        </span>
      ) : null}
    </button>
  );
}

export const ServerCard = memo(ServerCardImpl);
