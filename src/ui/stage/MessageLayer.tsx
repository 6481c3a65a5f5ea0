/**
 * Messages in flight, drawn as SVG by d3 (no React element per message: with hundreds in flight a
 * React re-render per frame would be the bottleneck). A message's place is a pure function of the
 * view: (t − sentAt) / (deliverAt − sentAt) along the line from sender to receiver.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { select } from 'd3-selection';
import type { MessageView } from '../../sim/view';
import { useLang, useT } from '../i18n';
import { useFastPlay, useSim } from '../store';
import { type Point, messagePoint, progress } from './layout';
import { FAMILY_COLOR, familyOf } from './palette';

/**
 * Above this many messages in flight only the messages of this step (just sent, delivered or
 * dropped) are named; the others are dots whose name is in their tooltip and colour.
 */
const LABEL_LIMIT = 14;
const SIDE = 7;
const TAIL = 16;
const LABEL_GAP = 12;
/** ms a message glides from its place at the previous step to its place at this one */
const GLIDE_MS = 140;

interface Glide {
  fx: number;
  fy: number;
  tx: number;
  ty: number;
  t0: number;
}

/**
 * Moves messages from where they were drawn to where the view puts them, in one shared
 * requestAnimationFrame loop (CSS transitions would cost a DOM event per message per step).
 * The end of every glide is exactly the view's position, so a still view is always the same picture.
 */
class Glider {
  private readonly drawn = new WeakMap<SVGGElement, { x: number; y: number }>();
  private readonly moving = new Map<SVGGElement, Glide>();
  private raf: number | null = null;

  place(el: SVGGElement, x: number, y: number, glide: boolean): void {
    const from = this.drawn.get(el);
    if (!glide || !from || (from.x === x && from.y === y)) {
      this.moving.delete(el);
      // a message that did not move (most, between two steps at the same time) is not touched
      if (!from || from.x !== x || from.y !== y) this.set(el, x, y);
      return;
    }
    const cur = this.moving.get(el);
    const start = cur ? this.at(cur, performance.now()) : from;
    this.moving.set(el, { fx: start.x, fy: start.y, tx: x, ty: y, t0: performance.now() });
    if (this.raf === null) this.raf = requestAnimationFrame(this.tick);
  }

  stop(): void {
    if (this.raf !== null) cancelAnimationFrame(this.raf);
    this.raf = null;
    for (const [el, g] of this.moving) this.set(el, g.tx, g.ty);
    this.moving.clear();
  }

  private at(g: Glide, now: number): { x: number; y: number } {
    const k = Math.min(1, (now - g.t0) / GLIDE_MS);
    return { x: g.fx + (g.tx - g.fx) * k, y: g.fy + (g.ty - g.fy) * k };
  }

  private set(el: SVGGElement, x: number, y: number): void {
    this.drawn.set(el, { x, y });
    el.setAttribute('transform', `translate(${x.toFixed(1)},${y.toFixed(1)})`);
  }

  private readonly tick = (now: number): void => {
    for (const [el, g] of this.moving) {
      if (!el.isConnected) {
        this.moving.delete(el);
        continue;
      }
      const p = this.at(g, now);
      this.set(el, p.x, p.y);
      if (now - g.t0 >= GLIDE_MS) this.moving.delete(el);
    }
    this.raf = this.moving.size > 0 ? requestAnimationFrame(this.tick) : null;
  };
}

/** The layout-and-language key each message element was last drawn for (see MessageLayer). */
const drawnLook = new WeakMap<SVGGElement, object>();

const reducedMotion = (): boolean =>
  typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;

interface Item {
  key: string;
  m: MessageView;
  x: number;
  y: number;
  /** unit vector from sender to receiver */
  ux: number;
  uy: number;
  kind: 'flying' | 'arrived' | 'dropped';
  /** sent at this very moment */
  fresh?: boolean;
  reason?: string;
}

/** Distance from a card's centre to its edge along (ux, uy). */
function rectInset(ux: number, uy: number, w: number, h: number): number {
  const ix = Math.abs(ux) > 1e-6 ? w / 2 / Math.abs(ux) : Infinity;
  const iy = Math.abs(uy) > 1e-6 ? h / 2 / Math.abs(uy) : Infinity;
  return Math.min(ix, iy) + 4;
}

function place(
  m: MessageView,
  f: number,
  pos: Map<number, Point>,
  cardW: number,
  cardH: number,
): Omit<Item, 'key' | 'm' | 'kind'> | null {
  const a = pos.get(m.from);
  const b = pos.get(m.to);
  if (!a || !b) return null;
  const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
  const ux = (b.x - a.x) / len;
  const uy = (b.y - a.y) / len;
  const p = messagePoint(a, b, f, rectInset(ux, uy, cardW, cardH), SIDE);
  return { ...p, ux, uy };
}

