import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultScenario, useSim } from '../../src/ui/store';
import { panelState, READING_MS } from '../../src/ui/readingRate';

const s = () => useSim.getState();

describe('the panels read the store at a reading rate while playing fast', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    s().load(defaultScenario());
    s().act({ start: [1, 2, 3, 4, 5] });
    vi.advanceTimersByTime(1000);
  });
  afterEach(() => {
    useSim.setState({ playing: false });
    vi.useRealTimers();
  });

  it('shows every step at once when not playing fast', () => {
    useSim.setState({ playing: true, speed: 20 });
    for (let i = 0; i < 5; i++) {
      s().step();
      expect(panelState().view).toBe(s().view);
    }
    useSim.setState({ playing: false, speed: 850 });
    s().step();
    expect(panelState().view).toBe(s().view);
  });

  it('playing fast: at most one frame per READING_MS, the latest; exact again when paused', () => {
    useSim.setState({ playing: true, speed: 850 });
    expect(panelState().view).toBe(s().view);
    const shown = panelState().view;
    for (let i = 0; i < 5; i++) s().step();
    // the frames of the last READING_MS wait
    expect(panelState().view).toBe(shown);
    expect(panelState().view.step).toBeLessThan(s().view.step);
    vi.advanceTimersByTime(READING_MS);
    expect(panelState().view).toBe(s().view);
    s().step();
    expect(panelState().view).not.toBe(s().view);
    // pausing shows the step playback stopped on, at once
    useSim.setState({ playing: false });
    expect(panelState().view).toBe(s().view);
    expect(panelState().playing).toBe(false);
  });

  it('a new runtime object with the same values (every frame with workers) is no change; a new value is', () => {
    useSim.setState({ playing: true, speed: 850 });
    const shown = panelState().view;
    s().step();
    useSim.setState((st) => ({ runtime: { ...st.runtime } }));
    expect(panelState().view).toBe(shown);
    useSim.setState((st) => ({ runtime: { ...st.runtime, live: !st.runtime.live } }));
    expect(panelState().view).toBe(s().view);
    expect(panelState().runtime).toBe(s().runtime);
  });

  it('a selection reaches the panels at once, with the frame of that moment', () => {
    useSim.setState({ playing: true, speed: 850 });
    s().step();
    s().step();
    expect(panelState().view).not.toBe(s().view);
    s().select(3);
    expect(panelState().selectedSid).toBe(3);
    expect(panelState().view).toBe(s().view);
  });
});
