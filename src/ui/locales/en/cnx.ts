/** Election connections (QuorumCnxManager): trace narration, the stage's channel layer. */
export default {
  // ---- the event log's kind filter names every trace kind as panels.kind.<ev> (EventLogPanel)
  'panels.kind.cnx': 'election connection',
  // ---- trace narration (src/ui/panels/narration.ts)
  'cnx.narr.dial': 'S{sid} dials S{peer} on the election port',
  'cnx.narr.up': 'S{sid} keeps its election connection with S{peer}: its send and receive workers start',
  'cnx.narr.discard':
    'a notification from S{peer} reaches S{sid} on a connection S{sid} has closed: it is lost',
  'cnx.narr.down.lowerSid':
    'S{sid} has the smaller id, so it drops the connection it opened to S{peer} and waits for S{peer} to dial back',
  'cnx.narr.down.dialBack':
    'S{sid} closes the connection S{peer} opened (S{peer} has the smaller id) and dials S{peer} back',
  'cnx.narr.down.replaced': "S{sid}'s older election connection with S{peer} is replaced by a new one",
  'cnx.narr.down.closedByPeer': "S{sid}'s election connection with S{peer} was closed by S{peer}",
  'cnx.narr.down.broken':
    "S{sid}'s election connection with S{peer} is broken (a message on it was lost); the next notification dials again",
} satisfies Record<string, string>;
