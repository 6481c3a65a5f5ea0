/**
 * Messages in flight, drawn as SVG by d3 (no React element per message: with hundreds in flight a
 * React re-render per frame would be the bottleneck). A message's place is a pure function of the
 * view: (t − sentAt) / (deliverAt − sentAt) along the line from sender to receiver. Its name is
 * placed by ./labelLayout.ts (never on another name, never under a card; bunches of one type are
 * named once, "NOTIFICATION ×6"). A click, a tap or Enter on a message pins it in the inspector;
 * Tab reaches every message, and `m` moves to the next one.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { select } from 'd3-selection';
import type { MessageView } from '../../zk/view';
import { useLang, useT } from '../i18n';
import { useFastPlay, useSim } from '../store';
import { useInspect } from './inspect';
import { type AggregateLabel, type LabelInput, type Rect, layoutLabels } from './labelLayout';
import { type Point, messagePoint, progress } from './layout';
import { FAMILY_COLOR, familyOf } from './palette';
import './messages.css';

const SIDE = 7;
const TAIL = 16;
/** a label's line height, px (font-size 10.5 px plus its white halo) */
const LABEL_LINE = 13;
/** the top-left corner the stage status (time, leader, messages in flight) covers */
const STATUS_BOX: Rect = { x: 0, y: 0, w: 180, h: 64 };

/** Text widths of labels in the stage's font, measured once per text. */
class TextWidths {
  private readonly cache = new Map<string, number>();
  private ctx: CanvasRenderingContext2D | null = null;
  private font = '';

  /** the label's size relative to the plain stage's 10.5 px (large cards: 13 px × their scale) */
  scale = 1;

  setFont(font: string): void {
    if (font === this.font) return;
    this.font = font;
    this.scale = Number(/([\d.]+)px/.exec(font)?.[1] ?? 10.5) / 10.5 || 1;
    this.cache.clear();
    if (!this.ctx && typeof document !== 'undefined')
      this.ctx = document.createElement('canvas').getContext('2d');
    if (this.ctx) this.ctx.font = font;
  }

  width(text: string): number {
    let w = this.cache.get(text);
    if (w === undefined) {
      // without a canvas: a generous average glyph width
      w = this.ctx ? Math.ceil(this.ctx.measureText(text).width) : text.length * 7;
      this.cache.set(text, w);
    }
    return w;
  }
}
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

/**
 * What was last written on a message's element, so a step compares with these instead of reading
 * the DOM back (getAttribute, querySelector) for every message in flight.
 */
interface Written {
  cls: string;
  at: string;
  spot: string;
  label: SVGTextElement;
}
const written = new WeakMap<SVGGElement, Written>();

/** What was last written on an aggregate's element, and for which layout and language. */
const aggWritten = new WeakMap<SVGGElement, { sig: string; look: object }>();

