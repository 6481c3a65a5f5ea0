/**
 * One owner per saved ensemble across tabs and windows: a Web Lock named after the ensemble is
 * held by the tab whose workers write its servers' databases, so two schedulers never interleave
 * writes into one txn log. A second tab learns the ensemble is running elsewhere and may take it
 * over: it steals the lock and says so on a BroadcastChannel; the first tab stops its workers,
 * writes nothing more, answers `released`, and tells its user why. Models nothing in ZooKeeper (a
 * dataDir has one process: ZooKeeper's own lock is the OS's exclusive use of the directory).
 */

const CHANNEL = 'zablab/owners';

export function lockName(ensembleId: string): string {
  return `zablab/ensemble/${ensembleId}`;
}

type News = { t: 'taken'; ensemble: string; by: string } | { t: 'released'; ensemble: string; by: string };

/** This tab's id on the channel (to ignore its own news). */
const TAB =
  typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : String(Math.random());

function locks(): LockManager | null {
  return typeof navigator !== 'undefined' && navigator.locks ? navigator.locks : null;
}

function channel(): BroadcastChannel | null {
  return typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL) : null;
}

/** Whether another tab holds the ensemble now. */
export async function ownedElsewhere(ensembleId: string): Promise<boolean> {
  const lm = locks();
  if (!lm) return false;
  const state = await lm.query();
  return (state.held ?? []).some((l) => l.name === lockName(ensembleId));
}

/**
 * The lock on one ensemble, held by this tab until `release()` or until another tab takes it over
 * (then `onLost` runs once, after this tab's work is stopped by it).
 */
export class Ownership {
  private release_: (() => void) | null = null;
  private lost = false;
  private readonly ch: BroadcastChannel | null;

  private constructor(
    readonly ensembleId: string,
    private readonly onLost: () => Promise<void> | void,
  ) {
    this.ch = channel();
    if (this.ch)
      this.ch.onmessage = (ev: MessageEvent<News>) => {
        const m = ev.data;
        if (m.ensemble === this.ensembleId && m.by !== TAB && m.t === 'taken') void this.lose();
      };
  }

  /**
   * Takes the lock if it is free (`steal`: even if another tab holds it — a take-over). Resolves
   * with null when another tab holds it and `steal` is false. Without Web Locks (an old browser)
   * every tab owns what it opens, as before.
   */
  static async claim(
    ensembleId: string,
    onLost: () => Promise<void> | void,
    steal = false,
  ): Promise<Ownership | null> {
    const o = new Ownership(ensembleId, onLost);
    const lm = locks();
    if (!lm) return o;
    const got = await new Promise<boolean>((resolve) => {
      const held = lm
        .request(lockName(ensembleId), steal ? { steal: true } : { ifAvailable: true }, (lock) => {
          if (!lock) {
            resolve(false);
            return undefined;
          }
          resolve(true);
          return new Promise<void>((r) => (o.release_ = r));
        })
        // a stolen lock rejects its holder's request with AbortError: the other tab took over
        .catch(() => void o.lose());
      void held;
    });
    if (!got) {
      o.ch?.close();
      return null;
    }
    if (steal) await o.announceTakeOver();
    return o;
  }

  get valid(): boolean {
    return !this.lost;
  }

  /** Tells the previous owner, and waits (briefly) until it has stopped writing. */
  private async announceTakeOver(): Promise<void> {
    if (!this.ch) return;
    const ch = this.ch;
    const released = new Promise<void>((resolve) => {
      const listen = (ev: MessageEvent<News>): void => {
        if (ev.data.t === 'released' && ev.data.ensemble === this.ensembleId && ev.data.by !== TAB) {
          ch.removeEventListener('message', listen);
          resolve();
        }
      };
      ch.addEventListener('message', listen);
    });
    ch.postMessage({ t: 'taken', ensemble: this.ensembleId, by: TAB } satisfies News);
    // a frozen or closed tab never answers; its workers lost the lock already
    await Promise.race([released, new Promise((r) => setTimeout(r, 1500))]);
  }

  private async lose(): Promise<void> {
    if (this.lost) return;
    this.lost = true;
    try {
      await this.onLost();
    } finally {
      this.ch?.postMessage({ t: 'released', ensemble: this.ensembleId, by: TAB } satisfies News);
      this.ch?.close();
    }
  }

  release(): void {
    this.lost = true;
    this.release_?.();
    this.release_ = null;
    this.ch?.close();
  }
}
