/** The Storage panel's read-back verdict: IndexedDB vs the run's record, file by file. */
import { describe, expect, it } from 'vitest';
import { compareImages, dataFileName, summarizeLog } from '../../src/ui/panels/diskCompare';
import type { DurableImage } from '../../src/zk/persistence/FileTxnSnapLog';
import type { TxnRecord } from '../../src/zk/txn';

const E1 = 0x100000000;

function txn(zxid: number): TxnRecord {
  return {
    hdr: { clientId: '0x0', cxid: 0, zxid, time: 0 },
    txn: { type: 'create', path: `/n${zxid}`, data: '', ephemeralOwner: '0x0', parentCVersion: 0 },
  };
}

function image(): DurableImage {
  return {
    logs: [{ startZxid: E1 + 1, txns: [txn(E1 + 1), txn(E1 + 2)] }],
    snapshots: [{ zxid: 0, tree: { nodes: [], lastProcessedZxid: 0 }, sessions: [] }],
    acceptedEpoch: 1,
    currentEpoch: 1,
  };
}

describe('compareImages', () => {
  it('names files as ZooKeeper does', () => {
    expect(dataFileName('log', E1 + 1)).toBe('log.100000001');
    expect(dataFileName('snapshot', 0)).toBe('snapshot.0');
    expect(summarizeLog(image().logs[0])).toEqual({
      name: 'log.100000001',
      count: 2,
      first: E1 + 1,
      last: E1 + 2,
    });
  });

  it('finds nothing when the images are equal (key order and an absent marker do not matter)', () => {
    const a = image();
    const b = structuredClone(a);
    b.updatingEpoch = false;
    expect(compareImages(a, b)).toEqual([]);
  });

  it('reports each file that differs', () => {
    const disk = image();
    const run = image();
    run.logs[0].txns.push(txn(E1 + 3));
    run.logs.push({ startZxid: E1 + 4, txns: [txn(E1 + 4)] });
    disk.snapshots.push({ zxid: E1 + 2, tree: { nodes: [], lastProcessedZxid: E1 + 2 }, sessions: [] });
    run.currentEpoch = 2;
    run.updatingEpoch = true;
    const diffs = compareImages(disk, run);
    expect(diffs.map((d) => `${d.kind} ${d.file}`)).toEqual([
      'logDiffers log.100000001',
      'onlyInRun log.100000004',
      'onlyOnDisk snapshot.100000002',
      'epochDiffers currentEpoch',
      'epochDiffers updatingEpoch',
    ]);
    expect(diffs[0]).toMatchObject({ disk: { count: 2 }, run: { count: 3, last: E1 + 3 } });
  });
});
