/**
 * Sealed values: records that are never changed once made — a client's event record, a command's
 * entry in the run's log, the checker's first application of a zxid, a txn record whose header and
 * body hold only plain values — frozen and registered here, so that copies of the model (the
 * engine's checkpoints, src/engine/checkpoint.ts) share them instead of copying them. Frozen, a
 * write to one fails loudly (a TypeError) instead of changing another copy's history. Models
 * nothing in ZooKeeper.
 *
 * Only an object whose own values are all primitives (or sealed) may be sealed: a copy that keeps
 * it never looks inside.
 */
const sealedValues = new WeakSet<object>();

function flat(v: object): boolean {
  for (const x of Object.values(v))
    if (typeof x === 'object' && x !== null && !sealedValues.has(x)) return false;
  return true;
}

/** Freezes `v` and marks it shared by copies; a value holding unsealed objects is left as it is. */
export function seal<T extends object>(v: T): T {
  if (!flat(v)) return v;
  Object.freeze(v);
  sealedValues.add(v);
  return v;
}

/**
 * Marks `v` shared by copies without freezing it: for what cannot be frozen or holds objects that
 * are not sealed, but that no one writes again where a copy reads it — a list of znode pictures
 * (frozen itself, its pictures are views: DataTree.pictures), an append-only record buffer whose
 * owner writes only beyond every copy's length (StepRecords).
 */
export function keepInCopies<T extends object>(v: T): T {
  sealedValues.add(v);
  return v;
}

/** Whether `v` was sealed or kept in copies (a copy of the model keeps it as it is). */
export function isSealed(v: object): boolean {
  return sealedValues.has(v);
}
