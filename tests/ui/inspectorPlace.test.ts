import { describe, expect, it } from 'vitest';
import { intersects } from '../../src/ui/stage/labelLayout';
import { layoutStage } from '../../src/ui/stage/layout';
import { inspectorPlace } from '../../src/ui/stage/MessageInspector';

describe('inspectorPlace', () => {
  const W = 250;
  const H = 215;
  for (const n of [3, 5, 7]) {
    it(`never hides the pinned message, and hides the least of the cards (${n} servers)`, () => {
      const stage = layoutStage(
        Array.from({ length: n }, (_, i) => i + 1),
        768,
        570,
      );
      const cards = [...stage.pos.values()].map((p) => ({
        x: p.x - stage.cardW / 2,
        y: p.y - stage.cardH / 2,
        w: stage.cardW,
        h: stage.cardH,
      }));
      for (const at of [
        stage.centre,
        { x: stage.centre.x + 60, y: stage.centre.y - 40 },
        { x: 700, y: 40 },
      ]) {
        const p = inspectorPlace(stage, cards, at);
        const r = { x: p.left, y: p.top, w: W, h: H };
        expect(at.x > r.x && at.x < r.x + r.w && at.y > r.y && at.y < r.y + r.h).toBe(false);
        expect(r.x).toBeGreaterThanOrEqual(0);
        expect(r.y + r.h).toBeLessThanOrEqual(570);
      }
    });
  }

  it('takes a free corner when there is one', () => {
    const cards = [{ x: 300, y: 200, w: 150, h: 120 }];
    const p = inspectorPlace({ width: 800, height: 600 }, cards, { x: 100, y: 500 });
    expect(intersects({ x: p.left, y: p.top, w: W, h: H }, cards[0])).toBe(false);
  });
});
