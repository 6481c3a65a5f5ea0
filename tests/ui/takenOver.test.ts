/**
 * A tab whose ensemble another tab took over: once the taken-over error is reported, play, step,
 * step back, seek and actions change nothing here (their steps would reach no worker), until the
 * flag is cleared (a resume or a new run does that).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runtimeError } from '../../src/runtime/errors';
import { defaultScenario, useSim } from '../../src/ui/store';

const s = () => useSim.getState();

describe('a taken-over tab', () => {
  afterEach(() => useSim.setState({ runtime: { ...s().runtime, takenOver: null } }));

  it('plays, steps, seeks and acts no more once another tab took its ensemble over', () => {
    s().load(defaultScenario());
    s().act({ start: [1, 2, 3, 4, 5] });
    for (let i = 0; i < 5; i++) s().step();
    s().play();
    s().reportError({
      ...runtimeError('taken-over', 'ensemble e1 is now run by another tab'),
      ensemble: 'e1',
    });
    expect(s().runtime.takenOver).toBe('e1');
    expect(s().playing).toBe(false);
    const step = s().view.step;
    const recorded = s().recorded.length;
    s().play();
    expect(s().playing).toBe(false);
    expect(s().step()).toBe(false);
    s().stepBack();
    s().seek(0);
    s().act({ crash: [1] });
    expect(s().view.step).toBe(step);
    expect(s().recorded.length).toBe(recorded);
    // taken back: on again
    useSim.setState({ runtime: { ...s().runtime, takenOver: null } });
    expect(s().step()).toBe(true);
    expect(s().view.step).toBe(step + 1);
  });
});
