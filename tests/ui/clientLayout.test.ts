import { describe, expect, it } from 'vitest';
import { layoutClients } from '../../src/ui/stage/clientLayout';
import { intersects } from '../../src/ui/stage/labelLayout';
import { layoutStage } from '../../src/ui/stage/layout';

describe('layoutClients', () => {
  const stage = layoutStage([1, 2, 3, 4, 5], 760, 560);
  const card = { w: stage.cardW, h: stage.cardH };
  const cardRect = (sid: number) => {
    const p = stage.pos.get(sid)!;
    return { x: p.x - card.w / 2, y: p.y - card.h / 2, w: card.w, h: card.h };
  };
  const clients = [
    { id: 'c1', server: 1 },
    { id: 'c2', server: 1 },
    { id: 'c3', server: 4 },
    { id: 'c4', server: null },
  ];
  const spots = layoutClients(clients, stage.pos, stage.centre, card, stage);

  it('puts each client beside its own server, nearer it than any other, on no card', () => {
    for (const s of spots.filter((x) => x.id !== 'c4')) {
      const c = clients.find((x) => x.id === s.id)!;
      const mid = { x: s.box.x + s.box.w / 2, y: s.box.y + s.box.h / 2 };
      const dist = (sid: number) => Math.hypot(stage.pos.get(sid)!.x - mid.x, stage.pos.get(sid)!.y - mid.y);
      for (const other of [1, 2, 3, 4, 5].filter((x) => x !== c.server))
        expect(dist(c.server!)).toBeLessThan(dist(other));
      for (const sid of [1, 2, 3, 4, 5]) expect(intersects(s.box, cardRect(sid))).toBe(false);
    }
  });

  it('stacks the clients of one server without overlap, inside the stage', () => {
    for (let i = 0; i < spots.length; i++) {
      for (let j = i + 1; j < spots.length; j++) expect(intersects(spots[i].box, spots[j].box)).toBe(false);
      expect(spots[i].box.x).toBeGreaterThanOrEqual(0);
      expect(spots[i].box.x + spots[i].box.w).toBeLessThanOrEqual(stage.width);
      expect(spots[i].box.y + spots[i].box.h).toBeLessThanOrEqual(stage.height);
    }
  });

  it('moves a client with its server: another server, another place', () => {
    const moved = layoutClients([{ id: 'c1', server: 3 }], stage.pos, stage.centre, card, stage)[0];
    expect(moved.box).not.toEqual(spots[0].box);
  });
});
