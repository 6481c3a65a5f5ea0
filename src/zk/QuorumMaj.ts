/**
 * The ensemble's configuration as text — mirrors QuorumMaj.toString (3.9.5): one
 * `server.N=<QuorumServer.toString()>` line per member in sid order, then `version=<hex>`. The
 * model's zoo.cfg names each server `serverN` with quorum port 2888, election port 3888 and the
 * client address in the server line (`;0.0.0.0:2181`, so QuorumServer.toString prints it), and the
 * static config has version 0. This is what /zookeeper/config holds and zkCli's `config` prints.
 */
import type { Sid } from './Zxid';

export function quorumVerifierString(voters: readonly Sid[], observers: readonly Sid[]): string {
  const members = [
    ...voters.map((s) => [s, 'participant'] as const),
    ...observers.map((s) => [s, 'observer'] as const),
  ].sort((a, b) => a[0] - b[0]);
  let out = '';
  for (const [s, role] of members) out += `server.${s}=server${s}:2888:3888:${role};0.0.0.0:2181\n`;
  return out + 'version=0';
}
