/**
 * The client's list of servers — mirrors org.apache.zookeeper.client.ConnectStringParser (the
 * connect string `server1:2181,server2:2181`) and org.apache.zookeeper.client.StaticHostProvider
 * (3.9.5): the list is shuffled once (Collections.shuffle with the provider's seeded Random; here
 * the client's seeded Random, so a run stays a function of its seed), `next` walks it round-robin
 * and asks for a 1000 ms spin when it comes back to the server it last connected to, and
 * `onConnected` remembers that server. A reconfig's updateServerList is not modelled.
 */
import type { Random } from '../zk/Random';

/** ConnectStringParser.DEFAULT_PORT, and the only client port the model's servers listen on. */
export const CLIENT_PORT = 2181;

export type ParsedConnectString = { ok: true; servers: number[] } | { ok: false; error: string };

/**
 * ConnectStringParser: hosts split on ',', each `host[:port]` (port 2181 when absent). The
 * model's hosts are zoo.cfg's names `server1` … `serverN`; `known` says which exist. Anything else
 * — an unknown host, another port, a chroot suffix — is refused with a clear message rather than
 * retried forever as an unresolvable address would be.
 */
export function parseConnectString(s: string, known: (sid: number) => boolean): ParsedConnectString {
  const text = s.trim();
  if (text === '')
    return { ok: false, error: 'Empty connect string: name servers, like server1:2181,server2:2181' };
  const slash = text.indexOf('/');
  if (slash >= 0 && text.length - slash > 1)
    return { ok: false, error: `Chroot ${text.slice(slash)} is not modelled in ZAB Lab: connect without it` };
  const hostPart = slash >= 0 ? text.slice(0, slash) : text;
  const servers: number[] = [];
  for (const raw of hostPart.split(',')) {
    const host = raw.trim();
    if (host === '') continue; // StringUtils.split drops empty pieces
    let name = host;
    let port = CLIENT_PORT;
    const pidx = host.lastIndexOf(':');
    if (pidx >= 0) {
      name = host.slice(0, pidx);
      if (pidx < host.length - 1) {
        const p = host.slice(pidx + 1);
        if (!/^\d{1,5}$/.test(p))
          return { ok: false, error: `java.lang.NumberFormatException: For input string: "${p}"` };
        port = Number(p);
      }
    }
    const m = /^server(\d{1,3})$/.exec(name);
    const sid = m ? Number(m[1]) : NaN;
    if (!m || !known(sid))
      return {
        ok: false,
        error: `Unknown host ${name}: the servers of this ensemble are server1, server2, … (port ${CLIENT_PORT})`,
      };
    if (port !== CLIENT_PORT)
      return {
        ok: false,
        error: `Nothing listens on ${name}:${port}: every server's clientPort is ${CLIENT_PORT}`,
      };
    servers.push(sid);
  }
  if (servers.length === 0) return { ok: false, error: 'A HostProvider may not be empty!' };
  return { ok: true, servers };
}

export class StaticHostProvider {
  private readonly serverAddresses: number[];
  private currentIndex = -1;
  private lastIndex = -1;

  constructor(servers: readonly number[], rng: Random) {
    if (servers.length === 0) throw new Error('A HostProvider may not be empty!');
    // Collections.shuffle(list, rnd): for i from size down to 2, swap(i - 1, rnd.nextInt(i))
    const list = servers.slice();
    for (let i = list.length; i > 1; i--) {
      const j = rng.int(0, i - 1);
      const tmp = list[i - 1];
      list[i - 1] = list[j];
      list[j] = tmp;
    }
    this.serverAddresses = list;
  }

  size(): number {
    return this.serverAddresses.length;
  }

  /** the shuffled list, in the order `next` walks it */
  list(): readonly number[] {
    return this.serverAddresses;
  }

  /**
   * next(spinDelay): the next server, round-robin; `spin` when it is the server of the last
   * connection (or the first ever tried, once every one was tried) — the caller sleeps
   * spinDelay first. The very first call never spins.
   */
  next(): { server: number; spin: boolean } {
    this.currentIndex++;
    if (this.currentIndex === this.serverAddresses.length) this.currentIndex = 0;
    const server = this.serverAddresses[this.currentIndex];
    const spin = this.currentIndex === this.lastIndex;
    if (this.lastIndex === -1) this.lastIndex = 0;
    return { server, spin };
  }

  onConnected(): void {
    this.lastIndex = this.currentIndex;
  }
}
