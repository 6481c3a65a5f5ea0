/** 8. zkCli console: one tab per client session, a server to connect to, a command line with history. */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { ClientView } from '../../zk/view';
import { visible } from '../../share/visible';
import { useT } from '../i18n';
import { runUntilAnswered } from '../session';
import { usePanelSim } from '../readingRate';
import { Empty } from './common';
import { usePanelUi } from './uiState';

const EXAMPLES = [
  'create /a hello',
  'ls /',
  'get -s /a',
  'set /a world',
  'get -w /a',
  'create -e -s /lock- x',
  'stat /a',
  'delete /a',
  'addauth digest alice:secret',
  'create /p x auth::cdrwa',
  'getAcl /p',
  'addWatch -m PERSISTENT /a',
  'create -c /jobs',
  'setquota -n 3 /jobs',
  'listquota /jobs',
  'echo srvr | nc server1 2181',
  'connect server1:2181,server2:2181,server3:2181',
];

/** Style of a transcript line, by what zkCli printed. */
export function lineKind(line: string): 'prompt' | 'watch' | 'err' | 'out' {
  if (/^(\[zk:.*\]\s|zk> ?|\$ )/.test(line)) return 'prompt';
  if (line.startsWith('WATCHER::') || line.startsWith('WatchedEvent')) return 'watch';
  if (
    /^(Node already exists|Node does not exist|Node not empty|version No is not valid|Ephemerals cannot have children|KeeperErrorCode|Path must start|Command not found|Not connected|Session expired|Insufficient permission|Acl is not valid|Authentication is not valid|Quota has exceeded|nc: )/.test(
      line,
    )
  )
    return 'err';
  return 'out';
}

/** The next free client id: c1, c2, … */
export function nextClientId(ids: readonly string[]): string {
  let n = 1;
  while (ids.includes(`c${n}`)) n++;
  return `c${n}`;
}

const STATE_CLASS: Record<ClientView['state'], string> = {
  CONNECTED: 'zp-good',
  CONNECTING: 'zp-warn',
  DISCONNECTED: 'zp-warn',
  CLOSED: '',
  EXPIRED: 'zp-bad',
  AUTH_FAILED: 'zp-bad',
};

type ServerLite = { sid: number; up: boolean; state: string; zabState: string; readOnly?: boolean };

/**
 * What the client's state means right now. CONNECTING is ZooKeeper's own state until the
 * ConnectResponse: the server first commits the createSession through the quorum
 * (ZooKeeperServer.processConnectRequest → createSession; a follower forwards it to the leader as a
 * REQUEST, which proposes it), so REQUEST / PROPOSAL on the wire while CONNECTING is that commit.
 */
export function stateNote(
  client: ClientView,
  servers: readonly ServerLite[],
  t: (k: string, p?: Record<string, string | number>) => string,
): string {
  const sv = servers.find((s) => s.sid === client.server);
  switch (client.state) {
    case 'CONNECTING':
      if (!sv || !sv.up) return t('present.console.connectingDown', { sid: client.server ?? '?' });
      // a ReadOnlyZooKeeperServer: a -r client gets a local session at once, any other is refused
      if (sv.readOnly === true)
        return t(client.canBeReadOnly ? 'readonly.console.connecting' : 'readonly.console.refused', {
          sid: sv.sid,
        });
      if (sv.zabState !== 'BROADCAST')
        return t('present.console.connectingNotServing', { sid: sv.sid, state: sv.state });
      return t('present.console.connectingSession', { sid: sv.sid });
    case 'CONNECTED':
      if (client.readOnly === true) return t('readonly.console.connected', { sid: client.server ?? '?' });
      return t('present.console.connected', { sid: client.server ?? '?' });
    case 'DISCONNECTED':
      return t('present.console.disconnected');
    default:
      return '';
  }
}

