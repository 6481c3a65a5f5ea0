// Scenarios menu, share links, lecture and embed mode, guided lessons (the UI around them).
// Preset and lesson texts themselves are in lessons.ts.
export default {
  'scn.bar': 'Scenarios, lessons and sharing',
  'scn.current': 'The scenario on the stage',
  'scn.watch': 'What to watch for',
  'scn.chapters': 'Chapters',
  'scn.chapterAt': 'Jump to step {step}',
  'scn.card.hide': 'Hide',

  'scn.default.title': 'Five servers, ready to boot',
  'scn.default.meta': '5 voters · open-ended',
  'scn.default.watch':
    'Nothing is scripted: start the servers yourself, all at once or one by one, then crash, restart and partition them and watch ZAB recover.',

  'scn.picker.button': 'Scenarios',
  'scn.picker.title': 'Scenario presets',
  'scn.picker.list': 'Presets',
  'scn.picker.meta': '{voters} voters · {observers} observers · {seconds} s of virtual time',
  'scn.picker.compare': 'Compare with:',
  'scn.picker.open': 'Open this scenario',

  'scn.lessons.button': 'Lessons',
  'scn.lessons.title': 'Guided lessons',
  'scn.lessons.intro':
    'A lesson narrates one scenario stop by stop and asks you to predict what happens next before it plays on. Back and forward always work.',
  'scn.lessons.meta': '{stops} stops · {questions} questions',

  'scn.lesson.label': 'Guided lesson',
  'scn.lesson.progress': 'stop {n} of {total}',
  'scn.lesson.exit': 'Leave lesson',
  'scn.lesson.stops': 'Lesson stops',
  'scn.lesson.goto': 'Go to stop {n}',
  'scn.lesson.before': 'Press “Next” to begin.',
  'scn.lesson.back': 'Back',
  'scn.lesson.next': 'Next',
  'scn.lesson.skip': 'Just show me',
  'scn.lesson.playing': 'Playing to the next stop…',
  'scn.lesson.clickServer': 'Answer by clicking a server on the stage, or pick below.',
  'scn.lesson.right': 'Right: {answer}.',
  'scn.lesson.wrong': 'Not quite: you said {mine}, it was {answer}.',
  'scn.lesson.unanswered': 'The answer was {answer}.',
  'scn.lesson.noAnswer': 'This run went differently from what the lesson expected.',
  'scn.lesson.done': 'End of the lesson. Go back to any stop, or pick another lesson.',

  'scn.share.copy': 'Copy link',
  'scn.share.copied': 'Link copied. It opens this exact step.',
  'scn.share.embedCopied': 'Embed code copied: an <iframe> (800×450) with this run, for a course page.',
  'scn.share.manual': 'Copying was not allowed here. Select the link below and copy it:',
  'scn.share.box': 'Link to this step',
  'scn.share.files': 'Share & files',
  'scn.share.embed': 'Copy embed code',
  'scn.share.exportScenario': 'Export scenario (JSON)',
  'scn.share.exportTrace': 'Export trace so far (JSON Lines)',
  'scn.share.import': 'Import scenario file…',
  'scn.share.compareTrace': 'Compare with a trace file (JSON Lines)…',
  'scn.trace.same': "Same run: the file's {n} events are exactly this run's events so far.",
  'scn.trace.fileLonger':
    "Same run so far: this run's {n} events are the file's first {n}; the file has {more} more. Play on and compare again.",
  'scn.trace.runLonger':
    'Same run: the whole file ({n} events) is how this run began; the run has gone {more} events further.',
  'scn.trace.differs': 'Not the same run: line {line} is the first that differs (virtual time {t} ms).',
  'scn.trace.file': 'the file',
  'scn.trace.run': 'this run',
  'scn.share.dismiss': 'OK',

  'scn.linkError.title': 'This link could not be opened',
  'scn.linkError.detail': 'Details:',
  'scn.linkError.hint':
    'Nothing from the link was loaded. You can start fresh with five servers ready to boot.',
  'scn.linkError.fresh': 'Start fresh',

  'scn.lecture.on': 'Lecture mode',
  'scn.lecture.off': 'Leave lecture mode',
  'scn.lecture.hint':
    'Presenter layout: large type, the stage, captions; PageDown / PageUp move from cue to cue',
  'scn.lecture.captions': 'Captions',
  'scn.lecture.cueOf': 'cue {n} / {total}',
  'scn.lecture.prev': 'Previous cue',
  'scn.lecture.next': 'Next cue',
  'scn.lecture.start': 'Press PageDown (or “Next cue”) to play to the first cue.',
  'scn.lecture.noCues': 'This scenario has no cue points: play it, or step with → and ←.',
  'scn.lecture.pickPreset': 'Open a scenario preset (☰ Scenarios) to get captions and cue points.',

  'scn.hintScripted':
    'This scenario starts its servers by itself. Press Play, or → to go one event at a time.',

  'scn.help.nextStop': 'next cue / lesson stop (else next event)',
  'scn.help.prevStop': 'previous cue / lesson stop (else previous event)',
} satisfies Record<string, string>;
