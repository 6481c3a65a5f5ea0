export default {
  // ---- the event log's filter name of the `refuse` trace kind (the panels.kind.* family)
  'panels.kind.refuse': 'client refused',
  // ---- the event log's line for a refused connection (src/ui/panels/narration.ts)
  'clients.narr.refuse':
    'S{sid} refuses client {client}: it has seen zxid {seen}, but S{sid} has only {ours}. The client must try another server.',
  // ---- a client pill on the stage (src/ui/stage/ClientLayer.tsx)
  'clients.pill.refused': '✕ S{sid}: {seen} > {ours}',
  'clients.pill.refusedTitle':
    'S{sid} refused this client: the client has seen zxid {seen}, S{sid} has only applied up to {ours}. Connecting there would let it read older data than it already saw, so the server closes the connection and the client tries the next server of its list.',
  'clients.pill.hosts': 'Connect string (in the order StaticHostProvider tries them): {list}',
  'clients.pill.lastZxid': 'Last zxid seen: {zxid}',
};
