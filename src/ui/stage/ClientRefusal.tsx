/**
 * Why a client is not connected yet, on its pill: the last server that refused it because the
 * client has seen a newer zxid than that server's tree (ZooKeeperServer.processConnectRequest,
 * "… as it has seen zxid 0x… our last zxid is 0x… client must try another server"). Shown while
 * the client connects elsewhere, so a student sees the rule that keeps a client from going back
 * in time.
 */
import type { ClientView } from '../../zk/view';
import { useT } from '../i18n';
import { ec } from '../panels/format';

/** `0x100000003` → `1:3`, short enough for a pill (the title keeps the hex) */
function short(hex: string): string {
  const n = Number(hex);
  return Number.isSafeInteger(n) ? ec(n) : hex;
}

/** A primitive for memoised pills: "sid|seen|ours", or null when nothing refused the client. */
export function refusalKey(c: ClientView): string | null {
  const r = c.refused;
  return r ? `${r.server}|${r.lastZxidSeen}|${r.serverZxid}` : null;
}

export function RefusedLine({ refused }: { refused: string }) {
  const t = useT();
  const [sid, seen, ours] = refused.split('|');
  return (
    <span className="client-line sub">
      <span
        className="client-refused"
        data-refused-by={sid}
        title={t('clients.pill.refusedTitle', { sid, seen, ours })}
      >
        {t('clients.pill.refused', { sid, seen: short(seen), ours: short(ours) })}
      </span>
    </span>
  );
}
