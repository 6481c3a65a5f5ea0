import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { intersects, layoutLabels, type LabelInput, type Rect } from '../../src/ui/stage/labelLayout';

const opts = {
  width: 800,
  height: 560,
  lineHeight: 13,
  aggregateWidth: (type: string, n: number) => (type.length + 3 + String(n).length) * 6.5,
};
const width = (type: string) => type.length * 6.5;

function msg(key: string, type: string, x: number, y: number, priority = 0): LabelInput {
  return { key, type, x, y, ux: 1, uy: 0, width: width(type), priority };
}

/** every visible label box: placed ones and aggregates */
function visible(l: ReturnType<typeof layoutLabels>): Rect[] {
  return [...[...l.placed.values()].map((p) => p.box), ...l.aggregates.map((a) => a.box)];
}

function assertReadable(l: ReturnType<typeof layoutLabels>, cards: Rect[], msgs: LabelInput[]) {
  const boxes = visible(l);
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) expect(intersects(boxes[i], boxes[j])).toBe(false);
    for (const c of cards) expect(intersects(boxes[i], c)).toBe(false);
    expect(boxes[i].x).toBeGreaterThanOrEqual(0);
    expect(boxes[i].y).toBeGreaterThanOrEqual(0);
    expect(boxes[i].x + boxes[i].w).toBeLessThanOrEqual(opts.width);
    expect(boxes[i].y + boxes[i].h).toBeLessThanOrEqual(opts.height);
  }
  // every message is either named by its own label or drawn without one, never both
  for (const m of msgs) expect(l.placed.has(m.key)).not.toBe(l.unlabelled.has(m.key));
  // an aggregate names only unlabelled messages of its own type
  const byKey = new Map(msgs.map((m) => [m.key, m]));
  for (const a of l.aggregates)
    for (const k of a.members) {
      expect(l.unlabelled.has(k)).toBe(true);
      expect(byKey.get(k)!.type).toBe(a.type);
    }
}

/** no label lies on another message's marker (an aggregate on none but its members') */
function assertMarkersClear(l: ReturnType<typeof layoutLabels>, msgs: LabelInput[], r: number) {
  const marker = (m: LabelInput): Rect => ({ x: m.x - r, y: m.y - r, w: 2 * r, h: 2 * r });
  for (const [key, p] of l.placed)
    for (const m of msgs) if (m.key !== key) expect(intersects(p.box, marker(m))).toBe(false);
  for (const a of l.aggregates)
    for (const m of msgs) if (!a.members.includes(m.key)) expect(intersects(a.box, marker(m))).toBe(false);
}

describe('layoutLabels', () => {
  it('puts a lone label beside its dot, on its side of the link', () => {
    const l = layoutLabels([msg('a', 'PROPOSAL', 400, 300)], [], opts);
    const p = l.placed.get('a')!;
    // travelling right (ux = 1): the label sits below the line (screen y grows down)
    expect(p.dy).toBeGreaterThan(0);
    expect(l.aggregates).toEqual([]);
  });

  it('moves a label out from under a card', () => {
    const card: Rect = { x: 380, y: 305, w: 120, h: 80 };
    const l = layoutLabels([msg('a', 'TRUNC', 400, 300)], [card], opts);
    expect(intersects(l.placed.get('a')!.box, card)).toBe(false);
  });

  it('never overlaps two labels that used to read "NOTIFICATIONCATION"', () => {
    const msgs = [msg('a', 'NOTIFICATION', 400, 300), msg('b', 'NOTIFICATION', 430, 300)];
    const l = layoutLabels(msgs, [], opts);
    assertReadable(l, [], msgs);
    expect(l.placed.size).toBe(2);
  });

  it('names a bunch of one type once, with its count', () => {
    const msgs = [0, 1, 2, 3, 4, 5].map((i) => msg(`n${i}`, 'NOTIFICATION', 400 + i * 6, 300 + i * 4));
    msgs.push(msg('p', 'PROPOSAL', 200, 100));
    const l = layoutLabels(msgs, [], opts);
    assertReadable(l, [], msgs);
    expect(l.aggregates).toHaveLength(1);
    expect(l.aggregates[0].members).toHaveLength(6);
    expect(l.placed.has('p')).toBe(true);
  });

  it('keeps names off the crosses of messages dropped together on a cut link ("CL✕SE")', () => {
    // four CLOSEs and two NOTIFICATIONs dropped at the sender's edge, spread 16 px along the link
    const msgs = [0, 1, 2, 3, 4, 5].map((i) =>
      msg(`d${i}`, i < 4 ? 'CLOSE' : 'NOTIFICATION', 300 + i * 16, 300 - i * 2),
    );
    const o = { ...opts, markerRadius: 7 };
    const l = layoutLabels(msgs, [], o);
    assertReadable(l, [], msgs);
    assertMarkersClear(l, msgs, 7);
    // the same without markers as obstacles: some name lies on another's cross (the bug)
    const before = layoutLabels(msgs, [], opts);
    const hits = [...before.placed].some(([k, p]) =>
      msgs.some((m) => m.key !== k && intersects(p.box, { x: m.x - 7, y: m.y - 7, w: 14, h: 14 })),
    );
    expect(hits).toBe(true);
  });

  it('keeps every label readable for any messages and cards (property)', () => {
    const types = ['NOTIFICATION', 'PROPOSAL', 'ACK', 'COMMIT', 'TRUNC', 'FOLLOWERINFO'];
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            t: fc.integer({ min: 0, max: types.length - 1 }),
            x: fc.integer({ min: 0, max: 800 }),
            y: fc.integer({ min: 0, max: 560 }),
            a: fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
          }),
          { maxLength: 80 },
        ),
        fc.array(fc.record({ x: fc.integer({ min: 0, max: 700 }), y: fc.integer({ min: 0, max: 480 }) }), {
          maxLength: 7,
        }),
        (ms, cs) => {
          const msgs = ms.map((m, i) => ({
            key: `m${i}`,
            type: types[m.t],
            x: m.x,
            y: m.y,
            ux: Math.cos(m.a),
            uy: Math.sin(m.a),
            width: width(types[m.t]),
            priority: i,
          }));
          const cards = cs.map((c) => ({ x: c.x, y: c.y, w: 120, h: 80 }));
          assertReadable(layoutLabels(msgs, cards, opts), cards, msgs);
          const withMarkers = layoutLabels(msgs, cards, { ...opts, markerRadius: 7 });
          assertReadable(withMarkers, cards, msgs);
          assertMarkersClear(withMarkers, msgs, 7);
        },
      ),
      { numRuns: 200 },
    );
  });
});
