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
import { useSim } from '../store';
import { type ClientSpot, layoutClients } from './clientLayout';
import type { Point } from './layout';
import { expiryBuckets } from './timers';
import { RefusedLine, refusalKey } from './ClientRefusal';

/** The id of the leader's session-tracker box in the client layout. */
const TRACKER = ' tracker';

interface Geometry {
  pos: Map<number, Point>;
  centre: Point;
  cardW: number;
  cardH: number;
  width: number;
  height: number;
}

/** Where the clients (and the leader's session tracker) sit; re-computed only when one moves. */
export function useClientSpots(g: Geometry): ClientSpot[] {
  const key = useSim((s) => {
    const parts = s.view.clients.map((c) => `${c.id}\u0000${c.server ?? ''}`);
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

function ClientPill({
  c,
  spot,
  server,
  leader,
  now,
  events,
}: {
  c: ClientView;
  spot: ClientSpot;
  server: Point | undefined;
  leader: ServerView | undefined;
  now: number;
  events: readonly TraceEvent[];
}) {
  const t = useT();
  const session = leader?.sessions.find((x) => x.id === c.sessionId);
  const left = session?.expiresAt != null ? session.expiresAt - now : null;
  const frac = left !== null && session ? Math.min(1, Math.max(0, left / session.timeout)) : null;
  const { sent, reply } = stepEvents(events, c.id);
  // the way to the server's card and back, for the request / reply animation
  const dx = server ? server.x - (spot.box.x + spot.box.w / 2) : 0;
  const dy = server ? server.y - (spot.box.y + spot.box.h / 2) : 0;
  const watches = c.watches.map((w) => `${w.path} (${t(`messages.client.watch.${w.kind}`)})`);
  const stateText = t(`messages.client.state.${c.state}`);
  const replyText = reply === null ? null : t(reply ? 'messages.client.replyOk' : 'messages.client.replyErr');
  const hasServer = server !== undefined;
  const refused = refusalKey(c);
  // a request leaving, a reply coming back: drawn when the step happens and left to finish its
  // flight (the next step may come sooner than the animation ends)
  const pillRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = pillRef.current;
    if (!el || !hasServer) return;
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
  }, [events, sent, reply, replyText, hasServer]);
  return (
    <div
      ref={pillRef}
      className={`client-pill ${stateClass(c.state)}${c.busy ? ' busy' : ''}${refused !== null ? ' refused' : ''}`}
      style={
        {
          left: spot.box.x,
          top: spot.box.y,
          width: spot.box.w,
          height: spot.box.h,
          '--dx': `${dx.toFixed(0)}px`,
          '--dy': `${dy.toFixed(0)}px`,
        } as React.CSSProperties
      }
      data-client={c.id}
      data-state={c.state}
      data-server={c.server ?? ''}
      title={[
        t('messages.client.title', { id: c.id, state: stateText }),
        c.sessionId ? t('messages.client.session', { id: c.sessionId }) : '',
        left !== null ? t('messages.client.expires', { ms: Math.round(left) }) : '',
        watches.length ? t('messages.client.watches', { list: watches.join(', ') }) : '',
      ]
        .filter(Boolean)
        .join('\n')}
    >
      <span className="client-line">
        <b>{c.id}</b>
        <span className="client-state">{stateText}</span>
        {c.busy ? <span className="client-busy" aria-label={t('messages.client.busy')} /> : null}
      </span>
      {refused !== null ? (
        <RefusedLine refused={refused} />
      ) : (
        <span className="client-line sub">
          {watches.length ? (
            <span className="client-watch" data-watches={c.watches.length}>
              {t('messages.client.watching', { paths: c.watches.map((w) => w.path).join(' ') })}
            </span>
          ) : (
            <span className="client-nowatch">{t('messages.client.noWatch')}</span>
          )}
        </span>
      )}
      {frac !== null ? (
        <span className="client-expiry" aria-hidden="true">
          <span style={{ width: `${(frac * 100).toFixed(1)}%` }} />
        </span>
      ) : null}
    </div>
  );
}

function TrackerBox({ spot, leader, now }: { spot: ClientSpot; leader: ServerView; now: number }) {
  const t = useT();
  const buckets = expiryBuckets(leader);
  return (
    <div
      className="session-tracker"
      style={{ left: spot.box.x, top: spot.box.y, width: spot.box.w, minHeight: spot.box.h }}
      data-testid="session-tracker"
      title={buckets
        .map((b) => t('messages.tracker.bucket', { at: b.at, list: b.sessions.join(', ') }))
        .join('\n')}
    >
      <span className="tracker-title">{t('messages.tracker.title', { sid: leader.sid })}</span>
      <span className="tracker-buckets">
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
  const events = useSim((s) => s.lastEvents);
  const leader = servers.find((x) => x.leader !== null);
  const byId = useMemo(() => new Map(spots.map((s) => [s.id, s])), [spots]);
  const tracker = byId.get(TRACKER);
  return (
    <>
      {clients.map((c) => {
        const spot = byId.get(c.id);
        return spot ? (
          <ClientPill
            key={c.id}
            c={c}
            spot={spot}
            server={c.server === null ? undefined : pos.get(c.server)}
            leader={leader}
            now={now}
            events={events}
          />
        ) : null;
      })}
      {tracker && leader ? <TrackerBox spot={tracker} leader={leader} now={now} /> : null}
    </>
  );
}

export const ClientLayer = memo(ClientLayerImpl);