export function MessageLayer({
  pos,
  cardW,
  cardH,
}: {
  pos: Map<number, Point>;
  cardW: number;
  cardH: number;
}) {
  const ref = useRef<SVGGElement>(null);
  const inflight = useSim((s) => s.view.inflight);
  const now = useSim((s) => s.view.t);
  const delivered = useSim((s) => s.delivered);
  const dropped = useSim((s) => s.dropped);
  const t = useT();
  const [lang] = useLang();
  const fast = useFastPlay();
  const [glider] = useState(() => new Glider());
  // what a message's element shows apart from its place is fixed for the message (its kind is in
  // its key), the layout and the language: it is written when this token changes, not every step
  const look = useMemo(() => ({ pos, cardW, cardH, lang }), [pos, cardW, cardH, lang]);
  useEffect(() => () => glider.stop(), [glider]);

  // in the commit, before the paint: messages move in the same frame as the cards change, and the
  // frame is laid out and painted once (a passive effect would run after the paint: twice)
  useLayoutEffect(() => {
    if (!ref.current) return;
    const items: Item[] = [];
    for (const m of inflight) {
      const p = place(m, progress(now, m.sentAt, m.deliverAt), pos, cardW, cardH);
      if (p) items.push({ key: `f${m.id}`, m, kind: 'flying', fresh: m.sentAt === now, ...p });
    }
    for (const m of delivered) {
      const p = place(m, 1, pos, cardW, cardH);
      // just outside the receiver's card, so the ring and its name stay visible
      if (p) items.push({ key: `a${m.id}`, m, kind: 'arrived', ...p, x: p.x - p.ux * 8, y: p.y - p.uy * 8 });
    }
    for (const m of dropped) {
      const p = place(m, m.at, pos, cardW, cardH);
      if (p) items.push({ key: `d${m.id}`, m, kind: 'dropped', reason: m.reason, ...p });
    }
    const glide = !fast && !reducedMotion();
    const root = select(ref.current).classed('no-labels', inflight.length > LABEL_LIMIT);
    root
      .selectAll<SVGGElement, Item>('g.msg')
      .data(items, (d) => d.key)
      .join(
        (enter) => {
          const g = enter
            .append('g')
            .attr('class', (d) => `msg ${d.kind}`)
            .attr('data-type', (d) => d.m.type);
          g.append('line').attr('class', 'tail');
          g.append('circle').attr('class', 'dot').attr('r', 5);
          // the cross only on a dropped message (a message's kind is part of its key: fixed)
          g.filter((d) => d.kind === 'dropped')
            .append('path')
            .attr('class', 'cross')
            .attr('d', 'M-6,-6L6,6M-6,6L6,-6');
          g.append('text').attr('class', 'label');
          g.append('title');
          return g;
        },
        (update) => update,
        (exit) => exit.remove(),
      )
      .each(function (d) {
        this.classList.toggle('fresh', !!d.fresh);
        // the place this view puts it (the drawn place may still be gliding there)
        const at = `${d.x.toFixed(1)},${d.y.toFixed(1)}`;
        if (this.getAttribute('data-at') !== at) this.setAttribute('data-at', at);
        glider.place(this, d.x, d.y, glide && d.kind === 'flying');
        if (drawnLook.get(this) === look) return;
        drawnLook.set(this, look);
        const g = select(this);
        g.style('--c', FAMILY_COLOR[familyOf(d.m.type)]);
        g.select('line.tail')
          .attr('x1', -d.ux * TAIL)
          .attr('y1', -d.uy * TAIL)
          .attr('x2', 0)
          .attr('y2', 0);
        // the name sits beside the dot, on the side of the link this direction travels on
        g.select('text.label')
          .attr('x', -d.uy * LABEL_GAP)
          .attr('y', d.ux * LABEL_GAP + 3.5)
          .attr('text-anchor', Math.abs(d.uy) < 0.5 ? 'middle' : -d.uy > 0 ? 'start' : 'end')
          .text(d.m.type);
        g.select('title').text(
          `${d.m.from} → ${d.m.to}: ${d.m.label}` +
            (d.kind === 'dropped' ? ` — ${t('stage.dropped', { reason: d.reason ?? '' })}` : ''),
        );
      });
  }, [inflight, now, delivered, dropped, pos, cardW, cardH, t, look, fast, glider]);

  return <g ref={ref} className={fast ? 'messages fast' : 'messages'} />;
}
