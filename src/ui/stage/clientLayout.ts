/**
 * Where client sessions sit on the stage: beside the card of the server each is connected to, on
 * the card's outer side (away from the ring's middle, where the messages fly), stacked. A client
 * that is connected to no server waits in the stage's bottom-left corner. Pure.
 */
import type { Rect } from './labelLayout';
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
    out.push({ id: c.id, box: { x: left, y: top, w: CLIENT_W, h: CLIENT_H } });
  }
  return out;
}
