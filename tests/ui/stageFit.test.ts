import { describe, expect, it } from 'vitest';
import { layoutClients } from '../../src/ui/stage/clientLayout';
import { intersects } from '../../src/ui/stage/labelLayout';
import { freeCentre, type StageLayout } from '../../src/ui/stage/layout';
import { layoutLecture } from '../../src/ui/stage/lectureLayout';

const cards = (l: StageLayout) =>
  [...l.pos.values()].map((p) => ({ x: p.x - l.cardW / 2, y: p.y - l.cardH / 2, w: l.cardW, h: l.cardH }));

describe('the boot hint in the middle of the ring (freeCentre)', () => {
  // lecture mode at 1920×1080: the stage's canvas, five large cards at scale 1.5
  const l = layoutLecture([1, 2, 3, 4, 5], 1258, 753, 1.5);
  const free = freeCentre(l);
  const box = { x: l.centre.x - free.w / 2, y: l.centre.y - free.h / 2, w: free.w, h: free.h };

  it('is a box no card covers', () => {
    for (const c of cards(l)) expect(intersects(box, c)).toBe(false);
  });

  it('is as large as the middle allows: a little larger touches a card', () => {
    expect(free.w).toBeGreaterThan(200);
    const grown = { x: box.x - 12, y: box.y - 12, w: box.w + 24, h: box.h + 24 };
    expect(cards(l).some((c) => intersects(grown, c))).toBe(true);
  });
});

describe('clients in lecture mode (layoutClients with the card scale)', () => {
  const l = layoutLecture([1, 2, 3, 4, 5, 6, 7, 8, 9], 1258, 753, 1.5);
  const clients = [1, 2, 3, 4, 5, 6].map((s) => ({ id: `c${s}`, server: s }));
  const plain = layoutClients(clients, l.pos, l.centre, { w: l.cardW, h: l.cardH }, l);
  const one = layoutClients(clients, l.pos, l.centre, { w: l.cardW, h: l.cardH }, { ...l, scale: 1 });

  it('grow with the cards', () => {
    expect(l.scale).toBeGreaterThan(1);
    expect(plain[0].box.w).toBe(Math.round(one[0].box.w * l.scale!));
    expect(plain[0].box.h).toBe(Math.round(one[0].box.h * l.scale!));
  });

  it('stay on the stage', () => {
    for (const s of plain) {
      expect(s.box.x).toBeGreaterThanOrEqual(0);
      expect(s.box.y).toBeGreaterThanOrEqual(0);
      expect(s.box.x + s.box.w).toBeLessThanOrEqual(l.width);
      expect(s.box.y + s.box.h).toBeLessThanOrEqual(l.height);
    }
  });
});
