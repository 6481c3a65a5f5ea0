/**
 * Lecture mode's stage layout: large cards, grown with the screen (`maxScale`, see ../lectureScale.ts)
 * as far as the stage allows, on an ellipse that uses a wide stage's width (a circle is limited by
 * the height, and a projector is 16:9). Falls back to the ordinary layout (compact cards) when even
 * the 1280×720 large card does not fit, e.g. nine servers.
 */
import { layoutStage, unitCircle, type Point, type StageLayout } from './layout';

const MARGIN = 8;
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

export function layoutLecture(
  sids: readonly number[],
  width: number,
  height: number,
  maxScale: number,
): StageLayout {
  const unit = unitCircle(sids.length);
  for (let s = Math.max(1, maxScale); s >= 1; s = Math.round((s - 0.05) * 100) / 100) {
    const w = Math.round(LARGE.w * s);
    const h = Math.round(LARGE.h * s);
    const e = placeOnEllipse(unit, width, height, w, h);
    if (e.ry <= 0 || e.rx <= 0 || overlaps(e.pos, w, h)) continue;
    const pos = new Map<number, Point>();
    sids.forEach((sid, i) => pos.set(sid, e.pos[i]));
    return {
      width,
      height,
      cardW: w,
      cardH: h,
      compact: false,
      large: true,
      scale: s,
      centre: e.centre,
      radius: Math.min(e.rx, e.ry),
      pos,
    };
  }
  return layoutStage(sids, width, height, { large: true });
}
