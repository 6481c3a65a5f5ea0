/**
 * Lecture mode's stage layout: large cards, grown with the screen (`maxScale`, see ../lectureScale.ts)
 * as far as the stage allows, on an ellipse that uses a wide stage's width (a circle is limited by
 * the height, and a projector is 16:9). When the large card does not fit (seven or nine servers),
 * compact cards scaled the same way; the ordinary layout only when even those do not fit.
 */
import { layoutStage, unitCircle, type Point, type StageLayout } from './layout';

/** room around the cards (the laser pointer's ring and the selection ring are drawn outside them) */
const MARGIN = 14;
const GAP = 8;
/** the large card at scale 1 (wider than layout.ts's LARGE: the rows are not cut short) */
const LARGE = { w: 250, h: 178 };
/** an ellipse no flatter than this (wider is harder to follow from card to card) */
const MAX_ASPECT = 1.8;

function placeOnEllipse(unit: readonly Point[], width: number, height: number, w: number, h: number) {
  const xs = unit.map((u) => u.x);
  const ys = unit.map((u) => u.y);
  const minX = Math.min(0, ...xs);
  const maxX = Math.max(0, ...xs);
  const minY = Math.min(0, ...ys);
  const maxY = Math.max(0, ...ys);
  const ry = (height - h - 2 * MARGIN) / Math.max(maxY - minY, 1e-6);
  const rx = Math.min((width - w - 2 * MARGIN) / Math.max(maxX - minX, 1e-6), ry * MAX_ASPECT);
  const centre = { x: width / 2 - ((minX + maxX) / 2) * rx, y: height / 2 - ((minY + maxY) / 2) * ry };
  const pos = unit.map((u) => ({ x: centre.x + rx * u.x, y: centre.y + ry * u.y }));
  return { rx, ry, centre, pos };
}

function overlaps(pos: readonly Point[], w: number, h: number): boolean {
  for (let i = 0; i < pos.length; i++)
    for (let j = i + 1; j < pos.length; j++)
      if (Math.abs(pos[i].x - pos[j].x) < w + GAP && Math.abs(pos[i].y - pos[j].y) < h + GAP) return true;
  return false;
}

/**
 * Many servers: compact cards (fewer rows, layout.ts's COMPACT) whose type is scaled further, so
 * seven or nine servers still read from the back (compact type is 11 px at scale 1).
 */
const COMPACT = { w: 130, h: 100 };
const COMPACT_BOOST = 1.4;

/** The largest card of `base` size, scaled from `top` down to 1, that fits without overlaps. */
function fitCards(
  sids: readonly number[],
  width: number,
  height: number,
  base: { w: number; h: number },
  top: number,
  compact: boolean,
): StageLayout | null {
  const unit = unitCircle(sids.length);
  for (let s = Math.max(1, top); s >= 1; s = Math.round((s - 0.05) * 100) / 100) {
    const w = Math.round(base.w * s);
    const h = Math.round(base.h * s);
    const e = placeOnEllipse(unit, width, height, w, h);
    if (e.ry <= 0 || e.rx <= 0 || overlaps(e.pos, w, h)) continue;
    const pos = new Map<number, Point>();
    sids.forEach((sid, i) => pos.set(sid, e.pos[i]));
    return {
      width,
      height,
      cardW: w,
      cardH: h,
      compact,
      large: true,
      scale: s,
      centre: e.centre,
      radius: Math.min(e.rx, e.ry),
      pos,
    };
  }
  return null;
}

export function layoutLecture(
  sids: readonly number[],
  width: number,
  height: number,
  maxScale: number,
): StageLayout {
  return (
    fitCards(sids, width, height, LARGE, maxScale, false) ??
    fitCards(sids, width, height, COMPACT, maxScale * COMPACT_BOOST, true) ??
    layoutStage(sids, width, height, { large: true })
  );
}
