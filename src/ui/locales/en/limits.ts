// Limits on what a link, a file or the CLI may ask for (src/sim/limits.ts), the progress of a long
// replay, and invisible characters shown escaped. {value} is the input's, {max} the limit's.
export default {
  'limits.over.fileBytes':
    'The file is {value} bytes; ZAB Lab reads at most {max} bytes (limit “fileBytes”).',
  'limits.over.actions': 'The scenario has {value} actions; at most {max} are allowed (limit “actions”).',
  'limits.over.depth': 'The data is nested more than {max} levels deep (limit “depth”).',
  'limits.over.keyChars': 'A key is {value} characters long; keys are at most {max} (limit “keyChars”).',
  'limits.over.titleChars':
    'The title is {value} characters long; at most {max} are allowed (limit “titleChars”).',
  'limits.over.untilMs':
    'The run lasts {value} ms of virtual time; at most {max} ms (30 days) are allowed (limit “untilMs”).',
  'limits.over.untilTicks':
    'The run lasts {value} ticks; at most {max} ticks are allowed (limit “untilTicks”). A shorter until or a longer tickTime fits.',
  'limits.over.linkChars': 'The link is {value} characters long; at most {max} are read (limit “linkChars”).',
  'limits.over.linkJsonBytes': 'The link unpacks to more than {max} bytes (limit “linkJsonBytes”).',
  'limits.over.linkStep':
    'The link points at step {value}; a link may point at most at step {max} (limit “linkStep”).',
  'limits.over.recorded':
    'The link holds {value} recorded actions; at most {max} are allowed (limit “recorded”).',
  'limits.over.textChars':
    'A text in the link is {value} characters long; at most {max} are allowed (limit “textChars”).',

  'limits.replay.title': 'Opening the run',
  'limits.replay.progress': 'Replaying step {done} of {target}',
  'limits.replay.waiting': 'Starting the servers…',
  'limits.replay.cancel': 'Cancel',

  'limits.trace.allChecked':
    "Same run: the file's {total} events are this run's first {total} (the run is at event {n}; a copy of it was played on to compare).",
  'limits.trace.someChecked':
    "Same run as far as checked: the file's first {total} events are this run's (the run is at event {n}; a copy was played on to compare); {rest} more in the file were not checked.",

  'limits.invisible.title': 'Contains invisible or direction-changing characters, shown escaped as ⟦U+XXXX⟧',
  'limits.text.invisible':
    'The {what} holds an invisible or direction-changing character ({char}); ZAB Lab refuses those so that text always reads as it is.',
} satisfies Record<string, string>;
