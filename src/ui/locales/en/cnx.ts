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
  // ---- the stage's election-connection layer (src/ui/stage/CnxLayer.tsx, CnxToggle.tsx)
  'cnx.toggle': 'Connections',
  'cnx.toggle.title':
    'Show the election connections between servers (QuorumCnxManager): who dialled, up or down, votes waiting in a send queue',
  'cnx.pair.title': 'Election connection S{a}–S{b}: {state}',
  'cnx.state.up': 'up, dialled by S{initiator}',
  'cnx.state.half': 'opening: S{initiator} dialled, the other end does not keep it yet',
  'cnx.state.down': 'no connection',
  'cnx.queued.title': 'S{sid} holds a vote for S{peer} in its send queue until a connection is up',
  'cnx.dialBack': 'S{lower}’s dial dropped (lower id) → S{higher} dials back',
  'cnx.dialBack.drop': '✕ S{lower}’s dial dropped',
  'cnx.dialBack.back': '↩ S{higher} dials back',
  'cnx.legend.title': 'Election connections',
  'cnx.legend.up': 'up (● the server that dialled)',
  'cnx.legend.half': 'one end only (opening or closing)',
  'cnx.legend.queued': 'vote waiting in the send queue',
  // ---- the message inspector's channel row (src/ui/stage/CnxChannelRow.tsx)
  'cnx.inspector.channel': 'Election connection',
  'cnx.inspector.both': '#{conn}, dialled by S{initiator}; both ends keep it',
  'cnx.inspector.sender': '#{conn}, dialled by S{initiator}; S{to} does not keep it (yet)',
  'cnx.inspector.receiver': '#{conn}, dialled by S{initiator}; S{from} has closed its end',
  'cnx.inspector.lowerDial':
    '#{conn}, dialled by S{from}, which has the smaller id and has already closed it: S{to} will close it too and dial S{from} back',
  'cnx.inspector.none':
    '#{conn}: neither end keeps it any more; a notification on it is lost (S{from} re-sends its last one on the next connection)',
  'cnx.menu.show': 'Show election connections',
  'cnx.menu.hide': 'Hide election connections',
} satisfies Record<string, string>;
