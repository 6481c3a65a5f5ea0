/**
 * Where client sessions sit on the stage: beside the card of the server each is connected to, on
 * the card's outer side (away from the ring's middle, where the messages fly), stacked. Where that
 * place lies on a card or on another client (a small stage: a phone, seven or nine servers), the
 * box goes to the first free place around its own card (the other side, below, above). A client
 * that is connected to no server waits in the stage's bottom-left corner. Pure.
 */
import { intersects, type Rect } from './labelLayout';
import type { Point } from './layout';

/** a client's box at scale 1, the room beside a card and between two stacked clients */
const BASE_W = 118;
const BASE_H = 30;
const BASE_GAP = 6;
const BASE_STACK = 3;

export interface ClientSpot {
  id: string;
  box: Rect;
}

export function layoutClients(
  clients: readonly { id: string; server: number | null }[],
  pos: Map<number, Point>,
  centre: Point,
  card: { w: number; h: number },
  /** `scale`: lecture mode's card scale (the pills grow with the cards and their type), else 1 */
  bounds: { width: number; height: number; scale?: number },
): ClientSpot[] {
  const out: ClientSpot[] = [];
  const k = bounds.scale ?? 1;
  const CLIENT_W = Math.round(BASE_W * k);
  const CLIENT_H = Math.round(BASE_H * k);
  const GAP = Math.round(BASE_GAP * k);
  const STACK = Math.round(BASE_STACK * k);
  const perServer = new Map<number, number>();
  const cards: Rect[] = [...pos.values()].map((p) => ({
    x: p.x - card.w / 2,
    y: p.y - card.h / 2,
    w: card.w,
    h: card.h,
  }));
  const free = (b: Rect) =>
    b.x >= 0 &&
    b.y >= 0 &&
    b.x + b.w <= bounds.width &&
    b.y + b.h <= bounds.height &&
    !cards.some((c) => intersects(b, c)) &&
    !out.some((o) => intersects(b, o.box));
  let waiting = 0;
  for (const c of clients) {
    const p = c.server === null ? undefined : pos.get(c.server);
    if (!p) {
      const y = bounds.height - GAP - (waiting + 1) * (CLIENT_H + STACK);
      out.push({ id: c.id, box: { x: GAP, y: Math.max(GAP, y), w: CLIENT_W, h: CLIENT_H } });
      waiting++;
      continue;
    }
    const i = perServer.get(c.server!) ?? 0;
    perServer.set(c.server!, i + 1);
    const dx = p.x - centre.x;
    // the outer side: left of a card on the ring's left half, else right (top and bottom cards too)
    let left = dx < -1 ? p.x - card.w / 2 - GAP - CLIENT_W : p.x + card.w / 2 + GAP;
    if (left + CLIENT_W > bounds.width - GAP) left = p.x - card.w / 2 - GAP - CLIENT_W;
    if (left < GAP) left = p.x + card.w / 2 + GAP;
    let top = p.y - card.h / 2 + i * (CLIENT_H + STACK);
    top = Math.min(Math.max(GAP, top), bounds.height - CLIENT_H - GAP);
    const first = { x: left, y: top, w: CLIENT_W, h: CLIENT_H };
    out.push({ id: c.id, box: free(first) ? first : (placeNear(p, card, first, i, k, free) ?? first) });
  }
  return out;
}

/**
 * The first free place for a w×h box around the card centred on `p`: beside it on either side
 * (from its top down), then below it and above it (centred, then to either side). Null: none.
 */
function placeNear(
  p: Point,
  card: { w: number; h: number },
  box: Rect,
  i: number,
  k: number,
  free: (b: Rect) => boolean,
): Rect | null {
  const gap = Math.round(BASE_GAP * k);
  const step = box.h + Math.round(BASE_STACK * k);
  const left = p.x - card.w / 2 - gap - box.w;
  const right = p.x + card.w / 2 + gap;
  const top = p.y - card.h / 2;
  const xs = [p.x - box.w / 2, p.x - card.w / 2, p.x + card.w / 2 - box.w];
  const tries: Rect[] = [];
  for (let r = 0; r < 4; r++)
    for (const x of [left, right]) tries.push({ ...box, x, y: top + (i + r) * step });
  for (let r = 0; r < 3; r++)
    for (const x of xs) {
      tries.push({ ...box, x, y: p.y + card.h / 2 + gap + r * step });
      tries.push({ ...box, x, y: top - gap - box.h - r * step });
    }
  return tries.find(free) ?? null;
}
