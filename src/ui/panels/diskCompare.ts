/**
 * Compares what a server's IndexedDB holds (read back by the page) with what the run says the
 * server made durable, file by file as ZooKeeper's dataDir has them: `log.<zxid>`,
 * `snapshot.<zxid>`, acceptedEpoch, currentEpoch, updatingEpoch. Pure, for the Storage panel.
 */
import { canonicalJson } from '../../runtime/fingerprint';
import { zxidToHex } from '../../zk/viewApi';
import type { DurableImage, SnapshotFile, TxnLogFile } from '../../zk/persistence/FileTxnSnapLog';

/** `log.100000001` / `snapshot.0`: the file name ZooKeeper would give (hex zxid, no 0x). */
export function dataFileName(kind: 'log' | 'snapshot', zxid: number): string {
  return `${kind}.${zxidToHex(zxid).replace(/^0x/, '')}`;
}

/** One log file as the panel lists it. */
export interface LogSummary {
  name: string;
  count: number;
  first: number | null;
  last: number | null;
}

export function summarizeLog(f: TxnLogFile): LogSummary {
  return {
    name: dataFileName('log', f.startZxid),
    count: f.txns.length,
    first: f.txns.length ? f.txns[0].hdr.zxid : null,
    last: f.txns.length ? f.txns[f.txns.length - 1].hdr.zxid : null,
  };
}

/** One way the database and the run's record disagree. */
export type DiskDifference =
  | { kind: 'onlyOnDisk' | 'onlyInRun'; file: string }
  | { kind: 'logDiffers'; file: string; disk: LogSummary; run: LogSummary }
  | { kind: 'snapshotDiffers'; file: string }
  | {
      kind: 'epochDiffers';
      file: 'acceptedEpoch' | 'currentEpoch' | 'updatingEpoch';
      /** the value on each side: a number, the marker's presence, or null (no file) */
      disk: number | boolean | null;
      run: number | boolean | null;
    };

function byName<T>(items: readonly T[], name: (x: T) => string): Map<string, T> {
  return new Map(items.map((x) => [name(x), x]));
}

function compareFiles<T>(
  disk: readonly T[],
  run: readonly T[],
  name: (x: T) => string,
  differs: (file: string, d: T, r: T) => DiskDifference,
): DiskDifference[] {
  const out: DiskDifference[] = [];
  const d = byName(disk, name);
  const r = byName(run, name);
  for (const [file, x] of d) {
    const y = r.get(file);
    if (!y) out.push({ kind: 'onlyOnDisk', file });
    else if (canonicalJson(x) !== canonicalJson(y)) out.push(differs(file, x, y));
  }
  for (const file of r.keys()) if (!d.has(file)) out.push({ kind: 'onlyInRun', file });
  return out;
}

/** Every difference between `disk` and `run` (empty: the database holds exactly the run's files). */
export function compareImages(disk: DurableImage, run: DurableImage): DiskDifference[] {
  const logName = (f: TxnLogFile) => dataFileName('log', f.startZxid);
  const snapName = (s: SnapshotFile) => dataFileName('snapshot', s.zxid);
  const out: DiskDifference[] = [
    ...compareFiles(disk.logs, run.logs, logName, (file, d, r) => ({
      kind: 'logDiffers',
      file,
      disk: summarizeLog(d),
      run: summarizeLog(r),
    })),
    ...compareFiles(disk.snapshots, run.snapshots, snapName, (file) => ({ kind: 'snapshotDiffers', file })),
  ];
  for (const file of ['acceptedEpoch', 'currentEpoch'] as const) {
    if (disk[file] !== run[file]) out.push({ kind: 'epochDiffers', file, disk: disk[file], run: run[file] });
  }
  // the marker file: never written and deleted read the same (no file)
  const du = disk.updatingEpoch === true;
  const ru = run.updatingEpoch === true;
  if (du !== ru) out.push({ kind: 'epochDiffers', file: 'updatingEpoch', disk: du, run: ru });
  return out;
}
