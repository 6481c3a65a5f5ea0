/** Global keyboard shortcuts (see HelpOverlay for the list). */
import { useEffect } from 'react';
import { useLangStore } from './i18n';
import { useSim } from './store';
import { startedSids } from './stage/derive';
import { hasStops, toNextStop, toPrevStop } from './stops';

const SPEED_FACTOR = 1.5;

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (target as HTMLInputElement).type;
    return type !== 'range' && type !== 'checkbox' && type !== 'radio' && type !== 'button';
  }
  return false;
}

/**
 * Going back replays the run from its start, so a held ← must not queue one replay per key repeat:
 * the presses of one frame are summed and done as one seek.
 */
let backPending = 0;
let backFrame: number | null = null;
function stepBackCoalesced(): void {
  backPending++;
  if (backFrame !== null) return;
  backFrame = requestAnimationFrame(() => {
    const s = useSim.getState();
    s.pause();
    s.seek(Math.max(0, s.view.step - backPending));
    backPending = 0;
    backFrame = null;
  });
}

export function useKeyboard(toggleHelp: () => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
      if (isTyping(e.target)) return;
      const s = useSim.getState();
      const onControl =
        e.target instanceof HTMLElement && e.target.closest('button, a, summary, [role="tab"]');
      const onRange = e.target instanceof HTMLInputElement && e.target.type === 'range';
      let handled = true;
      switch (e.key) {
        case ' ':
          if (onControl) return;
          if (s.playing) s.pause();
          else s.play();
          break;
        case '.':
        case 'PageDown':
          // the clicker: from stop to stop (lecture cues, lesson steps) when there are any
          if (hasStops()) {
            if (!e.repeat) toNextStop();
            break;
          }
          s.pause();
          s.step();
          break;
        case 'PageUp':
          if (hasStops()) {
            if (!e.repeat) toPrevStop();
            break;
          }
          stepBackCoalesced();
          break;
        case 'ArrowRight':
          if (onRange) return;
          s.pause();
          s.step();
          break;
        case 'ArrowLeft':
          if (onRange) return;
          stepBackCoalesced();
          break;
        case '+':
        case '=':
          s.setSpeed(Math.max(s.speed + 1, s.speed * SPEED_FACTOR));
          break;
        case '-':
        case '_':
        case '−':
          s.setSpeed(Math.min(s.speed - 1, s.speed / SPEED_FACTOR));
          break;
        case 'c':
        case 'C': {
          const sid = s.selectedSid;
          const sv = s.view.servers.find((x) => x.sid === sid);
          if (sid !== null && sv?.up) s.act({ crash: [sid] });
          break;
        }
        case 'r':
        case 'R': {
          const sid = s.selectedSid;
          const sv = s.view.servers.find((x) => x.sid === sid);
          if (sid !== null && sv && !sv.up) {
            s.act(startedSids(s).includes(sid) ? { restart: [sid] } : { start: [sid] });
          }
          break;
        }
        case 'l':
        case 'L': {
          const ls = useLangStore.getState();
          ls.setLang(ls.lang === 'en' ? 'zh-CN' : 'en');
          break;
        }
        case '?':
          toggleHelp();
          break;
        case 'Escape':
          s.select(null);
          handled = false;
          break;
        default:
          if (/^[1-9]$/.test(e.key)) {
            const sid = Number(e.key);
            if (s.view.servers.some((x) => x.sid === sid)) s.select(s.selectedSid === sid ? null : sid);
          } else handled = false;
      }
      if (handled) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [toggleHelp]);
}
