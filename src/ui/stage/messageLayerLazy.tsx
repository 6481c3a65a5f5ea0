/**
 * The messages' layer (./MessageLayer), loaded when there is a first message to draw: neither it
 * nor d3-selection is needed on the first screen (servers waiting to boot), which keeps them out of
 * the initial JS. Once shown it stays (an empty step draws no message, as before).
 */
import { lazy, Suspense, useState, type ComponentProps } from 'react';
import { useSim } from '../store';
import type { MessageLayer as Layer } from './MessageLayer';

const Lazy = lazy(() => import('./MessageLayer').then((m) => ({ default: m.MessageLayer })));

export function MessageLayer(props: ComponentProps<typeof Layer>) {
  const any = useSim((s) => s.view.inflight.length > 0 || s.delivered.length > 0 || s.dropped.length > 0);
  const [seen, setSeen] = useState(false);
  if (any && !seen) setSeen(true);
  if (!any && !seen) return null;
  return (
    <Suspense fallback={null}>
      <Lazy {...props} />
    </Suspense>
  );
}
