/**
 * Reliability: what was tried against the stored data and the inputs, counted, each with 0
 * uncaught errors, 0 acknowledged writes lost and 0 silent divergences (issue 14). Prints a
 * "Reliability" table in the test output. Seeded: the same cases every run.
 *  - storage faults in the core: random crash / corrupt / restart / wipe schedules on 5 voters (damage kept to a minority)
 *    under client writes; every boot over a damaged record must refuse (naming the zxid), the
 *    remedy (wipe, restart) must bring the server back, every acknowledged create must be on every
 *    server, and all trees must end equal;
 *  - garbage in a server's IndexedDB (any value, any store, any key): a precise storage-corrupt
 *    error naming database, store and key, or a value that is valid — never anything else;
 *  - hostile links, scenario files and trace files: an answer, never an exception;
 *  - fuzzed zkCli commands through a client: answers, equal trees.
 */
import 'fake-indexeddb/auto';
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Simulation } from '../../src/sim/Simulation';
import { summarize } from '../../src/sim/Summary';
import { validateScenario } from '../../src/sim/Scenario';
import type { Scenario } from '../../src/sim/Scenario';
import { Random } from '../../src/zk/Random';
import { restoreCheck } from '../../src/zk/persistence/FileTxnSnapLog';
import { IdbDurableStore, serverDbName } from '../../src/runtime/IdbDurableStore';
import { isRuntimeFailure } from '../../src/runtime/errors';
import { decodeLink } from '../../src/share/link';
import { importScenarioFile, compareTraceFile } from '../../src/share/files';
import { makeZxid, zxidToHex } from '../../src/zk/Zxid';

interface Row {
  tried: number;
  uncaught: number;
  ackedLost: number;
  silent: number;
  note: string;
}
const table = new Map<string, Row>();
function row(name: string): Row {
  let r = table.get(name);
  if (!r) table.set(name, (r = { tried: 0, uncaught: 0, ackedLost: 0, silent: 0, note: '' }));
  return r;
}

afterAll(() => {
  const lines = ['Reliability (what was tried; each must show 0 / 0 / 0):'];
  lines.push('  case                                   tried  uncaught  acked-lost  silent-divergence');
  for (const [name, r] of table)
    lines.push(
      `  ${name.padEnd(38)} ${String(r.tried).padStart(5)}  ${String(r.uncaught).padStart(8)}  ${String(
        r.ackedLost,
      ).padStart(10)}  ${String(r.silent).padStart(17)}${r.note ? `   (${r.note})` : ''}`,
    );
  console.log(lines.join('\n'));
});

function scenario(seed: number, actions: unknown[], until: number): Scenario {
  const v = validateScenario({
    format: 1,
    seed,
    ensemble: { voters: 5, observers: 0 },
    config: { tickTime: 200 },
    actions,
    until,
  });
  if (!v.ok) throw new Error(v.errors.join('\n'));
  return v.scenario;
}

