/**
 * Colours for roles and message families: the Okabe–Ito palette (safe for the common forms of
 * colour blindness). Colour is never the only cue: roles carry a text label and an icon, messages
 * their type name.
 */
import type { ServerView } from '../../zk/view';

export const OKABE_ITO = {
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
  black: '#000000',
  grey: '#8a8a8a',
} as const;

export type Role = ServerView['state'];

export const ROLE_STYLE: Record<Role, { color: string; icon: string }> = {
  LEADING: { color: OKABE_ITO.vermillion, icon: '★' },
  FOLLOWING: { color: OKABE_ITO.blue, icon: '●' },
  LOOKING: { color: OKABE_ITO.orange, icon: '?' },
  OBSERVING: { color: OKABE_ITO.reddishPurple, icon: '◐' },
  DOWN: { color: OKABE_ITO.grey, icon: '✕' },
};

export type MessageFamily = 'election' | 'discovery' | 'sync' | 'broadcast' | 'liveness' | 'client';

export const FAMILIES: readonly MessageFamily[] = [
  'election',
  'discovery',
  'sync',
  'broadcast',
  'liveness',
  'client',
];

const FAMILY_OF: Record<string, MessageFamily> = {
  NOTIFICATION: 'election',
  FOLLOWERINFO: 'discovery',
  OBSERVERINFO: 'discovery',
  LEADERINFO: 'discovery',
  ACKEPOCH: 'discovery',
  DIFF: 'sync',
  TRUNC: 'sync',
  SNAP: 'sync',
  NEWLEADER: 'sync',
  UPTODATE: 'sync',
  PROPOSAL: 'broadcast',
  ACK: 'broadcast',
  COMMIT: 'broadcast',
  INFORM: 'broadcast',
  PING: 'liveness',
  REQUEST: 'client',
  REVALIDATE: 'client',
  SYNC: 'client',
};

export function familyOf(type: string): MessageFamily {
  return FAMILY_OF[type] ?? 'client';
}

export const FAMILY_COLOR: Record<MessageFamily, string> = {
  election: OKABE_ITO.orange,
  discovery: OKABE_ITO.reddishPurple,
  sync: OKABE_ITO.skyBlue,
  broadcast: OKABE_ITO.bluishGreen,
  liveness: OKABE_ITO.grey,
  client: OKABE_ITO.blue,
};

/** Message types of each family, for the legend. */
export const FAMILY_TYPES: Record<MessageFamily, string[]> = {
  election: [],
  discovery: [],
  sync: [],
  broadcast: [],
  liveness: [],
  client: [],
};
for (const [type, fam] of Object.entries(FAMILY_OF)) FAMILY_TYPES[fam].push(type);
