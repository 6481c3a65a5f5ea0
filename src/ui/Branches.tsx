/**
 * The history's branches, beside the transport: shown once acting at a past step has started a
 * branch (the old future is kept), with a choice of branch and an Undo (Ctrl+Z / ⌘Z). Each branch
 * is named by the step it started at and the action that started it.
 */
import type { BranchInfo } from '../engine';
import type { UserAction } from '../sim/SimulationApi';
import { visible } from '../share/visible';
import { useT, type TFunction } from './i18n';
import { useSim } from './store';
import './branches.css';

const sids = (xs: readonly number[]) => xs.map((x) => `S${x}`).join(', ');

/** An action in a few words. */
function describe(a: UserAction, t: TFunction): string {
  if ('start' in a) return t('engine.act.start', { sids: sids(a.start) });
  if ('crash' in a) return t('engine.act.crash', { sids: sids(a.crash) });
  if ('restart' in a) return t('engine.act.restart', { sids: sids(a.restart) });
  if ('partition' in a)
    return t('engine.act.partition', { groups: a.partition.map((g) => `{${sids(g)}}`).join(' ') });
  if ('heal' in a) return t('engine.act.heal');
  if ('cut' in a) return t('engine.act.cut', { a: `S${a.cut[0]}`, b: `S${a.cut[1]}` });
  if ('uncut' in a) return t('engine.act.uncut', { a: `S${a.uncut[0]}`, b: `S${a.uncut[1]}` });
  if ('drop' in a) return t('engine.act.drop', { from: `S${a.drop.from}`, to: `S${a.drop.to}` });
  if ('latency' in a) return t('engine.act.latency', { lo: a.latency.ms[0], hi: a.latency.ms[1] });
  if ('client' in a) return t('engine.act.client', { id: visible(a.client.id), cmd: visible(a.client.cmd) });
  if ('crashOn' in a) return t('engine.act.crashOn', { sid: `S${a.crashOn.sid}`, after: a.crashOn.after });
  if ('wipe' in a) return t('engine.act.wipe', { sid: `S${a.wipe.sid}` });
  if ('corrupt' in a) return t('engine.act.corrupt', { sid: `S${a.corrupt.sid}`, zxid: a.corrupt.zxid });
  return t('engine.act.other');
}

export function branchLabel(b: BranchInfo, t: TFunction): string {
  const steps = b.horizon;
  if (b.parent === null) return t('engine.branches.main', { steps });
  if (!b.first) return t('engine.branches.fork', { step: b.forkStep, steps });
  return t('engine.branches.from', { step: b.forkStep, what: describe(b.first.action, t), steps });
}

export function Branches() {
  const t = useT();
  const branches = useSim((s) => s.branches);
  const branch = useSim((s) => s.branch);
  const canUndo = useSim((s) => s.canUndo);
  const off = useSim((s) => Boolean(s.runtime.takenOver));
  const { switchBranch, undo } = useSim.getState();
  if (branches.length < 2) return null;
  return (
    <div className="branches" data-testid="branches">
      {branches.length > 1 ? (
        <label title={t('engine.branches.hint')}>
          <span className="lbl">{t('engine.branches.count', { n: branches.length })}</span>
          <select
            value={branch}
            disabled={off}
            aria-label={t('engine.branches.label')}
            onChange={(e) => switchBranch(Number(e.target.value))}
          >
            {branches.map((b) => (
              <option key={b.id} value={b.id}>
                {branchLabel(b, t)}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <button
        type="button"
        className="btn"
        onClick={() => undo()}
        disabled={!canUndo || off}
        title={t('engine.undo.hint')}
        data-testid="undo"
      >
        {t('engine.undo')}
      </button>
    </div>
  );
}