describe('reliability', () => {
  it('storage faults in the core: damaged records refuse, the remedy brings servers back, nothing acknowledged is lost', () => {
    const r = row('storage faults (core, 5 voters)');
    let refusals = 0;
    const SEEDS = 60;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const rnd = new Random(seed, 7);
      const writes = [];
      for (let i = 0; i < 12; i++)
        writes.push({
          at: 400 + i * 150,
          client: { id: 'c1', ...(i === 0 ? { server: 1 } : {}), cmd: `create /n${i} v${i}` },
        });
      const base = scenario(seed, [{ at: 0, start: [1, 2, 3, 4, 5] }, ...writes], 20_000);
      const sim = new Simulation(base);
      const corrupted = new Map<number, Set<string>>();
      try {
        // a fault schedule between the writes: crash a server, damage one of its records, restart
        // damage stays within a minority (two of five), as ZooKeeper's remedy assumes: a wiped
        // server is refilled from the others, so wiping a quorum would lose what it acknowledged
        const victims = [rnd.int(1, 5), rnd.int(1, 5)];
        for (const at of [900, 1500, 2200]) {
          while (sim.now < at && sim.step());
          const sid = victims[rnd.int(0, 1)];
          const store = sim.store(sid)!;
          const zxids = store.peek().logs.flatMap((f) => f.txns.map((t) => t.hdr.zxid));
          sim.act({ crash: [sid] });
          if (zxids.length && rnd.int(0, 3) > 0) {
            const z = zxids[rnd.int(0, zxids.length - 1)];
            sim.act({ corrupt: { sid, zxid: zxidToHex(z) } });
            if (!restoreCheck(store.image()).ok)
              corrupted.set(sid, new Set([...(corrupted.get(sid) ?? []), zxidToHex(z)]));
          }
          sim.act({ restart: [sid] });
          r.tried++;
        }
        while (sim.now < 4000 && sim.step());
        // every boot over a damaged record refused, naming one (the first bad record stops the load)
        for (const [sid, zxids] of corrupted) {
          const refused = sim.trace.some(
            (e) =>
              e.ev === 'shutdown' &&
              e.sid === sid &&
              e.reason.includes('CRC check failed') &&
              [...zxids].some((z) => e.reason.endsWith(`at zxid ${z}`)),
          );
          if (!refused) r.silent++;
          else refusals++;
        }
        // the remedy: wipe every server that refuses, start it again
        for (const s of summarize(sim).servers)
          if (!s.up) {
            sim.act({ wipe: { sid: s.sid } });
            sim.act({ restart: [s.sid] });
          }
        sim.runToEnd();
      } catch (e) {
        r.uncaught++;
        throw e;
      }
      const sum = summarize(sim);
      const acked = sum.clients.filter((c) => c.ok).map((c) => c.cmd.split(' ')[1]);
      for (const s of sum.servers) {
        if (!s.up || s.state === 'LOOKING') r.silent++;
        for (const p of acked) if (!(p in s.tree)) r.ackedLost++;
      }
      if (new Set(sum.servers.map((s) => JSON.stringify(s.tree))).size !== 1) r.silent++;
      if (sum.violations.length) r.silent += sum.violations.length;
    }
    r.note = `${refusals} refused starts over damaged records, all rejoined after a wipe`;
    expect(refusals).toBeGreaterThan(10);
    expect([r.uncaught, r.ackedLost, r.silent]).toEqual([0, 0, 0]);
  });

  it('garbage in a server’s IndexedDB: a precise error naming database, store and key, or a valid value', async () => {
    const r = row('garbage records (IndexedDB)');
    let precise = 0;
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('txnlog', 'logfiles', 'snapshots', 'epochs', 'meta'),
        fc.anything({ maxDepth: 3 }),
        fc.integer({ min: 1, max: 50 }),
        async (store, value, key) => {
          r.tried++;
          const name = serverDbName(`garbage-${++n}`, 2);
          const s = await IdbDurableStore.open(name, { sid: 2 });
          try {
            await s.apply([
              { op: 'snapshot', snap: { zxid: 0, tree: { nodes: [], lastProcessedZxid: 0 }, sessions: [] } },
              {
                op: 'append',
                newFile: true,
                txn: {
                  hdr: { clientId: '0x0', cxid: 0, zxid: makeZxid(1, 1), time: 1 },
                  txn: { type: 'error', err: -1 },
                },
              },
            ]);
            const db = await new Promise<IDBDatabase>((res) => {
              const req = indexedDB.open(name);
              req.onsuccess = () => res(req.result);
            });
            const inline = store === 'epochs' || store === 'meta';
            const k = store === 'epochs' ? 'currentEpoch' : store === 'meta' ? 'lastTx' : key;
            let put = true;
            await new Promise<void>((res) => {
              const tx = db.transaction(store, 'readwrite');
              try {
                // out-of-line keys for epochs/meta; keyPath stores need an object carrying the key
                if (inline) tx.objectStore(store).put(value, k);
                else
                  tx.objectStore(store).put(
                    value !== null && typeof value === 'object' && !Array.isArray(value)
                      ? {
                          ...value,
                          [store === 'snapshots' ? 'zxid' : store === 'logfiles' ? 'fileNo' : 'seq']: k,
                        }
                      : {
                          [store === 'snapshots' ? 'zxid' : store === 'logfiles' ? 'fileNo' : 'seq']: k,
                          value,
                        },
                  );
              } catch {
                put = false; // a value IndexedDB itself refuses never reaches the disk
              }
              tx.oncomplete = () => res();
              tx.onabort = () => {
                put = false;
                res();
              };
            });
            db.close();
            if (!put) return;
            try {
              await s.image();
              await s.lastTx();
            } catch (e) {
              if (
                isRuntimeFailure(e) &&
                e.error.code === 'storage-corrupt' &&
                e.error.detail.includes(`database "${name}", store "${store}", key`)
              )
                precise++;
              else {
                r.uncaught++;
                throw e;
              }
            }
          } finally {
            s.close();
          }
        },
      ),
      { numRuns: 150, seed: 14 },
    );
    r.note = `${precise} refused with database/store/key named, the rest were valid values`;
    expect(precise).toBeGreaterThan(100);
    expect(r.uncaught).toBe(0);
  });

  it('hostile links, scenario files and trace files get an answer, never an exception', () => {
    const links = row('hostile links');
    const files = row('hostile scenario files');
    const traces = row('hostile trace files');
    const text = fc.oneof(
      fc.string({ maxLength: 400 }),
      fc.string({ unit: 'grapheme', maxLength: 200 }),
      fc.json({ maxDepth: 4 }),
      fc.constantFrom(
        's=',
        '?s=%%%',
        's=eJ',
        '<script>alert(1)</script>',
        '{"format":1,"seed":1e400}',
        '\u202e\u0000',
      ),
    );
    fc.assert(
      fc.property(text, (t) => {
        for (const [r, f] of [
          [links, () => decodeLink(t)],
          [files, () => importScenarioFile(t)],
          [traces, () => compareTraceFile(t, [])],
        ] as const) {
          r.tried++;
          try {
            f();
          } catch (e) {
            r.uncaught++;
            throw e;
          }
        }
      }),
      { numRuns: 400, seed: 14 },
    );
    expect([links.uncaught, files.uncaught, traces.uncaught]).toEqual([0, 0, 0]);
  });

  it('fuzzed zkCli commands: every command answered, trees equal, acknowledged creates everywhere', () => {
    const r = row('fuzzed zkCli commands');
    const words = [
      'create',
      'get',
      'set',
      'delete',
      'ls',
      'stat',
      'sync',
      'deleteall',
      'create -e',
      'create -s',
      'get -w',
      'toString',
      '__proto__',
      'constructor',
      '',
    ];
    const paths = ['/a', '/a/b', '/b', '/', '/zookeeper', 'x', '/a/', '//', '/\u202e', "/'; drop", '/<img>'];
    const cmd = fc
      .tuple(fc.constantFrom(...words), fc.constantFrom(...paths), fc.string({ maxLength: 8 }))
      .map(([w, p, d]) => `${w} ${p} ${d}`.trim());
    fc.assert(
      fc.property(
        fc.array(cmd, { minLength: 10, maxLength: 30 }),
        fc.integer({ min: 1, max: 1000 }),
        (cmds, seed) => {
          const actions = [
            { at: 0, start: [1, 2, 3, 4, 5] },
            ...cmds.map((c, i) => ({
              at: 500 + i * 40,
              client: { id: 'c1', ...(i === 0 ? { server: 2 } : {}), cmd: c },
            })),
          ];
          r.tried += cmds.length;
          let sum;
          try {
            const sim = new Simulation(scenario(seed, actions, 500 + cmds.length * 40 + 5000));
            sim.runToEnd();
            sum = summarize(sim);
          } catch (e) {
            r.uncaught++;
            throw e;
          }
          if (sum.clients.length !== cmds.length) r.silent++;
          if (new Set(sum.servers.map((s) => JSON.stringify(s.tree))).size !== 1) r.silent++;
          for (const [i, c] of sum.clients.entries())
            if (
              c.ok &&
              c.cmd.startsWith('create ') &&
              c.output.startsWith('Created ') &&
              // a later delete may remove it, as the client asked
              !cmds.slice(i + 1).some((x) => x.startsWith('delete'))
            ) {
              const p = c.output.slice('Created '.length);
              for (const s of sum.servers) if (!(p in s.tree) && !p.startsWith('/zookeeper')) r.ackedLost++;
            }
        },
      ),
      { numRuns: 25, seed: 14 },
    );
    expect([r.uncaught, r.ackedLost, r.silent]).toEqual([0, 0, 0]);
  });
});
