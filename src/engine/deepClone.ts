/**
 * A deep copy of a model's object graph that keeps what structured cloning loses: prototypes (class
 * instances stay instances, their methods work), Maps, Sets and typed arrays (copied), shared
 * references and cycles (each object copied once). The engine's checkpoints copy a whole
 * Simulation with it; it models nothing in ZooKeeper.
 *
 * A closure cannot be copied: a copy would still act on the original's objects. So an instance of a
 * class whose closures act on it (arrow-function fields, or hosts made in its constructor: QuorumPeer's
 * election and sync hosts) is re-created through its constructor — `rebuild`, or by itself when the
 * constructor takes no arguments — so that its closures belong to the copy; every object the
 * constructor made is then paired with the original's and filled with a copy of its data. Any other
 * function is shared as it is (a pure helper, e.g. a validator); the checkpoint tests hold copied
 * runs to byte-identical traces, which is what catches a closure that should have been rebuilt.
 * `keep(v)` shares an object as it is (immutable values); `before` lets an instance of a class make
 * parts of itself shareable before it is copied (DataTree.shareNodes).
 */
export interface CloneOptions {
  keep?: (value: object) => boolean;
  /** by prototype: called on an instance before its fields are copied (once per copy) */
  before?: ReadonlyMap<object, (orig: object) => void>;
  /** by prototype: makes a fresh instance standing for `orig` (its data is copied in afterwards) */
  rebuild?: ReadonlyMap<object, (orig: object) => object>;
}

type Obj = Record<string, unknown>;

/**
 * An instance holding closures (arrow-function fields) whose class is made without arguments is
 * rebuilt by its own constructor: the new closures are bound to the copy.
 */
function argless(v: Obj, proto: object): ((orig: object) => object) | undefined {
  if (!Object.keys(v).some((k) => typeof v[k] === 'function')) return undefined;
  const ctor = (proto as { constructor?: unknown }).constructor;
  if (typeof ctor !== 'function' || ctor.length !== 0) return undefined;
  return () => Reflect.construct(ctor, []) as object;
}

/** How instances of one prototype are copied, found once per prototype and copy. */
interface ProtoPlan {
  /** Object.prototype.toString says a copyable object (not a Generator, Promise, Date…) */
  copyable: string | null;
  /** the rebuild given for it */
  rebuild: ((orig: object) => object) | undefined;
  /** its constructor takes no arguments: an instance holding closures is rebuilt by it */
  argless: boolean;
  /** the `before` given for it */
  before: ((orig: object) => void) | undefined;
}

function isPlainContainer(v: object): boolean {
  return Array.isArray(v) || v instanceof Map || v instanceof Set || ArrayBuffer.isView(v);
}

export function deepClone<T>(root: T, opts: CloneOptions = {}): T {
  const seen = new Map<object, unknown>();
  const { keep, rebuild, before } = opts;
  const plans = new Map<object | null, ProtoPlan>();
  const planOf = (v: object, proto: object | null): ProtoPlan => {
    let plan = plans.get(proto);
    if (plan === undefined) {
      const tag = Object.prototype.toString.call(v);
      const ctor = proto ? (proto as { constructor?: unknown }).constructor : undefined;
      plan = {
        copyable: tag === '[object Object]' || tag === '[object Error]' ? null : tag,
        rebuild: proto ? rebuild?.get(proto) : undefined,
        before: proto ? before?.get(proto) : undefined,
        argless: typeof ctor === 'function' && ctor.length === 0 && proto !== Object.prototype,
      };
      plans.set(proto, plan);
    }
    return plan;
  };

  /** Pairs the objects a constructor made (fresh) with the original's, so that copying fills them. */
  const pair = (orig: Obj, fresh: Obj, fill: [Obj, Obj][]): void => {
    seen.set(orig, fresh);
    planOf(orig, Object.getPrototypeOf(orig) as object | null).before?.(orig);
    fill.push([orig, fresh]);
    for (const k of Object.keys(orig)) {
      const o = orig[k];
      const f = fresh[k];
      if (typeof o !== 'object' || o === null || typeof f !== 'object' || f === null || o === f) continue;
      if (seen.has(o) || isPlainContainer(o) || Object.getPrototypeOf(o) !== Object.getPrototypeOf(f))
        continue;
      pair(o as Obj, f as Obj, fill);
    }
  };

  const copy = (v: unknown): unknown => {
    // a function is shared: one that acts on its owner's state belongs to a rebuilt class (above)
    if (typeof v !== 'object' || v === null) return v;
    // kept objects are not recorded in `seen`: asking keep again is cheaper
    if (keep?.(v)) return v;
    const done = seen.get(v);
    if (done !== undefined) return done;
    if (Array.isArray(v)) {
      const out: unknown[] = new Array<unknown>(v.length);
      seen.set(v, out);
      for (let i = 0; i < v.length; i++) {
        const x: unknown = v[i];
        out[i] = typeof x === 'object' && x !== null ? copy(x) : x;
      }
      return out;
    }
    if (v instanceof Map) {
      const out = new Map<unknown, unknown>();
      seen.set(v, out);
      for (const [k, x] of v)
        out.set(
          typeof k === 'object' && k !== null ? copy(k) : k,
          typeof x === 'object' && x !== null ? copy(x) : x,
        );
      return out;
    }
    if (v instanceof Set) {
      const out = new Set<unknown>();
      seen.set(v, out);
      for (const x of v) out.add(typeof x === 'object' && x !== null ? copy(x) : x);
      return out;
    }
    if (ArrayBuffer.isView(v)) {
      if (v instanceof DataView) throw new Error('deepClone: a DataView is not supported');
      const out = (v as unknown as { slice(): object }).slice();
      seen.set(v, out);
      return out;
    }
    const proto = Object.getPrototypeOf(v) as object | null;
    const plan = planOf(v, proto);
    if (plan.copyable !== null)
      // a Generator, a Promise, a Date…: not copyable
      throw new UncopyableError(`deepClone: ${plan.copyable} cannot be copied`);
    plan.before?.(v);
    const make = plan.rebuild ?? (plan.argless && proto ? argless(v as Obj, proto) : undefined);
    if (make) {
      const fresh = make(v) as Obj;
      const fill: [Obj, Obj][] = [];
      pair(v as Obj, fresh, fill);
      for (const [o, f] of fill)
        for (const k of Object.keys(o)) {
          const x = o[k];
          if (typeof x === 'function') {
            if (typeof f[k] !== 'function')
              throw new Error(`deepClone: ${k} is a closure the constructor did not make`);
            continue;
          }
          f[k] = copy(x);
        }
      return fresh;
    }
    const out = (proto === Object.prototype ? {} : Object.create(proto)) as Obj;
    seen.set(v, out);
    const src = v as Obj;
    for (const k of Object.keys(src)) {
      const x = src[k];
      out[k] = typeof x === 'object' && x !== null ? copy(x) : x;
    }
    return out;
  };
  return copy(root) as T;
}

/** The graph holds something that cannot be copied now (e.g. a generator in progress). */
export class UncopyableError extends Error {}
