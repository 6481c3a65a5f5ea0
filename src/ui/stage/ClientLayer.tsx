/**
 * Clients on the stage: each client session beside the server it is connected to (./clientLayout),
 * with its state (CONNECTING, CONNECTED, EXPIRED, CLOSED, DISCONNECTED — the session's real state,
 * from ClientCnxn), its watches, how long its session has before the leader's session tracker
 * expires it, and its requests and replies as they happen (a command leaves the client; a reply
 * comes back). When it reconnects elsewhere it moves there. Next to the leader, its session
 * tracker: the expiry buckets (SessionTrackerImpl / ExpiryQueue).
 */
import { memo, useEffect, useMemo, useRef } from 'react';
import type { ClientView, ServerView } from '../../zk/view';
import type { TraceEvent } from '../../zk/trace';
import { useT } from '../i18n';
import { useFastPlay, useSim } from '../store';
import { type ClientSpot, layoutClients } from './clientLayout';
import type { Point } from './layout';
import { expiryBuckets } from './timers';
import { RefusedLine, refusalKey } from './ClientRefusal';
// the pills', the tracker's and the timers' styles: needed even when the messages' layer is not loaded
import './messages.css';

/** The id of the leader's session-tracker box in the client layout. */
const TRACKER = ' tracker';

interface Geometry {
  pos: Map<number, Point>;
  centre: Point;
  cardW: number;
  cardH: number;
  width: number;
  height: number;
  /** lecture mode's card scale: the clients grow with the cards */
  scale?: number;
}

/** Where the clients (and the leader's session tracker) sit; re-computed only when one moves. */
export function useClientSpots(g: Geometry): ClientSpot[] {
  const key = useSim((s) => {
    // a client refused for having seen a newer zxid stands beside the server that refused it (its
    // pill says so) until it is connected again, not beside the next server it tries
    const parts = s.view.clients.map(
      (c) => `${c.id}\u0000${c.refused && c.state !== 'CONNECTED' ? c.refused.server : (c.server ?? '')}`,
    );
    const leader = s.view.servers.find((x) => x.leader !== null && x.sessions.length > 0);
    if (leader) parts.push(`${TRACKER}\u0000${leader.sid}`);
    return parts.join('\u0001');
  });
  return useMemo(() => {
    if (!key) return [];
    const list = key.split('\u0001').map((p) => {
      const [id, server] = p.split('\u0000');
      return { id, server: server === '' ? null : Number(server) };
    });
    return layoutClients(list, g.pos, g.centre, { w: g.cardW, h: g.cardH }, g);
  }, [key, g]);
}

function stateClass(state: ClientView['state']): string {
  if (state === 'CONNECTED') return 'connected';
  if (state === 'CONNECTING') return 'connecting';
  if (state === 'DISCONNECTED') return 'waiting';
  // CLOSED, EXPIRED, AUTH_FAILED: the session is over
  return 'ended';
}

/** What this step did for one client: the command it issued, the reply it got. */
function stepEvents(
  events: readonly TraceEvent[],
  id: string,
): { sent: string | null; reply: boolean | null } {
  let sent: string | null = null;
  let reply: boolean | null = null;
  for (const e of events) {
    if (e.ev === 'client' && e.id === id) sent = e.cmd;
    else if (e.ev === 'reply' && e.client === id) reply = e.ok;
  }
  return { sent, reply };
}

/** A pill's expiry bar moves in steps of this much of its width (about a pixel): fewer re-renders. */
const EXPIRY_STEPS = 120;

interface PillProps {
  id: string;
  state: ClientView['state'];
  busy: boolean;
  server: number | null;
  sessionId: string | null;
  /** "path\u0000kind" per watch, joined by \u0001 ('' when none): a primitive memo can compare */
  watchKey: string;
  spot: ClientSpot;
  /** the way to the server's card, for the request / reply animation */
  dx: number;
  dy: number;
  /** the part of its session's timeout still to run, in EXPIRY_STEPS steps; null without a session */
  expiry: number | null;
  /** the command this step sent and the reply it got (null: none), and the step they happened at */
  sent: string | null;
  reply: boolean | null;
  pulse: number;
  /** refusalKey: the server that last refused it for having seen a newer zxid (null: none) */
  refused: string | null;
  /** connected to a read-only server (ZooKeeper's state CONNECTEDREADONLY) */
  readOnly: boolean;
  /** playing fast: a move is not animated (the messages do not glide either) */
  fast: boolean;
}

