/**
 * Random scenarios for property testing and "chaos" runs: from a seed, an ensemble that suffers
 * crashes, restarts, partitions, heals, lost messages, client writes and, in about a third of the
 * seeds, a crash right after NEWLEADER (zk-reference §8.2), then is healed and restarted so that it
 * can settle. The seed is the whole reproduction.
 */
import { Random } from '../zk/Random';
import type { ScenarioInput } from './Scenario';

export interface RandomScenarioOptions {
  voters: number;
  observers: number;
  /** virtual ms of chaos before everything is healed and restarted */
  chaosMs: number;
  /** virtual ms to settle afterwards */
  settleMs: number;
  zkVersion?: '3.9.5' | '3.9.1';
  /** virtual ms a group-commit flush takes (default [1, 3]); a slow disk keeps proposals in the
   *  SyncRequestProcessor long enough for a crash or a lost leader to catch them there */
  fsyncMs?: [number, number];
}

export function randomScenario(seed: number, o: RandomScenarioOptions): ScenarioInput {
  const rng = new Random(seed, 77);
  const n = o.voters + o.observers;
  const sids = Array.from({ length: n }, (_, i) => i + 1);
  const up = new Set(sids);
  const actions: ScenarioInput['actions'] = [{ at: 0, start: [...sids] }];
  const clients = ['c1', 'c2', 'c3'];
  const started = new Set<string>();
  let nodes = 0;
  let t = 1000;
  for (;;) {
    t += rng.int(100, 1500);
    if (t >= o.chaosMs) break;
    const r = rng.next();
    if (r < 0.12 && up.size > 0) {
      const s = rng.pick([...up]);
      up.delete(s);
      actions.push({ at: t, crash: [s] });
    } else if (r < 0.24 && up.size < n) {
      const s = rng.pick(sids.filter((x) => !up.has(x)));
      up.add(s);
      actions.push({ at: t, restart: [s] });
    } else if (r < 0.32) {
      const shuffled = [...sids].sort(() => rng.next() - 0.5);
      const cut = rng.int(1, n - 1);
      actions.push({ at: t, partition: [shuffled.slice(0, cut), shuffled.slice(cut)] });
    } else if (r < 0.4) {
      actions.push({ at: t, heal: true });
    } else if (r < 0.48) {
      const from = rng.pick(sids);
      const to = rng.pick(sids.filter((x) => x !== from));
      actions.push({ at: t, drop: { from, to } });
    } else if (r < 0.5) {
      actions.push({ at: t, latency: { ms: rng.chance(0.5) ? [1, 5] : [5, 40] } });
    } else {
      const id = rng.pick(clients);
      const server = rng.pick(sids);
      const k = rng.int(0, Math.max(0, nodes));
      const cmd = rng.pick([
        `create /n${nodes++} v${t}`,
        `create /n${nodes++} v${t}`,
        `set /n${k} s${t}`,
        `delete /n${k}`,
        `create -e /e${id}-${t} x`,
        `create -s /q- ${t}`,
        `get /n${k}`,
      ]);
      const move = !started.has(id) || rng.chance(0.3);
      started.add(id);
      actions.push({ at: t, client: move ? { id, server, cmd } : { id, cmd } });
    }
  }
  // ACL changes: in about 40% of the seeds a client authenticates (addauth digest), creates znodes
  // with an auth ACL and changes ACLs (setAcl, with and without -v, also on the plain /nK nodes)
  // while another writes to them — refused or not — and the faults go on. A stream of its own, so
  // the schedule above is the same as before.
  const ac = new Random(seed, 81);
  if (ac.chance(0.4)) {
    const at0 = ac.int(1000, 3000);
    actions.push({
      at: at0,
      client: { id: 'a1', server: ac.pick(sids), cmd: 'addauth digest alice:secret' },
    });
    for (let i = ac.int(3, 8), at = at0 + 200; i > 0 && at < o.chaosMs; i--, at += ac.int(300, 2500)) {
      const k = ac.int(0, Math.max(0, nodes));
      const cmd = ac.pick([
        `create /acl${at} x auth::cdrwa`,
        `setAcl /n${k} digest:alice:aYXlLOpEooaV1cRAvUL1fp9Qt7E=:cdrwa`,
        `setAcl -v 0 /n${k} world:anyone:r`,
        `setAcl /n${k} world:anyone:cdrwa`,
        `getAcl /n${k}`,
      ]);
      actions.push({
        at,
        client: ac.chance(0.3) ? { id: 'a1', server: ac.pick(sids), cmd } : { id: 'a1', cmd },
      });
      if (ac.chance(0.4)) {
        actions.push({ at: at + 50, client: { id: 'a2', server: ac.pick(sids), cmd: `set /n${k} m${at}` } });
      }
    }
    actions.sort((a, b) => a.at - b.at);
  }
  // Fault injection at the moment zk-reference §8.2 names: a learner crashing right after it handles
  // NEWLEADER (where 3.9.1 has written currentEpoch and ACKed before its synced txns are durable),
  // restarted a little later. A stream of its own, so the schedule above is the same as before.
  const inj = new Random(seed, 78);
  const armed = new Set<number>();
  if (inj.chance(0.3)) {
    for (let i = inj.int(1, 2); i > 0; i--) {
      const at = inj.int(1000, Math.max(1000, o.chaosMs - 1000));
      const sid = inj.pick(sids);
      armed.add(sid);
      actions.push({ at, crashOn: { sid, after: 'NEWLEADER' } });
      actions.push({ at: Math.min(o.chaosMs, at + inj.int(2000, 6000)), restart: [sid] });
    }
    actions.sort((a, b) => a.at - b.at);
  }
  // Purging (PurgeTxnLog): in about 40% of the seeds the operator runs zkCleanup.sh on random
  // servers, some seeds snapshot often (snapCount 10, so there are old files to purge) and serve
  // learners from the txn log without a size limit, and some run autopurge at every process start.
  // A stream of its own, so the schedule above is the same as before.
  const pg = new Random(seed, 79);
  const purgeConfig: NonNullable<ScenarioInput['config']> = {};
  if (pg.chance(0.4)) {
    for (let i = pg.int(1, 3); i > 0; i--)
      actions.push({ at: pg.int(1000, o.chaosMs), purge: { sid: pg.pick(sids), count: pg.int(3, 4) } });
    if (pg.chance(0.5)) Object.assign(purgeConfig, { snapCount: 10, snapshotSizeFactor: 0 });
    if (pg.chance(0.5)) Object.assign(purgeConfig, { purgeInterval: 1, snapRetainCount: 3 });
    actions.sort((a, b) => a.at - b.at);
  }
  // Failover clients (StaticHostProvider): in about half the seeds a client whose connect string
  // names several servers owns an ephemeral node and goes on writing and reading while servers crash
  // and partitions come and go, so it moves between servers (and lagging ones refuse it).
  // A stream of its own, so the schedule above is the same as before.
  const fo = new Random(seed, 80);
  if (fo.chance(0.5)) {
    const hosts = sids.filter(() => fo.chance(0.7));
    if (hosts.length < 2) hosts.splice(0, hosts.length, ...sids.slice(0, 2));
    const at0 = fo.int(1000, 3000);
    const connect = `connect ${hosts.map((s) => `server${s}:2181`).join(',')}`;
    const sessionTimeoutMs = fo.pick([4000, 10000, 30000]);
    actions.push({ at: at0, client: { id: 'f1', cmd: connect, sessionTimeoutMs } });
    actions.push({ at: at0 + 200, client: { id: 'f1', cmd: 'create -e /f1 owner' } });
    for (let i = fo.int(3, 8), at = at0 + 500; i > 0 && at < o.chaosMs; i--, at += fo.int(500, 3000)) {
      const cmd = fo.pick([`set /f1 v${at}`, 'get /f1', `create /fo${at} x`, 'ls /']);
      actions.push({ at, client: { id: 'f1', cmd } });
    }
    actions.sort((a, b) => a.at - b.at);
  }
  // an injection may still be armed when the chaos ends: a crash disarms it, the restart below
  // brings the server back
  if (armed.size) actions.push({ at: o.chaosMs, crash: [...armed] });
  actions.push({ at: o.chaosMs, heal: true });
  actions.push({ at: o.chaosMs, latency: { ms: [1, 5] } });
  const down = sids.filter((s) => !up.has(s) || armed.has(s));
  if (down.length) actions.push({ at: o.chaosMs, restart: down });
  // a stream's last action may fall just past chaosMs (the ACL stream's write 50 ms after its
  // last step): a stable sort keeps every already-ordered schedule exactly as it was
  actions.sort((a, b) => a.at - b.at);
  return {
    format: 1,
    title: `random ${o.voters}+${o.observers} seed ${seed}`,
    seed,
    ensemble: { voters: o.voters, observers: o.observers },
    config: {
      zkVersion: o.zkVersion ?? '3.9.5',
      latencyMs: [1, 5],
      bootMs: [0, 300],
      fsyncMs: o.fsyncMs ?? [1, 3],
      dropRate: 0.01,
      ...purgeConfig,
    },
    actions,
    until: o.chaosMs + o.settleMs,
  };
}
