/**
 * What the message inspector shows: the message pinned by a click, a tap or Enter (a copy of its
 * view when pinned; the live one is read from the current view while it is still in flight), and
 * an aggregate label expanded into the list of the messages it names.
 */
import { create } from 'zustand';
import type { MessageView } from '../../zk/view';

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
  /** where the pinned message was drawn when it was pinned (stage px), if it was on the stage */
  at: { x: number; y: number } | null;
  group: OpenGroup | null;
  pin(m: MessageView, at?: { x: number; y: number }): void;
  openGroup(g: OpenGroup): void;
  close(): void;
}

export const useInspect = create<InspectState>((set) => ({
  pinned: null,
  at: null,
  group: null,
  pin: (m, at) => set({ pinned: m, at: at ?? null, group: null }),
  openGroup: (g) => set({ group: g }),
  close: () => set({ pinned: null, at: null, group: null }),
}));
