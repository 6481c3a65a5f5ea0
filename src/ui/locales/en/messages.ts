export default {
  // ---- pace (src/ui/PaceControl.tsx)
  'messages.pace': 'Pace',
  'messages.pace.narrated': 'Narrated',
  'messages.pace.even': 'Even',
  'messages.pace.narrated.hint':
    'Narrated: slows down where something is decided (a vote changes, a leader is elected, a sync is chosen, a write commits) and hurries through heartbeats',
  'messages.pace.even.hint': 'Even: every event takes the same time (the speed, in events per second)',
  'messages.chapterStops': 'Pause at chapters',
  'messages.chapterStops.hint':
    'Playback stops at the start of each chapter of this scenario; press Play to go on',
} satisfies Record<string, string>;
