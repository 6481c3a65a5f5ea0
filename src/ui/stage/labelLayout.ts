/**
 * Where the names of messages in flight go, so that a person can read them: no two visible labels
 * overlap, none lies under a card (cards are HTML above the SVG: a label there is hidden) and none
 * leaves the stage. Pure: boxes in, boxes out (the caller measures the text).
 *
 * 1. Messages of one type bunched together (three or more within CLUSTER_PX of one another, as the
 *    notifications of an election are) are named once, "NOTIFICATION ×6", by an aggregate label
 *    that the stage expands on click.
 * 2. Every other message gets its own label, in priority order (what this step did first), at the
 *    first free place of a fixed list around its dot (beside it on its own side of the link first,
 *    as before, then the other side, then around).
 * 3. A message whose label finds no room joins an aggregate of its type placed near it, or, if
 *    even that has no room, stays a dot (still clickable, still in the inspector and the list).
 *
 * Every message's marker (its dot, or a dropped message's cross) is an obstacle too, for every label
 * but its own (an aggregate's: its members'): a cross drawn over another message's name made
 * "CL✕SE" of it (messages dropped on a cut link pile up at the sender's edge).
 */

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A box taken by one message's marker: every label but that message's own must keep off it. */
interface Owned extends Rect {
  owner?: string;
}

export interface LabelInput {
  /** the message element's key */
  key: string;
  type: string;
  /** the dot */
  x: number;
  y: number;
  /** unit vector of the message's direction */
  ux: number;
  uy: number;
  /** text width in px */
  width: number;
  /** lower is placed first */
  priority: number;
}

export type Anchor = 'start' | 'middle' | 'end';

/** A label placed beside its dot: (dx, dy) is the text's anchor point relative to the dot. */
export interface PlacedLabel {
  dx: number;
  dy: number;
  anchor: Anchor;
  box: Rect;
}

export interface AggregateLabel {
  key: string;
  type: string;
  /** the messages it names (keys), in input order */
  members: string[];
  /** where the text's middle sits */
  x: number;
  y: number;
  box: Rect;
}

export interface LabelLayout {
  placed: Map<string, PlacedLabel>;
  aggregates: AggregateLabel[];
  /** keys of messages drawn without a label of their own (aggregated or without room) */
  unlabelled: Set<string>;
}

export interface LabelOptions {
  /** the stage */
  width: number;
  height: number;
  /** line height of a label */
  lineHeight: number;
  /** width of an aggregate's text for `type` and `n` members */
  aggregateWidth: (type: string, n: number) => number;
  /** half the side of the box a message's marker takes around its point, px (0: markers are not obstacles) */
  markerRadius?: number;
}

/** Messages of a type this close (px) bunch into an aggregate. */
export const CLUSTER_PX = 64;
/** At least this many to bunch. */
export const CLUSTER_MIN = 3;
/** Space kept free around a label. */
const PAD = 1;

