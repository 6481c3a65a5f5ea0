/**
 * The message inspector's row for a message on an election connection (a NOTIFICATION or the
 * CONNECT that opens one): which connection, who dialled it, and whether both ends still keep it
 * — a notification on a connection its receiver has closed is lost (QuorumCnxManager.RecvWorker).
 */
import type { MessageView } from '../../zk/view';
import { useT } from '../i18n';
import { useView } from '../store';

export type ChannelState = 'both' | 'sender' | 'receiver' | 'none' | 'lowerDial';

export function CnxChannelRow({ m }: { m: MessageView }) {
  const t = useT();
  const conn = m.conn;
  const { state, initiator } = useView((v) => {
    const end = (sid: number, peer: number) =>
      v.servers.find((s) => s.sid === sid)?.cnx?.find((c) => c.peer === peer && c.conn === conn);
    const s = end(m.from, m.to);
    const r = end(m.to, m.from);
    // a lower sid's InitialMessage: it closed that connection itself (startConnection)
    const lowerDial = m.type === 'CONNECT' && m.from < m.to && !r;
    const st: ChannelState = lowerDial
      ? 'lowerDial'
      : s && r
        ? 'both'
        : s
          ? 'sender'
          : r
            ? 'receiver'
            : 'none';
    return { state: st, initiator: s?.initiator ?? r?.initiator ?? null };
  });
  return (
    <>
      <dt>{t('cnx.inspector.channel')}</dt>
      <dd data-testid="inspector-cnx" data-state={state}>
        {t(`cnx.inspector.${state}`, {
          conn: conn ?? '?',
          from: m.from,
          to: m.to,
          initiator: initiator ?? '?',
        })}
      </dd>
    </>
  );
}
