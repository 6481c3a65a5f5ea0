/**
 * What the message inspector shows: the message pinned by a click, a tap or Enter (a copy of its
 * view when pinned; the live one is read from the current view while it is still in flight), and
 * an aggregate label expanded into the list of the messages it names.
 */
import { create } from 'zustand';
import type { MessageView } from '../../sim/view';

export interface OpenGroup {
  type: string;
  /** message ids, in the order they are listed */
  ids: number[];
  /** where the aggregate label is, in stage px */
  x: number;
  y: number;
}

interface InspectState {
  pinned: MessageView | null;
  group: OpenGroup | null;
  pin(m: MessageView): void;
  openGroup(g: OpenGroup): void;
  close(): void;
}

export const useInspect = create<InspectState>((set) => ({
  pinned: null,
  group: null,
  pin: (m) => set({ pinned: m, group: null }),
  openGroup: (g) => set({ group: g }),
  close: () => set({ pinned: null, group: null }),
}));