/**
 * One client. Props are primitives (memo skips a pill whose client did not change at this step:
 * under a write load most steps touch one client of many), its place is a transform (a move is
 * composited, not laid out) and its expiry bar a scaleX. What only a hover shows (the session's
 * time left) is read when the pointer arrives, not written at every step.
 */
const ClientPill = memo(function ClientPill({
  id,
  state,
  busy,
  server,
  sessionId,
  watchKey,
  spot,
  dx,
  dy,
  expiry,
  sent,
  reply,
  pulse,
  refused,
  readOnly,
  fast,
}: PillProps) {
  const t = useT();
  const watches = watchKey
    ? watchKey.split('\u0001').map((w) => {
        const [path, kind] = w.split('\u0000');
        return { path, kind };
      })
    : [];
  const stateText = readOnly ? t('readonly.client.state') : t(`messages.client.state.${state}`);
  const replyText = reply === null ? null : t(reply ? 'messages.client.replyOk' : 'messages.client.replyErr');
  const hasServer = server !== null;
  // a request leaving, a reply coming back: drawn when the step happens and left to finish its
  // flight (the next step may come sooner than the animation ends)
  const pillRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = pillRef.current;
    if (!el || !hasServer || pulse < 0) return;
    const fly = (cls: string, text: string, title: string) => {
      const packet = document.createElement('span');
      packet.className = cls;
      packet.textContent = text;
      packet.title = title;
      packet.addEventListener('animationend', () => packet.remove());
      el.appendChild(packet);
      // no animation (reduced motion): gone all the same
      window.setTimeout(() => packet.remove(), 1500);
    };
    if (sent !== null) fly('client-packet request', sent.split(' ')[0], sent);
    if (reply !== null && replyText !== null)
      fly(`client-packet reply ${reply ? 'ok' : 'err'}`, replyText, replyText);
  }, [pulse, sent, reply, replyText, hasServer]);
  // the title, with the session's time left as it is when the pointer comes
  const onHover = () => {
    const el = pillRef.current;
    if (!el) return;
    const v = useSim.getState().view;
    const leader = v.servers.find((x) => x.leader !== null);
    const session = sessionId ? leader?.sessions.find((x) => x.id === sessionId) : undefined;
    const left = session?.expiresAt != null ? session.expiresAt - v.t : null;
    el.title = [
      t('messages.client.title', { id, state: stateText }),
      readOnly ? t('readonly.client.title') : '',
      sessionId ? t('messages.client.session', { id: sessionId }) : '',
      left !== null ? t('messages.client.expires', { ms: Math.round(left) }) : '',
      watches.length
        ? t('messages.client.watches', {
            list: watches
              .map((w) => {
                // addWatch's persistent kinds are named in the znodes locale files
                const ns =
                  w.kind === 'persistent' || w.kind === 'persistentRecursive' ? 'znodes' : 'messages.client';
                return `${w.path} (${t(`${ns}.watch.${w.kind}`)})`;
              })
              .join(', '),
          })
        : '',
    ]
      .filter(Boolean)
      .join('\n');
  };
  return (
    <div
      ref={pillRef}
      className={`client-pill ${stateClass(state)}${busy ? ' busy' : ''}${refused !== null ? ' refused' : ''}${
        readOnly ? ' read-only' : ''
      }${fast ? ' fast' : ''}`}
      style={
        {
          transform: `translate(${spot.box.x}px, ${spot.box.y}px)`,
          width: spot.box.w,
          height: spot.box.h,
          '--dx': `${dx.toFixed(0)}px`,
          '--dy': `${dy.toFixed(0)}px`,
        } as React.CSSProperties
      }
      data-client={id}
      data-state={state}
      data-readonly={readOnly ? 'true' : undefined}
      data-server={server ?? ''}
      onPointerEnter={onHover}
      onFocus={onHover}
    >
      <span className="client-line">
        <b>{id}</b>
        <span className="client-state">{stateText}</span>
        {busy ? <span className="client-busy" aria-label={t('messages.client.busy')} /> : null}
      </span>
      {refused !== null ? (
        <RefusedLine refused={refused} />
      ) : (
        <span className="client-line sub">
          {watches.length ? (
            <span className="client-watch" data-watches={watches.length}>
              {t('messages.client.watching', { paths: watches.map((w) => w.path).join(' ') })}
            </span>
          ) : (
            <span className="client-nowatch">{t('messages.client.noWatch')}</span>
          )}
        </span>
      )}
      {expiry !== null ? (
        <span className="client-expiry" aria-hidden="true">
          <span style={{ transform: `scaleX(${(expiry / EXPIRY_STEPS).toFixed(3)})` }} />
        </span>
      ) : null}
    </div>
  );
});

