export default {
  // ---- the history's branches, near the transport (src/ui/Branches.tsx)
  'engine.branches.label': 'Branches',
  'engine.branches.hint':
    'Acting at a past step starts a new branch; the old future is kept here. Pick one to go back to it.',
  'engine.branches.count': '{n} branches',
  'engine.branches.main': 'Original run · {steps} steps',
  'engine.branches.from': 'Step {step}: {what} · {steps} steps',
  'engine.branches.fork': 'Step {step}: new future · {steps} steps',
  'engine.undo': 'Undo',
  'engine.undo.hint': 'Back to where you were, or take the last action back (Ctrl+Z / ⌘Z)',
  'engine.help.undo': 'Undo: back to where you were, or take the last action back',
  // what an action did, in a few words
  'engine.act.start': 'start {sids}',
  'engine.act.crash': 'crash {sids}',
  'engine.act.restart': 'restart {sids}',
  'engine.act.partition': 'partition {groups}',
  'engine.act.heal': 'heal the network',
  'engine.act.cut': 'cut {a}–{b}',
  'engine.act.uncut': 'restore {a}–{b}',
  'engine.act.drop': 'drop next {from}→{to}',
  'engine.act.latency': 'latency {lo}–{hi} ms',
  'engine.act.client': '{id}: {cmd}',
  'engine.act.crashOn': 'crash {sid} after {after}',
  'engine.act.wipe': 'wipe {sid}',
  'engine.act.corrupt': 'corrupt {sid} at {zxid}',
  'engine.act.other': 'an action',
} satisfies Record<string, string>;
