/** Global keyboard shortcuts (see HelpOverlay for the list). */
import { useEffect } from 'react';
import { useLangStore } from './i18n';
import { useSession } from './session';
import { useSim } from './store';
import { startedSids } from './stage/derive';
import { hasStops, toNextStop, toPrevStop } from './stops';

const SPEED_FACTOR = 1.5;

/** Whether a key press goes to something the user types in (so it is no shortcut). */
export function isTyping(target: EventTarget | null): boolean {
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

/** The clicker's page keys also work from a one-line input (a clicker has no other way out of it). */
function isPageKey(e: KeyboardEvent): boolean {
  return (
    (e.key === 'PageDown' || e.key === 'PageUp') &&
    !(e.target instanceof HTMLTextAreaElement) &&
    !(e.target instanceof HTMLSelectElement)
  );
}

/**
 * A control reached with the keyboard (Tab) keeps Space for itself; one that only has focus because
 * it was clicked or tapped does not, so Space still plays and pauses. (`:focus-visible` cannot tell:
 * a browser turns it on for the focused element at the first key press.)
 */
let lastPointerDown = -Infinity;
let focusByPointer = false;
function keyboardFocused(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement) || !target.closest('button, a, summary, [role="tab"]')) return false;
  return !focusByPointer;
}

/** the Space that went down played or paused: its keyup must not also click the focused button */
let spaceTaken = false;

export function useKeyboard(toggleHelp: () => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // Ctrl+Z / Cmd+Z: back to where the user was, or the last action taken back (a text field keeps its own)
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'z') {
        if (e.defaultPrevented || isTyping(e.target)) return;
        e.preventDefault();
        useSim.getState().undo();
        return;
      }
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
      if (isTyping(e.target) && !(useSession.getState().lecture && isPageKey(e))) return;
      const s = useSim.getState();
      const onRange = e.target instanceof HTMLInputElement && e.target.type === 'range';
      const session = useSession.getState();
      // the black screen: the clicker's keys (and Escape) bring the stage back, and do nothing else
      if (session.black) {
        if (['b', 'B', '.', 'Escape', 'PageDown', 'PageUp', ' '].includes(e.key)) {
          e.preventDefault();
          useSession.setState({ black: false });
        }
        return;
      }
      let handled = true;
      switch (e.key) {
        case ' ':
          if (keyboardFocused(e.target)) return;
          if (s.playing) s.pause();
          else s.play();
          // a clicked button would still take the Space as a click when the key comes up
          spaceTaken = true;
          break;
        case 'b':
        case 'B':
          // a clicker's "blank screen" button sends b or . (as PowerPoint reads them)
          if (!session.lecture) {
            handled = false;
            break;
          }
          useSession.setState({ black: true });
          break;
        case 'Home':
          if (onRange) return;
          s.pause();
          s.seek(0);
          break;
        case 'End':
          if (onRange) return;
          s.pause();
          s.seek(Math.max(s.horizon, s.view.step));
          break;
        case '.':
        case 'PageDown':
          if (e.key === '.' && session.lecture) {
            useSession.setState({ black: true });
            break;
          }
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
    const onKeyUp = (e: KeyboardEvent) => {
      if (e.key !== ' ' || !spaceTaken) return;
      spaceTaken = false;
      e.preventDefault();
    };
    const onPointerDown = () => {
      lastPointerDown = performance.now();
    };
    // a click focuses its control during the pointer press; any other focus came from keys or code
    const onFocusIn = () => {
      focusByPointer = performance.now() - lastPointerDown < 1000;
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('keyup', onKeyUp, true);
    window.addEventListener('pointerdown', onPointerDown, true);
    window.addEventListener('focusin', onFocusIn, true);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('keyup', onKeyUp, true);
      window.removeEventListener('pointerdown', onPointerDown, true);
      window.removeEventListener('focusin', onFocusIn, true);
    };
  }, [toggleHelp]);
}