export function intersects(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** Candidate anchor points around a dot, best first. */
function candidates(m: LabelInput): { dx: number; dy: number; anchor: Anchor }[] {
  const side = (px: number, py: number, d: number) => {
    const dx = px * d;
    const dy = py * d;
    const anchor: Anchor = Math.abs(py) > 0.5 ? 'middle' : px > 0 ? 'start' : 'end';
    return { dx, dy: dy + 3.5, anchor };
  };
  // the side of the link this direction travels on, then the other, then around the dot
  const out = [side(-m.uy, m.ux, 12), side(m.uy, -m.ux, 12)];
  out.push(
    { dx: 9, dy: 3.5, anchor: 'start' },
    { dx: -9, dy: 3.5, anchor: 'end' },
    { dx: 0, dy: -9, anchor: 'middle' },
    { dx: 0, dy: 16, anchor: 'middle' },
    { dx: 8, dy: -8, anchor: 'start' },
    { dx: -8, dy: -8, anchor: 'end' },
    { dx: 8, dy: 15, anchor: 'start' },
    { dx: -8, dy: 15, anchor: 'end' },
    side(-m.uy, m.ux, 24),
    side(m.uy, -m.ux, 24),
    { dx: 0, dy: -21, anchor: 'middle' },
    { dx: 0, dy: 28, anchor: 'middle' },
  );
  // then farther out, all around: a name a little away from its dot beats no name
  for (const d of [36, 50])
    for (let k = 0; k < 8; k++) {
      const a = (k * Math.PI) / 4;
      const c = Math.cos(a);
      out.push({
        dx: c * d,
        dy: Math.sin(a) * d + 3.5,
        anchor: c > 0.3 ? 'start' : c < -0.3 ? 'end' : 'middle',
      });
    }
  return out;
}

/** The text box of a label whose anchor point (baseline) is (x, y). */
function textBox(x: number, y: number, width: number, anchor: Anchor, lineHeight: number): Rect {
  const left = anchor === 'start' ? x : anchor === 'middle' ? x - width / 2 : x - width;
  // the baseline sits about 3.5 px below the middle of the line
  return { x: left - PAD, y: y - 3.5 - lineHeight / 2 - PAD, w: width + 2 * PAD, h: lineHeight + 2 * PAD };
}

/** Side of the grid cells the occupancy files its boxes under, px. */
const GRID = 48;

/**
 * The boxes taken so far (obstacles and placed labels), filed under the grid cells they cover:
 * a candidate is checked against the boxes near it only, not every box on the stage (with a
 * hundred messages in flight that was most of the layout's time, at every step). A box that
 * spans several cells may be compared twice: the answer is the same.
 */
class Occupancy {
  private readonly cols: number;
  private readonly rows: number;
  /** per cell (row-major, with a margin of one cell around the stage), the boxes over it */
  private readonly cells: (Owned[] | undefined)[];

  constructor(
    obstacles: readonly Rect[],
    private readonly width: number,
    private readonly height: number,
  ) {
    this.cols = Math.max(1, Math.ceil(width / GRID)) + 2;
    this.rows = Math.max(1, Math.ceil(height / GRID)) + 2;
    this.cells = new Array<Owned[] | undefined>(this.cols * this.rows);
    for (const o of obstacles) this.add(o);
  }

  private static ownedBy(b: Owned, self: string | ReadonlySet<string> | undefined): boolean {
    if (b.owner === undefined || self === undefined) return false;
    return typeof self === 'string' ? b.owner === self : self.has(b.owner);
  }

  /** the cell column (or row) of `v`, clamped to the grid (its margin takes what lies outside) */
  private static at(v: number, n: number): number {
    return Math.min(n - 1, Math.max(0, Math.floor(v / GRID) + 1));
  }

  add(r: Owned): void {
    const x0 = Occupancy.at(r.x, this.cols);
    const x1 = Occupancy.at(r.x + r.w, this.cols);
    const y0 = Occupancy.at(r.y, this.rows);
    const y1 = Occupancy.at(r.y + r.h, this.rows);
    for (let y = y0; y <= y1; y++)
      for (let x = x0; x <= x1; x++) {
        const k = y * this.cols + x;
        const list = this.cells[k];
        if (list) list.push(r);
        else this.cells[k] = [r];
      }
  }

  /** no box over `r` (the markers of `self`, the messages being named, do not count) */
  free(r: Rect, self?: string | ReadonlySet<string>): boolean {
    if (r.x < 0 || r.y < 0 || r.x + r.w > this.width || r.y + r.h > this.height) return false;
    const x0 = Occupancy.at(r.x, this.cols);
    const x1 = Occupancy.at(r.x + r.w, this.cols);
    const y0 = Occupancy.at(r.y, this.rows);
    const y1 = Occupancy.at(r.y + r.h, this.rows);
    for (let y = y0; y <= y1; y++)
      for (let x = x0; x <= x1; x++) {
        const list = this.cells[y * this.cols + x];
        if (list) for (const b of list) if (intersects(r, b) && !Occupancy.ownedBy(b, self)) return false;
      }
    return true;
  }
}

/** Within `d` px of each other (squared: Math.hypot is slow, and this runs n² times a step). */
function near(a: LabelInput, b: LabelInput, d: number): boolean {
  const dx = a.x - b.x;
  const dy = a.y - b.y;
  return dx * dx + dy * dy <= d * d;
}

/** Groups of ≥ CLUSTER_MIN same-type messages, each member within CLUSTER_PX of another (single linkage). */
function clusters(msgs: readonly LabelInput[]): LabelInput[][] {
  const byType = new Map<string, LabelInput[]>();
  for (const m of msgs) {
    const list = byType.get(m.type);
    if (list) list.push(m);
    else byType.set(m.type, [m]);
  }
  const out: LabelInput[][] = [];
  for (const list of byType.values()) {
    if (list.length < CLUSTER_MIN) continue;
    const seen = new Uint8Array(list.length);
    for (let i = 0; i < list.length; i++) {
      if (seen[i]) continue;
      seen[i] = 1;
      const group = [list[i]];
      for (let k = 0; k < group.length; k++) {
        const a = group[k];
        for (let j = 0; j < list.length; j++) {
          if (seen[j]) continue;
          const b = list[j];
          if (near(a, b, CLUSTER_PX)) {
            seen[j] = 1;
            group.push(b);
          }
        }
      }
      if (group.length >= CLUSTER_MIN) out.push(group);
    }
  }
  return out;
}

/** Places an aggregate label near `members` (their centre first, then each member); null if no room. */
function placeAggregate(
  type: string,
  members: readonly LabelInput[],
  occ: Occupancy,
  opts: LabelOptions,
): AggregateLabel | null {
  const w = opts.aggregateWidth(type, members.length);
  const cx = members.reduce((s, m) => s + m.x, 0) / members.length;
  const cy = members.reduce((s, m) => s + m.y, 0) / members.length;
  const spots: { x: number; y: number }[] = [];
  for (const [dx, dy] of [
    [0, 0],
    [0, -16],
    [0, 16],
    [-w / 2 - 8, 0],
    [w / 2 + 8, 0],
    [0, -30],
    [0, 30],
  ])
    spots.push({ x: cx + dx, y: cy + dy });
  for (const m of members) spots.push({ x: m.x, y: m.y - 14 }, { x: m.x, y: m.y + 16 });
  // it may lie on the dots it names (a click on it lists them), not on any other
  const names = new Set(members.map((m) => m.key));
  for (const s of spots) {
    // aggregates carry a little margin (a pill): boxes are the pill's
    const box = { x: s.x - w / 2 - 4, y: s.y - opts.lineHeight / 2 - 3, w: w + 8, h: opts.lineHeight + 6 };
    if (occ.free(box, names)) {
      occ.add(box);
      return {
        key: `${type}@${members[0].key}`,
        type,
        members: members.map((m) => m.key),
        x: s.x,
        y: s.y,
        box,
      };
    }
  }
  return null;
}

export function layoutLabels(
  msgs: readonly LabelInput[],
  obstacles: readonly Rect[],
  opts: LabelOptions,
): LabelLayout {
  const occ = new Occupancy(obstacles, opts.width, opts.height);
  const r = opts.markerRadius ?? 0;
  if (r > 0) for (const m of msgs) occ.add({ x: m.x - r, y: m.y - r, w: 2 * r, h: 2 * r, owner: m.key });
  const placed = new Map<string, PlacedLabel>();
  const aggregates: AggregateLabel[] = [];
  const unlabelled = new Set<string>();

  const bunched = clusters(msgs);
  const inCluster = new Set<string>();
  for (const group of bunched) for (const m of group) inCluster.add(m.key);

  // individual labels first, by priority: they sit next to their own dot
  const single = msgs.filter((m) => !inCluster.has(m.key)).sort((a, b) => a.priority - b.priority);
  const homeless: LabelInput[] = [];
  for (const m of single) {
    let done = false;
    for (const c of candidates(m)) {
      const box = textBox(m.x + c.dx, m.y + c.dy, m.width, c.anchor, opts.lineHeight);
      if (occ.free(box, m.key)) {
        occ.add(box);
        placed.set(m.key, { ...c, box });
        done = true;
        break;
      }
    }
    if (!done) homeless.push(m);
  }

  // then the bunches, and the messages that found no room, by type
  const leftovers = new Map<string, LabelInput[]>();
  for (const m of homeless) {
    const list = leftovers.get(m.type);
    if (list) list.push(m);
    else leftovers.set(m.type, [m]);
  }
  const groups: LabelInput[][] = [...bunched];
  for (const list of leftovers.values()) {
    // a leftover joins a nearby bunch of its type, else the other leftovers of its type
    const rest: LabelInput[] = [];
    for (const m of list) {
      const bunch = bunched.find((g) => g[0].type === m.type && g.some((o) => near(o, m, 3 * CLUSTER_PX)));
      if (bunch) bunch.push(m);
      else rest.push(m);
    }
    if (rest.length) groups.push(rest);
  }
  for (const g of groups) {
    const agg = g.length === 1 ? null : placeAggregate(g[0].type, g, occ, opts);
    if (agg) aggregates.push(agg);
    for (const m of g) unlabelled.add(m.key);
  }
  return { placed, aggregates, unlabelled };
}