/** A request is outstanding: say what it waits for, and offer to run the simulation until it is answered. */
function WaitingNote({ client }: { client: ClientView }) {
  const t = useT();
  const playing = usePanelSim((s) => s.playing);
  const finished = usePanelSim((s) => s.finished);
  return (
    <div className="zp-waiting" role="status" data-testid="console-waiting">
      <span>
        {playing
          ? t('present.console.waitingPlaying')
          : finished
            ? t('present.console.waitingFinished')
            : t('present.console.waitingPaused')}
      </span>
      {!playing && !finished ? (
        <button
          type="button"
          className="zp-btn zp-primary"
          onClick={() => runUntilAnswered(client.id)}
          data-testid="console-run-until"
        >
          ▶ {t('present.console.runUntil')}
        </button>
      ) : null}
    </div>
  );
}

export function ConsolePanel() {
  const t = useT();
  const clients = usePanelSim((s) => s.view.clients);
  const servers = usePanelSim((s) => s.view.servers);
  const selectedClient = usePanelSim((s) => s.selectedClient);
  const selectClient = usePanelSim((s) => s.selectClient);
  const selectedSid = usePanelSim((s) => s.selectedSid);
  const act = usePanelSim((s) => s.act);

  const drafts = usePanelUi((s) => s.consoleDrafts);
  const picked = usePanelUi((s) => s.consolePicked);
  const history = usePanelUi((s) => s.consoleHistory);
  const setUi = usePanelUi((s) => s.set);
  const [input, setInput] = useState('');
  const [histPos, setHistPos] = useState<number | null>(null);
  const termRef = useRef<HTMLPreElement>(null);

  const ids = [...clients.map((c) => c.id), ...drafts.filter((d) => !clients.some((c) => c.id === d))];
  if (ids.length === 0) ids.push('c1');
  const active = selectedClient !== null && ids.includes(selectedClient) ? selectedClient : ids[0];
  const client = clients.find((c) => c.id === active) ?? null;
  const up = servers.filter((s) => s.up);
  const anyUp = up.length > 0;

  const defaultServer =
    client?.server ??
    (selectedSid !== null && up.some((s) => s.sid === selectedSid)
      ? selectedSid
      : (up[0]?.sid ?? servers[0]?.sid));
  const server = picked[active] ?? defaultServer ?? null;
  const lines = client?.transcript ?? [];

  useEffect(() => {
    const el = termRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [lines.length, active]);

  const send = (cmd: string) => {
    const c = cmd.trim();
    if (!c || !anyUp) return;
    // zkCli's `connect host:port,…` names its servers itself (a connect string): no move, and a
    // server picked before no longer pins the client (it follows its list from now on)
    const connect = /^connect(\s|$)/.test(c);
    const moving = server !== null && (client === null || client.server !== server) && !connect;
    act({ client: moving ? { id: active, server: server!, cmd: c } : { id: active, cmd: c } });
    const rest = Object.fromEntries(Object.entries(picked).filter(([id]) => id !== active));
    setUi({
      consoleHistory: { ...history, [active]: [...(history[active] ?? []), c] },
      ...(connect ? { consolePicked: rest } : {}),
    });
    setHistPos(null);
    setInput('');
  };

  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    const h = history[active] ?? [];
    if (e.key === 'Enter') {
      e.preventDefault();
      send(input);
    } else if (e.key === 'ArrowUp') {
      if (h.length === 0) return;
      e.preventDefault();
      const pos = histPos === null ? h.length - 1 : Math.max(0, histPos - 1);
      setHistPos(pos);
      setInput(h[pos]);
    } else if (e.key === 'ArrowDown') {
      if (histPos === null) return;
      e.preventDefault();
      const pos = histPos + 1;
      if (pos >= h.length) {
        setHistPos(null);
        setInput('');
      } else {
        setHistPos(pos);
        setInput(h[pos]);
      }
    }
  };

  const addTab = () => {
    const id = nextClientId(ids);
    setUi({ consoleDrafts: [...drafts, id] });
    selectClient(id);
    setInput('');
    setHistPos(null);
  };

  return (
    <div className="zp zp-console" data-testid="panel-console">
      <div className="zp-tabs" role="tablist" aria-label={t('panels.console.sessions')}>
        {ids.map((id) => (
          <button
            key={id}
            type="button"
            role="tab"
            className="zp-tab"
            aria-selected={id === active}
            onClick={() => {
              selectClient(id);
              setHistPos(null);
            }}
          >
            {id}
          </button>
        ))}
        <button
          type="button"
          className="zp-tab"
          onClick={addTab}
          aria-label={t('panels.console.newSession')}
          title={t('panels.console.newSession')}
        >
          + {t('panels.console.new')}
        </button>
      </div>

      <div className="zp-row">
        <label className="zp-row" style={{ gap: 6 }}>
          <span>{t('panels.console.server')}</span>
          <select
            value={server ?? ''}
            onChange={(e) => setUi({ consolePicked: { ...picked, [active]: Number(e.target.value) } })}
            data-testid="console-server"
          >
            {servers.map((s) => (
              <option key={s.sid} value={s.sid}>
                {t('panels.server', { sid: s.sid })} — {s.up ? s.state : t('panels.console.serverDown')}
              </option>
            ))}
          </select>
        </label>
        <span
          className={`zp-badge ${client ? STATE_CLASS[client.state] : ''}`}
          data-testid="console-state"
          title={client ? stateNote(client, servers, t) : undefined}
        >
          {client ? client.state : t('panels.console.notConnected')}
        </span>
        {client ? (
          <span className="zp-muted zp-small" data-testid="console-state-note">
            {stateNote(client, servers, t)}
          </span>
        ) : null}
        {client?.sessionId && (
          <span className="zp-muted zp-small">
            {t('panels.console.session')} <code>{client.sessionId}</code>
          </span>
        )}
        {client?.hosts && (
          <span className="zp-muted zp-small" data-testid="console-hosts">
            {t('clients.console.hosts', { list: client.hosts.map((s) => `S${s}`).join(' → ') })}
          </span>
        )}
        {client && client.server !== null && server !== client.server && (
          <span className="zp-muted zp-small">{t('panels.console.willMove', { sid: server ?? '?' })}</span>
        )}
      </div>

      {!anyUp && <Empty title={t('panels.console.noServerTitle')}>{t('panels.console.noServerHint')}</Empty>}

      <pre className="zp-term" ref={termRef} data-testid="console-transcript" aria-live="polite">
        {lines.length === 0 ? (
          <span className="zp-hint">{t('panels.console.welcome', { id: active })}</span>
        ) : (
          lines.map((l, i) => (
            <span key={i} className={`zp-${lineKind(l)}`}>
              {visible(l)}
              {'\n'}
            </span>
          ))
        )}
        {client?.busy && (
          <span className="zp-hint">{t('panels.console.busy', { sid: client.server ?? '?' })}</span>
        )}
      </pre>
      {client?.busy ? <WaitingNote client={client} /> : null}

      <div className="zp-cmdline">
        <span className="zp-mono" aria-hidden="true">
          zk&gt;
        </span>
        <input
          type="text"
          value={input}
          disabled={!anyUp}
          placeholder={anyUp ? t('panels.console.placeholder') : t('panels.console.disabledPlaceholder')}
          aria-label={t('panels.console.input')}
          onChange={(e) => {
            setInput(e.target.value);
            setHistPos(null);
          }}
          onKeyDown={onKey}
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          data-testid="console-input"
        />
        <button
          type="button"
          className="zp-btn zp-primary"
          disabled={!anyUp || !input.trim()}
          onClick={() => send(input)}
        >
          {t('panels.console.run')}
        </button>
      </div>
      <div className="zp-examples">
        <span className="zp-muted zp-small">{t('panels.console.examples')}</span>
        {EXAMPLES.map((ex) => (
          <button key={ex} type="button" disabled={!anyUp} onClick={() => setInput(ex)}>
            {ex}
          </button>
        ))}
      </div>
      <p className="zp-muted zp-small">{t('panels.console.historyHint')}</p>
    </div>
  );
}