function TrackerBox({
  spot,
  leader,
  now,
  fast,
}: {
  spot: ClientSpot;
  leader: ServerView;
  now: number;
  fast: boolean;
}) {
  const t = useT();
  const buckets = expiryBuckets(leader);
  return (
    <div
      className={fast ? 'session-tracker fast' : 'session-tracker'}
      style={{ left: spot.box.x, top: spot.box.y, width: spot.box.w, minHeight: spot.box.h }}
      data-testid="session-tracker"
      title={
        buckets.length === 0
          ? t('messages.tracker.idleWhy')
          : buckets
              .map((b) => t('messages.tracker.bucket', { at: b.at, list: b.sessions.join(', ') }))
              .join('\n')
      }
    >
      <span className="tracker-title">{t('messages.tracker.title', { sid: leader.sid })}</span>
      <span className="tracker-buckets">
        {/* ZooKeeperServer.startup starts the session tracker: before the leader is established
            its sessions are loaded but none is counting down */}
        {buckets.length === 0 ? (
          <span className="tracker-bucket idle">{t('messages.tracker.idle')}</span>
        ) : null}
        {buckets.slice(0, 2).map((b) => (
          <span key={b.at} className="tracker-bucket" data-at={b.at} data-n={b.sessions.length}>
            {t('messages.tracker.row', {
              left: (Math.max(0, b.at - now) / 1000).toFixed(1),
              n: b.sessions.length,
            })}
          </span>
        ))}
      </span>
    </div>
  );
}

function ClientLayerImpl({ spots, pos }: { spots: ClientSpot[]; pos: Map<number, Point> }) {
  const clients = useSim((s) => s.view.clients);
  const servers = useSim((s) => s.view.servers);
  const now = useSim((s) => s.view.t);
  const step = useSim((s) => s.view.step);
  const events = useSim((s) => s.lastEvents);
  const fast = useFastPlay();
  const leader = servers.find((x) => x.leader !== null);
  const byId = useMemo(() => new Map(spots.map((s) => [s.id, s])), [spots]);
  const tracker = byId.get(TRACKER);
  return (
    <>
      {clients.map((c) => {
        const spot = byId.get(c.id);
        if (!spot) return null;
        const server = c.server === null ? undefined : pos.get(c.server);
        const session = c.sessionId ? leader?.sessions.find((x) => x.id === c.sessionId) : undefined;
        const left = session?.expiresAt != null ? session.expiresAt - now : null;
        const expiry =
          left !== null && session
            ? Math.round(Math.min(1, Math.max(0, left / session.timeout)) * EXPIRY_STEPS)
            : null;
        const { sent, reply } = stepEvents(events, c.id);
        return (
          <ClientPill
            key={c.id}
            id={c.id}
            state={c.state}
            busy={c.busy}
            server={server ? c.server : null}
            sessionId={c.sessionId}
            watchKey={c.watches.map((w) => `${w.path}\u0000${w.kind}`).join('\u0001')}
            spot={spot}
            dx={server ? Math.round(server.x - (spot.box.x + spot.box.w / 2)) : 0}
            dy={server ? Math.round(server.y - (spot.box.y + spot.box.h / 2)) : 0}
            expiry={expiry}
            sent={sent}
            reply={reply}
            pulse={sent !== null || reply !== null ? step : -1}
            refused={refusalKey(c)}
            readOnly={c.readOnly === true}
            fast={fast}
          />
        );
      })}
      {tracker && leader ? <TrackerBox spot={tracker} leader={leader} now={now} fast={fast} /> : null}
    </>
  );
}

export const ClientLayer = memo(ClientLayerImpl);
