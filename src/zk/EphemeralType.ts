/**
 * What a znode's persisted ephemeralOwner says it is — mirrors org.apache.zookeeper.server.EphemeralType
 * (3.9.5). A container's owner is Long.MIN_VALUE (CONTAINER_EPHEMERAL_OWNER); a TTL node's is
 * EXTENDED_MASK | EXTENDED_BIT_TTL | ttl (toEphemeralOwner); a session id is an ephemeral node's.
 * Owners are kept as ZooKeeper prints a long in hex (`0x…`, lower case), like session ids.
 *
 * ZooKeeper recognises the TTL encoding only while zookeeper.extendedTypesEnabled is set; TTL nodes
 * can only be created then, and every server of a model ensemble has the same setting, so the model
 * recognises the encoding always.
 */
import { NO_SESSION, type SessionId } from './txn';

export type EphemeralKind = 'VOID' | 'NORMAL' | 'CONTAINER' | 'TTL';

/** EphemeralType.CONTAINER_EPHEMERAL_OWNER = Long.MIN_VALUE */
export const CONTAINER_EPHEMERAL_OWNER: SessionId = '0x8000000000000000';

/** EphemeralType.TTL.maxValue(): EXTENDED_FEATURE_VALUE_MASK, 0xffffffffff ms (about 34 years) */
export const TTL_MAX_VALUE = 0xffffffffff;

/** TTL.toEphemeralOwner's IllegalArgumentException message */
export function ttlRangeMessage(): string {
  return `ttl must be positive and cannot be larger than: ${TTL_MAX_VALUE}`;
}

/** EphemeralType.TTL.toEphemeralOwner(ttl); null where ZooKeeper throws IllegalArgumentException. */
export function ttlToEphemeralOwner(ttl: number): SessionId | null {
  if (!Number.isInteger(ttl) || ttl > TTL_MAX_VALUE || ttl <= 0) return null;
  // EXTENDED_MASK (0xff00…) | EXTENDED_BIT_TTL (0) | ttl in the low 40 bits
  return '0xff' + ttl.toString(16).padStart(14, '0');
}

/** EphemeralType.get(ephemeralOwner) */
export function ephemeralType(owner: SessionId): EphemeralKind {
  if (owner === NO_SESSION) return 'VOID';
  if (owner === CONTAINER_EPHEMERAL_OWNER) return 'CONTAINER';
  // (owner & EXTENDED_MASK) == EXTENDED_MASK, reserved bits 0 = the TTL feature
  if (owner.length === 18 && owner.startsWith('0xff0000')) return 'TTL';
  return 'NORMAL';
}

/** EphemeralType.TTL.getValue(owner): the ttl in ms (0 for any other kind). */
export function ttlOf(owner: SessionId): number {
  return ephemeralType(owner) === 'TTL' ? parseInt(owner.slice(8), 16) : 0;
}
