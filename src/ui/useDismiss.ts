/**
 * Popovers that close by themselves: while `open`, a pointer down outside `ref`'s element calls
 * `onDismiss('outside')` and Escape calls `onDismiss('escape')`. Models nothing in ZooKeeper.
 */
import { useEffect, useRef, type RefObject } from 'react';

export function useDismiss(
  open: boolean,
  ref: RefObject<HTMLElement | null>,
  onDismiss: (how: 'outside' | 'escape') => void,
): void {
  // the latest callback, without re-subscribing on every render
  const cb = useRef(onDismiss);
  useEffect(() => {
    cb.current = onDismiss;
  }, [onDismiss]);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (ref.current && e.target instanceof Node && !ref.current.contains(e.target)) cb.current('outside');
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') cb.current('escape');
    };
    window.addEventListener('pointerdown', onDown);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('pointerdown', onDown);
      window.removeEventListener('keydown', onKey);
    };
  }, [open, ref]);
}
