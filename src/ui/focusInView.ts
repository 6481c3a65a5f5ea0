/**
 * On a phone the header's rows and the stage's toolbar scroll sideways (narrow.css), and a control
 * the browser focuses there (Tab, a tap) stays where it was if part of it shows: half a button at
 * the row's edge. Brought whole into view instead, above the transport fixed at the bottom edge
 * (the page's scroll-padding, narrow.css). Elsewhere (a wide screen) the control is already whole
 * and nothing moves.
 */
const ROWS = '.app-header .controls, .app-bar, .stage-toolbar';

export function keepFocusInView(): void {
  document.addEventListener('focusin', (e) => {
    const el = e.target;
    if (el instanceof HTMLElement && el.closest(ROWS))
      el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  });
}
