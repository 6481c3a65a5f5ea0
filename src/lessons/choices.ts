/**
 * Choice builders shared by the lessons, so that every label follows one key scheme:
 * servers `lessons.choice.server` {sid}, sync modes `lessons.choice.mode.<MODE>`, zxids
 * `lessons.choice.zxid` {zxid}, durations `lessons.choice.ms` {ms}, and lesson-specific texts
 * `lessons.<lesson>.<step>.choice.<id>`.
 *
 * Pure.
 */
import type { Choice } from './engine';

export function serverChoices(sids: number[]): Choice[] {
  return sids.map((sid) => ({
    id: `s${sid}`,
    labelKey: 'lessons.choice.server',
    labelParams: { sid },
    kind: 'server',
    value: sid,
  }));
}

export const SYNC_MODES = ['DIFF', 'TRUNC', 'SNAP'] as const;

export function modeChoices(): Choice[] {
  return SYNC_MODES.map((m) => ({ id: m, labelKey: `lessons.choice.mode.${m}`, kind: 'mode', value: m }));
}

export function zxidChoices(zxids: string[]): Choice[] {
  return zxids.map((zxid) => ({
    id: zxid,
    labelKey: 'lessons.choice.zxid',
    labelParams: { zxid },
    kind: 'text',
    value: zxid,
  }));
}

export function msChoices(values: number[]): Choice[] {
  return values.map((ms) => ({
    id: `ms${ms}`,
    labelKey: 'lessons.choice.ms',
    labelParams: { ms },
    kind: 'text',
    value: ms,
  }));
}

/** Lesson-specific text choices: label key lessons.<lesson>.<step>.choice.<id>. */
export function textChoices(
  lesson: string,
  step: string,
  list: [id: string, value: string | number][],
): Choice[] {
  return list.map(([id, value]) => ({
    id,
    labelKey: `lessons.${lesson}.${step}.choice.${id}`,
    kind: 'text',
    value,
  }));
}
