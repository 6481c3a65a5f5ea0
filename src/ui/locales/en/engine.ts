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
  'engine.act.start': 'Start {sids}',
  'engine.act.crash': 'Crash {sids}',
  'engine.act.restart': 'Restart {sids}',
  'engine.act.partition': 'Partition {groups}',
  'engine.act.heal': 'Heal the network',
  'engine.act.cut': 'Cut {a}–{b}',
  'engine.act.uncut': 'Restore {a}–{b}',
  'engine.act.drop': 'Drop next {from}→{to}',
  'engine.act.latency': 'Latency {lo}–{hi} ms',
  'engine.act.client': '{id}: {cmd}',
  'engine.act.crashOn': 'Crash {sid} after {after}',
  'engine.act.wipe': 'Wipe {sid}',
  'engine.act.corrupt': 'Corrupt {sid} at {zxid}',
  'engine.act.other': 'An action',
} satisfies Record<string, string>;
