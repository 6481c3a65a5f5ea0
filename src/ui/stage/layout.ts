/** Where things sit on the stage: servers around a circle, messages along the lines between them. */
export interface Point {
  x: number;
  y: number;
}

export interface StageLayout {
  width: number;
  height: number;
  /** card size in px */
  cardW: number;
  cardH: number;
  compact: boolean;
  /** lecture mode's large cards */
  large: boolean;
  /** lecture mode: the cards' size (and type, CSS `--cs`) relative to the large card; else 1 */
  scale?: number;
  centre: Point;
  radius: number;
  /** sid → centre of its card */
  pos: Map<number, Point>;
}

const MARGIN = 8;
const GAP = 6;
const FULL = { w: 184, h: 146 };
/** lecture mode's cards, for large type on a projector, when the stage has the room */
const LARGE = { w: 226, h: 178 };
const COMPACT = { w: 120, h: 96 };

/** Unit-circle places: evenly around, the first at the top, clockwise. */
export function unitCircle(n: number): Point[] {
  // a linear map [0, n] → [-π/2, 3π/2] (d3-scale's scaleLinear would bring d3-interpolate,
  // -format and -color into the first screen's JS for one line of arithmetic)
  const angle = (i: number) => -Math.PI / 2 + (i / Math.max(1, n)) * 2 * Math.PI;
  return Array.from({ length: n }, (_, i) => ({ x: Math.cos(angle(i)), y: Math.sin(angle(i)) }));
}

/** The smallest radius at which no two w×h cards centred on `unit`·r overlap. */
function radiusWithoutOverlap(unit: readonly Point[], w: number, h: number): number {
  let r = 0;
  for (let i = 0; i < unit.length; i++)
    for (let j = i + 1; j < unit.length; j++) {
      const dx = Math.abs(unit[i].x - unit[j].x);
      const dy = Math.abs(unit[i].y - unit[j].y);
      const need = Math.min(dx > 1e-9 ? (w + GAP) / dx : Infinity, dy > 1e-9 ? (h + GAP) / dy : Infinity);
      r = Math.max(r, need);
    }
  return r;
}

/** The stage header's corner (virtual time, who leads, messages in flight, the run's end). */
export const STATUS_CORNER = { w: 170, h: 66 };

/**
 * Servers around a circle as large as the stage allows with the cards inside it, centred on the
 * cards' bounding box (an odd number of servers is not symmetric top to bottom). Cards are full
 * size when they fit without overlapping, else compact, else compact and smaller still. A card
 * that would lie on the stage header in the top-left corner (seven or nine servers on a small
 * stage: a phone) moves the ring down below it, in the height that leaves.
 */
export function layoutStage(
  sids: readonly number[],
  width: number,
  height: number,
  opts: { large?: boolean; corner?: { w: number; h: number } } = {},
): StageLayout {
  const first = placeRing(sids, width, height, opts);
  const corner = opts.corner ?? STATUS_CORNER;
  const onCorner = [...first.pos.values()].some(
    (p) => p.x - first.cardW / 2 < corner.w && p.y - first.cardH / 2 < corner.h,
  );
  if (!onCorner || height - corner.h < 120) return first;
  const below = placeRing(sids, width, height - corner.h, opts);
  const pos = new Map<number, Point>();
  for (const [sid, p] of below.pos) pos.set(sid, { x: p.x, y: p.y + corner.h });
  return { ...below, height, centre: { x: below.centre.x, y: below.centre.y + corner.h }, pos };
}

function placeRing(
  sids: readonly number[],
  width: number,
  height: number,
  opts: { large?: boolean },
): StageLayout {
  const unit = unitCircle(sids.length);
  const minX = Math.min(0, ...unit.map((u) => u.x));
  const maxX = Math.max(0, ...unit.map((u) => u.x));
  const minY = Math.min(0, ...unit.map((u) => u.y));
  const maxY = Math.max(0, ...unit.map((u) => u.y));
  const spanX = Math.max(maxX - minX, 1e-6);
  const spanY = Math.max(maxY - minY, 1e-6);
  const fit = (w: number, h: number) =>
    Math.min((width - w - 2 * MARGIN) / spanX, (height - h - 2 * MARGIN) / spanY);
  const fits = (w: number, h: number) => fit(w, h) >= radiusWithoutOverlap(unit, w, h);

  let card = opts.large && fits(LARGE.w, LARGE.h) ? LARGE : FULL;
  let compact = false;
  if (width < 640 || height < 440 || !fits(FULL.w, FULL.h)) {
    compact = true;
    card = COMPACT;
    for (let s = 0.95; s >= 0.6 && !fits(card.w, card.h); s -= 0.05)
      card = { w: Math.round(COMPACT.w * s), h: Math.round(COMPACT.h * s) };
  }
  const radius = Math.max(40, fit(card.w, card.h));
  const centre = {
    x: width / 2 - ((minX + maxX) / 2) * radius,
    y: height / 2 - ((minY + maxY) / 2) * radius,
  };
  const pos = new Map<number, Point>();
  sids.forEach((sid, i) => {
    pos.set(sid, { x: centre.x + radius * unit[i].x, y: centre.y + radius * unit[i].y });
  });
  return { width, height, cardW: card.w, cardH: card.h, compact, large: card === LARGE, centre, radius, pos };
}

/** How far along its trip a message is at virtual time `t` (0 at send, 1 at delivery). */
export function progress(t: number, sentAt: number, deliverAt: number): number {
  if (deliverAt <= sentAt) return t >= deliverAt ? 1 : 0;
  return Math.min(1, Math.max(0, (t - sentAt) / (deliverAt - sentAt)));
}

/**
 * The point of a message between two servers: along the line from the sender's card edge to the
 * receiver's, shifted sideways so the two directions of one link don't overlap.
 */
export function messagePoint(a: Point, b: Point, f: number, inset: number, side: number): Point {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len = Math.hypot(dx, dy) || 1;
  const ux = dx / len;
  const uy = dy / len;
  const span = Math.max(0, len - 2 * inset);
  const d = inset + f * span;
  return { x: a.x + ux * d - uy * side, y: a.y + uy * d + ux * side };
}

/** Key of an undirected link. */
export function linkKey(a: number, b: number): string {
  return a < b ? `${a}-${b}` : `${b}-${a}`;
}

/**
 * The largest box centred on the ring's middle that no card covers (a few shapes tried, the one of
 * the most area kept): where the boot hint may go without touching a card.
 */
export function freeCentre(layout: StageLayout, margin = 8): { w: number; h: number } {
  const { centre: c, cardW, cardH } = layout;
  const clear = (w: number, h: number) => {
    for (const p of layout.pos.values())
      if (
        Math.abs(p.x - c.x) < w / 2 + cardW / 2 + margin &&
        Math.abs(p.y - c.y) < h / 2 + cardH / 2 + margin
      )
        return false;
    return true;
  };
  let best = { w: 0, h: 0 };
  for (const aspect of [1.2, 1.6, 2.2, 3]) {
    let lo = 0;
    let hi = layout.height;
    for (let i = 0; i < 18; i++) {
      const mid = (lo + hi) / 2;
      if (clear(mid * aspect, mid)) lo = mid;
      else hi = mid;
    }
    if (lo * lo * aspect > best.w * best.h) best = { w: lo * aspect, h: lo };
  }
  return best;
}
