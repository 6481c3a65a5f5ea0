/**
 * A server's database may hold, beyond what its run counts as durable, the txns of group-commit
 * batches written ahead of their flush (the worker writes a batch to IndexedDB as soon as the
 * SyncRequestProcessor hands it over; the batch counts as durable at its `flushed` step). Those
 * trailing txns are what FileTxnLog has appended but not yet fsynced: a crash loses them. This is
 * how the page tells such a tail from a real divergence — the disk must be the durable image
 * exactly, plus txns appended after it — and takes it off.
 */
import type { DurableImage } from '../zk/persistence/FileTxnSnapLog';
import { fingerprint } from './fingerprint';

function txnCount(img: DurableImage): number {
  let n = 0;
  for (const f of img.logs) n += f.txns.length;
  return n;
}

/** `img` without its last `n` logged txns (a log file left empty goes too). */
export function withoutTail(img: DurableImage, n: number): DurableImage {
  if (n <= 0) return img;
  const logs = img.logs.map((f) => ({ ...f, txns: [...f.txns], ...(f.crcs ? { crcs: [...f.crcs] } : {}) }));
  for (let left = n; left > 0 && logs.length;) {
    const f = logs[logs.length - 1];
    const cut = Math.min(left, f.txns.length);
    f.txns.splice(f.txns.length - cut);
    f.crcs?.splice(f.crcs.length - cut);
    left -= cut;
    if (f.txns.length === 0) logs.pop();
  }
  return { ...img, logs };
}

/**
 * How many trailing txns `disk` holds beyond `durable` (0: they are equal), or null when the disk
 * is not `durable` plus appended txns (a real divergence).
 */
export function unflushedTail(
  disk: DurableImage,
  durable: DurableImage,
  durablePrint?: string,
): number | null {
  const want = durablePrint ?? fingerprint(durable);
  const k = txnCount(disk) - txnCount(durable);
  if (k < 0) return null;
  return fingerprint(withoutTail(disk, k)) === want ? k : null;
}
