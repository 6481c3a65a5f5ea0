/** Presenting (issue 10): lecture scale and layout, the New ensemble form, embed URLs, tree names. */
import { describe, expect, it } from 'vitest';
import { fullAppUrl } from '../../src/ui/Embed';
import { lectureScaleFor } from '../../src/ui/lectureScale';
import { presetById } from '../../src/presets';
import { defaultForm, formFrom, scenarioFromForm } from '../../src/ui/NewEnsembleDialog';
import { NAME_MAX, shownName } from '../../src/ui/panels/tree';
import { layoutLecture } from '../../src/ui/stage/lectureLayout';

describe('lecture scale', () => {
  it('is 1 at 1280×720, 1.5 at 1080p, 3 at 4K, never below 1', () => {
    expect(lectureScaleFor(1280, 720)).toBe(1);
    expect(lectureScaleFor(1920, 1080)).toBe(1.5);
    expect(lectureScaleFor(3840, 2160)).toBe(3);
    expect(lectureScaleFor(1024, 768)).toBe(1);
    // a wide but short window scales by its height
    expect(lectureScaleFor(2560, 1080)).toBe(1.5);
  });
});

describe('lecture layout', () => {
  const sids = [1, 2, 3, 4, 5];
  it('grows the cards to the screen scale when the stage has room, without overlaps, inside the stage', () => {
    // the stage of a 1080p lecture screen (two thirds of the width, less the bars)
    const l = layoutLecture(sids, 1258, 780, 1.5);
    expect(l.scale).toBe(1.5);
    expect(l.large).toBe(true);
    const boxes = [...l.pos.values()];
    for (const p of boxes) {
      expect(p.x - l.cardW / 2).toBeGreaterThanOrEqual(0);
      expect(p.y - l.cardH / 2).toBeGreaterThanOrEqual(0);
      expect(p.x + l.cardW / 2).toBeLessThanOrEqual(1258);
      expect(p.y + l.cardH / 2).toBeLessThanOrEqual(780);
    }
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++)
        expect(
          Math.abs(boxes[i].x - boxes[j].x) >= l.cardW || Math.abs(boxes[i].y - boxes[j].y) >= l.cardH,
        ).toBe(true);
  });
  it('shrinks towards 1, then compact cards scaled up, then the ordinary layout', () => {
    expect(layoutLecture(sids, 1000, 560, 1.5).scale).toBeLessThan(1.5);
    const nine = [1, 2, 3, 4, 5, 6, 7, 8, 9];
    // nine servers on a 1080p stage: compact cards, but their 11 px type scaled to ≥ 15 px
    const many = layoutLecture(nine, 1258, 780, 1.5);
    expect(many.compact).toBe(true);
    expect(many.scale! * 11).toBeGreaterThanOrEqual(15);
    const tiny = layoutLecture(nine, 700, 400, 1);
    expect(tiny.scale).toBeUndefined();
    expect(tiny.compact).toBe(true);
  });
});

describe('New ensemble form', () => {
  it('makes the scenario: size, seed, version, config, every server started at 0', () => {
    const r = scenarioFromForm({
      ...defaultForm(),
      voters: '7',
      observers: '2',
      seed: '4242',
      zkVersion: '3.9.1',
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scenario.ensemble).toEqual({ voters: 7, observers: 2 });
    expect(r.scenario.seed).toBe(4242);
    expect(r.scenario.config.zkVersion).toBe('3.9.1');
    expect(r.scenario.actions).toEqual([{ at: 0, start: [1, 2, 3, 4, 5, 6, 7, 8, 9] }]);
  });
  it('names each bad field with its range', () => {
    const r = scenarioFromForm({
      ...defaultForm(),
      voters: '2',
      observers: '4',
      seed: '-1',
      tickTime: 'abc',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.field, e.params])).toEqual([
      ['voters', { min: 3, max: 9 }],
      ['observers', { min: 0, max: 3 }],
      ['seed', { min: 0, max: 4294967295 }],
      ['tickTime', { min: 1, max: 60000 }],
    ]);
  });
  it("keeps a preset's script with another seed (boot-jitter: 'change the seed')", () => {
    const preset = presetById('boot-jitter')!.file;
    const r = scenarioFromForm({ ...formFrom(preset), seed: '77', keepScript: true }, preset);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scenario.seed).toBe(77);
    expect(r.scenario.actions).toEqual(preset.actions);
    expect(r.scenario.config).toEqual(preset.config);
    expect(r.scenario.until).toBe(preset.until);
    // without the script: a fresh ensemble started at 0 ms, the default boot
    const fresh = scenarioFromForm({ ...formFrom(preset), seed: '77' }, preset);
    expect(fresh.ok && fresh.scenario.config.bootMs).toEqual([0, 0]);
  });
  it('refuses a latency range upside down', () => {
    const r = scenarioFromForm({ ...defaultForm(), latencyLo: '50', latencyHi: '5' });
    expect(r.ok ? [] : r.errors.map((e) => e.key)).toEqual(['present.new.latencyOrder']);
  });
});

describe('embed', () => {
  it('opens the same link as the whole app', () => {
    const loc = { origin: 'https://x.org', pathname: '/lab/', search: '?embed=v%3D1%26z%3Dabc', hash: '' };
    expect(fullAppUrl(loc)).toBe('https://x.org/lab/#v=1&z=abc');
    expect(fullAppUrl({ ...loc, search: '?embed=1&lang=zh', hash: '' })).toBe('https://x.org/lab/?lang=zh');
  });
});

describe('DataTree names', () => {
  it('keeps short names and shortens long ones from the middle', () => {
    expect(shownName('zookeeper')).toBe('zookeeper');
    const long = shownName('configuration-of-the-very-long-service-name');
    expect([...long]).toHaveLength(NAME_MAX);
    expect(long.startsWith('configurati')).toBe(true);
    expect(long.endsWith('name')).toBe(true);
    expect(long).toContain('…');
  });
});
