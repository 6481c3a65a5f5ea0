/**
 * One server on the stage. Props are primitives so that React.memo skips every card whose data
 * did not change at this step (the view object itself is new each step).
 */
import { memo } from 'react';
import { motion } from 'motion/react';
import { zxidToEpochCounter, zxidToHex } from '../../zk/Zxid';
import { useT } from '../i18n';
import type { Role } from './palette';
import { ROLE_STYLE } from './palette';

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
  lastZxid: number;
  started: boolean;
  /** peers this server cannot reach (cut links), comma separated; '' when none */
  cutFrom: string;
  selected: boolean;
  grouped: boolean;
  x: number;
  y: number;
  w: number;
  h: number;
  compact: boolean;
  /** no change animations (fast playback) */
  still: boolean;
  onPick: (sid: number) => void;
}

/** Values on screen when the stage first appears do not flash; only later changes do. */
let flashes = false;
export function enableFlashes(): void {
  flashes = true;
}

const FLASH_FROM = { scale: 1.3, backgroundColor: 'rgba(240, 228, 66, 0.9)' };
const FLASH_TO = { scale: 1, backgroundColor: 'rgba(240, 228, 66, 0)' };

/**
 * A value that flashes when it changes: keyed by the value, so a new value mounts a new element
 * whose entry animation is the flash. `still` (fast playback) mounts it without the flash.
 */
function Flash({ value, className, still }: { value: string | number; className?: string; still: boolean }) {
  return (
    <motion.span
      key={String(value)}
      className={className}
      initial={still || !flashes ? false : FLASH_FROM}
      animate={FLASH_TO}
      transition={{ duration: 0.6, ease: 'easeOut' }}
    >
      {value}
    </motion.span>
  );
}

function ServerCardImpl(p: ServerCardProps) {
  const t = useT();
  const role = ROLE_STYLE[p.state];
  const down = p.state === 'DOWN';
  const phaseIndex = PHASES.indexOf(p.zabState);
  const status = !down
    ? null
    : p.up
      ? t('server.booting')
      : p.started
        ? t('server.crashed')
        : t('server.notStarted');
  const classes = ['server-card', `role-${p.state.toLowerCase()}`];
  if (p.selected) classes.push('selected');
  if (p.grouped) classes.push('grouped');
  if (p.compact) classes.push('compact');
  if (down) classes.push('down');
  return (
    <motion.button
      type="button"
      className={classes.join(' ')}
      data-sid={p.sid}
      data-role={p.state}
      data-phase={p.zabState}
      data-epoch={p.currentEpoch}
      style={{ left: p.x - p.w / 2, top: p.y - p.h / 2, width: p.w, height: p.h }}
      animate={{ borderColor: role.color }}
      transition={{ duration: 0.4 }}
      aria-pressed={p.selected}
      aria-label={`${t('server.name', { sid: p.sid })}: ${p.state} (${t(`role.${p.state}`)})${
        status ? `, ${status}` : ''
      }`}
      onClick={(e) => {
        e.stopPropagation();
        p.onPick(p.sid);
      }}
    >
      <span className="card-head">
        <span className="sid" title={t('server.name', { sid: p.sid })}>
          {p.sid}
        </span>
        <motion.span
          key={p.state}
          className="role-badge"
          style={{ backgroundColor: role.color }}
          initial={p.still || !flashes ? false : { scale: 0.6, opacity: 0.3 }}
          animate={{ scale: 1, opacity: 1 }}
          transition={{ duration: 0.35 }}
          title={t(`role.${p.state}`)}
        >
          <span aria-hidden="true" className="role-icon">
            {role.icon}
          </span>
          {p.state}
        </motion.span>
      </span>
      <span className="role-gloss">
        {status ?? t(`role.${p.state}`)}
        {p.observer ? ` · ${t('server.observer')}` : ''}
      </span>
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
          <span className="row" title={`lastLoggedZxid ${zxidToHex(p.lastZxid)}`}>
            <span className="k">{t(p.compact ? 'server.zxidShort' : 'server.lastZxid')}</span>
            <span className="v">
              <Flash value={zxidToEpochCounter(p.lastZxid)} still={p.still} />
              {p.compact ? null : <span className="hex"> {zxidToHex(p.lastZxid)}</span>}
            </span>
          </span>
          {p.compact ? null : (
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
    </motion.button>
  );
}

export const ServerCard = memo(ServerCardImpl);