/** The item each message's element shows now (what a click or Enter on it pins). */
const itemOfElement = new WeakMap<Element, Item>();

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * A new message's element, cloned from a template (one native clone instead of half a dozen
 * appends and attribute writes for each of the many messages sent every second). The cross only on
 * a dropped message (a message's kind is part of its key: fixed).
 */
const templates = new Map<boolean, SVGGElement>();
function messageElement(dropped: boolean): SVGGElement {
  let tpl = templates.get(dropped);
  if (!tpl) {
    tpl = document.createElementNS(SVG_NS, 'g');
    tpl.setAttribute('tabindex', '0');
    tpl.setAttribute('role', 'button');
    const add = (tag: string, attrs: Record<string, string>) => {
      const el = document.createElementNS(SVG_NS, tag);
      for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
      tpl!.appendChild(el);
    };
    add('line', { class: 'tail' });
    // a finger-sized target around the dot
    add('circle', { class: 'hit', r: '9' });
    add('circle', { class: 'dot', r: '5' });
    if (dropped) add('path', { class: 'cross', d: 'M-6,-6L6,6M-6,6L6,-6' });
    add('text', { class: 'label' });
    add('title', {});
    templates.set(dropped, tpl);
  }
  return tpl.cloneNode(true) as SVGGElement;
}

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

/** Labels drawn first: what this step did, then the oldest messages in flight. */
function priorityOf(d: Item): number {
  if (d.kind !== 'flying') return 0;
  return d.fresh ? 1 : 2;
}

/** Cards (and whatever else the stage puts over the SVG) that no label may lie under. */
function cardRects(pos: Map<number, Point>, cardW: number, cardH: number): Rect[] {
  const out: Rect[] = [];
  for (const p of pos.values())
    out.push({ x: p.x - cardW / 2 - 3, y: p.y - cardH / 2 - 3, w: cardW + 6, h: cardH + 6 });
  return out;
}

/** The element of a message that can take the keyboard focus next after `from` (wraps around). */
function nextMessage(root: SVGGElement, from: Element | null): SVGGElement | null {
  const all = [...root.querySelectorAll<SVGGElement>('g.msg')];
  if (all.length === 0) return null;
  const i = from ? all.indexOf(from as SVGGElement) : -1;
  return all[(i + 1) % all.length];
}

export function MessageLayer({
  pos,
  cardW,
  cardH,
  width,
  height,
  obstacles,
}: {
  pos: Map<number, Point>;
  cardW: number;
  cardH: number;
  width: number;
  height: number;
  /** more boxes no label may cover (clients beside their server) */
  obstacles?: readonly Rect[];
}) {
  const ref = useRef<SVGGElement>(null);
  const aggRef = useRef<SVGGElement>(null);
  /** each message's element, by its key (`f`/`a`/`d` + id), in the order drawn */
  const elements = useRef(new Map<string, SVGGElement>());
  const inflight = useSim((s) => s.view.inflight);
  const now = useSim((s) => s.view.t);
  const delivered = useSim((s) => s.delivered);
  const dropped = useSim((s) => s.dropped);
  const pinnedId = useInspect((s) => s.pinned?.id ?? null);
  const t = useT();
  const [lang] = useLang();
  const fast = useFastPlay();
  const [glider] = useState(() => new Glider());
  const [widths] = useState(() => new TextWidths());
  const fontFor = useRef<object | null>(null);
  // what a message's element shows apart from its place is fixed for the message (its kind is in
  // its key), the layout and the language: it is written when this token changes, not every step
  const look = useMemo(() => ({ pos, cardW, cardH, lang }), [pos, cardW, cardH, lang]);
  const blocked = useMemo(
    () => [STATUS_BOX, ...cardRects(pos, cardW, cardH), ...(obstacles ?? [])],
    [pos, cardW, cardH, obstacles],
  );
  useEffect(() => () => glider.stop(), [glider]);

  // `m`: the keyboard focus goes to the next message on the stage (Tab reaches them too)
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'm' && e.key !== 'M') return;
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const target = e.target as HTMLElement | null;
      if (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
      if (target?.isContentEditable) return;
      const root = ref.current;
      if (!root) return;
      const next = nextMessage(root, root.contains(document.activeElement) ? document.activeElement : null);
      if (next) {
        e.preventDefault();
        next.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // a click, a tap or Enter on a message pins it: one listener for the layer, not two per message
  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    const itemOf = (e: Event): Item | null => {
      const g = (e.target as Element | null)?.closest?.('g.msg');
      return g && root.contains(g) ? (itemOfElement.get(g) ?? null) : null;
    };
    const onClick = (e: MouseEvent) => {
      const d = itemOf(e);
      if (!d) return;
      e.stopPropagation();
      useInspect.getState().pin(d.m, { x: d.x, y: d.y });
    };
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key !== 'Enter' && e.key !== ' ') return;
      const d = itemOf(e);
      if (!d) return;
      e.preventDefault();
      e.stopPropagation();
      useInspect.getState().pin(d.m, { x: d.x, y: d.y });
    };
    root.addEventListener('click', onClick);
    root.addEventListener('keydown', onKeyDown);
    return () => {
      root.removeEventListener('click', onClick);
      root.removeEventListener('keydown', onKeyDown);
    };
  }, []);

  // in the commit, before the paint: messages move in the same frame as the cards change, and the
  // frame is laid out and painted once (a passive effect would run after the paint: twice)
  useLayoutEffect(() => {
    if (!ref.current || !aggRef.current) return;
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
    // messages that would sit on the very same spot (sent together on one link: TRUNC and
    // NEWLEADER) are spread along their way, so that each can be seen and clicked
    const taken = new Map<string, number>();
    const crosses: Item[] = [];
    for (const d of items) {
      const k = `${Math.round(d.x)},${Math.round(d.y)}`;
      const n = taken.get(k) ?? 0;
      taken.set(k, n + 1);
      if (n > 0) {
        // away from the card it is next to: on, for one just sent; back, for one just arrived
        const way = d.kind === 'arrived' ? -16 * n : 16 * n;
        d.x += d.ux * way;
        d.y += d.uy * way;
      }
      if (d.kind !== 'dropped') continue;
      // messages dropped on a cut link pile up near the sender, a few px apart: crosses drawn on
      // one another read as one; each moves on along its way until it has a place of its own
      for (
        let i = 0;
        i < 8 && crosses.some((o) => Math.abs(o.x - d.x) < 13 && Math.abs(o.y - d.y) < 13);
        i++
      ) {
        d.x += d.ux * 14;
        d.y += d.uy * 14;
      }
      crosses.push(d);
    }
    // names: where each goes (at the place the view puts its message, not where it glides from)
    // the stage's font, read once per layout and language: getComputedStyle in every step's commit
    // forced a style recalculation before the frame's own (4 % of a loaded frame's CPU)
    if (fontFor.current !== look && ref.current.isConnected) {
      fontFor.current = look;
      widths.setFont(labelFont(ref.current));
    }
    const inputs: LabelInput[] = items.map((d, i) => ({
      key: d.key,
      type: d.m.type,
      x: d.x,
      y: d.y,
      ux: d.ux,
      uy: d.uy,
      width: widths.width(d.m.type),
      priority: priorityOf(d) * 100_000 + i,
    }));
    const labels = layoutLabels(inputs, blocked, {
      width,
      height,
      lineHeight: LABEL_LINE * widths.scale,
      aggregateWidth: (type, n) => widths.width(`${type} ×${n}`),
      // a dot is r 5, a dropped message's cross 6 px from its middle
      markerRadius: 7,
    });
    const byKey = new Map(items.map((d) => [d.key, d]));
    const glide = !fast && !reducedMotion();
    // the messages' elements, keyed by message (a d3 data join did the same with a selectAll, a
    // key map and its order() over every element at every step): new ones are made, gone ones
    // removed, and the rest kept in the items' order (the Tab order and which dot lies on top)
    const parent = ref.current;
    const els = elements.current;
    const keys = new Set<string>();
    for (const d of items) keys.add(d.key);
    for (const [k, el] of els)
      if (!keys.has(k)) {
        el.remove();
        els.delete(k);
      }
    let cursor: ChildNode | null = parent.firstChild;
    for (const d of items) {
      let el = els.get(d.key);
      if (!el) {
        // a click or Enter on one is handled by the layer (see the effect above)
        el = messageElement(d.kind === 'dropped');
        el.setAttribute('class', `msg ${d.kind}`);
        el.setAttribute('data-type', d.m.type);
        el.setAttribute('data-id', String(d.m.id));
        els.set(d.key, el);
      }
      if (el === cursor) cursor = cursor.nextSibling;
      else parent.insertBefore(el, cursor);
      itemOfElement.set(el, d);
      const l = labels.placed.get(d.key);
      let w = written.get(el);
      if (!w) {
        w = { cls: '', at: '', spot: '', label: el.querySelector('text.label')! };
        written.set(el, w);
      }
      // one class string, in one order, whatever the history: the same step, the same picture
      const cls = `msg ${d.kind}${d.fresh ? ' fresh' : ''}${d.m.id === pinnedId ? ' pinned' : ''}${l ? '' : ' unlabelled'}`;
      if (w.cls !== cls) el.setAttribute('class', (w.cls = cls));
      // the place this view puts it (the drawn place may still be gliding there); playing fast
      // it is written when playback slows or stops (`fast` is a dependency of this effect), not
      // at every frame for every message
      const at = `${d.x.toFixed(1)},${d.y.toFixed(1)}`;
      if (!fast && w.at !== at) el.setAttribute('data-at', (w.at = at));
      glider.place(el, d.x, d.y, glide && d.kind === 'flying');
      // its name: beside it, or named by an aggregate, or (no room) not at all
      const spot = l ? `${l.dx.toFixed(1)},${l.dy.toFixed(1)},${l.anchor}` : 'none';
      if (w.spot !== spot) {
        const text = w.label;
        text.setAttribute('data-spot', (w.spot = spot));
        if (l) {
          text.setAttribute('x', l.dx.toFixed(1));
          text.setAttribute('y', l.dy.toFixed(1));
          text.setAttribute('text-anchor', l.anchor);
        }
      }
      if (drawnLook.get(el) === look) continue;
      drawnLook.set(el, look);
      const g = select(el);
      g.style('--c', FAMILY_COLOR[familyOf(d.m.type)]);
      g.attr('aria-label', t('messages.aria', { type: d.m.type, from: d.m.from, to: d.m.to }));
      g.select('line.tail')
        .attr('x1', -d.ux * TAIL)
        .attr('y1', -d.uy * TAIL)
        .attr('x2', 0)
        .attr('y2', 0);
      g.select('text.label').text(d.m.type);
      g.select('title').text(
        `${d.m.from} → ${d.m.to}: ${d.m.label}` +
          (d.kind === 'dropped' ? ` — ${t('stage.dropped', { reason: d.reason ?? '' })}` : ''),
      );
    }

    // the aggregates: "TYPE ×n", a click (or Enter) lists the messages it names
    const openGroup = useInspect.getState().openGroup;
    const open = (a: AggregateLabel) =>
      openGroup({
        type: a.type,
        ids: a.members.map((k) => byKey.get(k)!.m.id),
        x: a.x,
        y: a.y,
      });
    select(aggRef.current)
      .selectAll<SVGGElement, AggregateLabel>('g.msg-agg')
      .data(labels.aggregates, (a) => a.key)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'msg-agg').attr('tabindex', 0).attr('role', 'button');
        g.append('rect').attr('rx', 8);
        g.append('text').attr('class', 'agg-label');
        return g;
      })
      .on('click', (e: MouseEvent, a) => {
        e.stopPropagation();
        open(a);
      })
      .on('keydown', (e: KeyboardEvent, a) => {
        if (e.key !== 'Enter' && e.key !== ' ') return;
        e.preventDefault();
        e.stopPropagation();
        open(a);
      })
      .each(function (a) {
        // written again only when it changed (its place, its count, the layout or the language)
        const sig = `${a.x.toFixed(1)},${a.y.toFixed(1)},${a.type},${a.members.length},${a.box.x},${a.box.y},${a.box.w},${a.box.h}`;
        if (aggWritten.get(this)?.sig === sig && aggWritten.get(this)?.look === look) return;
        aggWritten.set(this, { sig, look });
        const g = select(this);
        g.attr('transform', `translate(${a.x.toFixed(1)},${a.y.toFixed(1)})`)
          .attr('data-type', a.type)
          .attr('data-count', a.members.length)
          .attr('aria-label', t('messages.group.aria', { type: a.type, n: a.members.length }))
          .style('--c', FAMILY_COLOR[familyOf(a.type)]);
        g.select('rect')
          .attr('x', (a.box.x - a.x).toFixed(1))
          .attr('y', (a.box.y - a.y).toFixed(1))
          .attr('width', a.box.w.toFixed(1))
          .attr('height', a.box.h.toFixed(1));
        g.select('text').attr('y', 3.5).attr('text-anchor', 'middle').text(`${a.type} ×${a.members.length}`);
      });
  }, [
    inflight,
    now,
    delivered,
    dropped,
    pos,
    cardW,
    cardH,
    t,
    look,
    fast,
    glider,
    widths,
    blocked,
    width,
    height,
    pinnedId,
  ]);

  return (
    <>
      <g ref={ref} className={fast ? 'messages fast' : 'messages'} />
      <g ref={aggRef} className="msg-aggs" />
    </>
  );
}

/**
 * The font labels are drawn in, read from a label's own style (the large cards' stage draws them
 * at 13 px × the card scale: measured at 10.5 px they overlapped — "TRUNCACKEPOCH" in lecture mode).
 */
function labelFont(el: SVGGElement): string {
  const probe = document.createElementNS(SVG_NS, 'g');
  probe.setAttribute('class', 'msg');
  const text = document.createElementNS(SVG_NS, 'text');
  text.setAttribute('class', 'label');
  probe.appendChild(text);
  el.appendChild(probe);
  const cs = getComputedStyle(text);
  const font = `${cs.fontWeight || '600'} ${cs.fontSize || '10.5px'} ${cs.fontFamily || 'sans-serif'}`;
  probe.remove();
  return font;
}
