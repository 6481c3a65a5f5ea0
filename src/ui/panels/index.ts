/**
 * The panels around the stage, in the order the app shows them. Each reads the store itself.
 */
import type React from 'react';
import './panels.css';
import { ConsolePanel } from './ConsolePanel';
import { DataTreePanel } from './DataTreePanel';
import { EventLogPanel } from './EventLogPanel';
import { PipelinePanel } from './PipelinePanel';
import { StoragePanel } from './StoragePanel';
import { TimelinePanel } from './TimelinePanel';
import { VoteBoxPanel } from './VoteBoxPanel';
import { ZabPanel } from './ZabPanel';
import { startTracking } from './tracking';

startTracking();

export const panels: { id: string; titleKey: string; Component: React.FC }[] = [
  { id: 'vote', titleKey: 'panels.vote.title', Component: VoteBoxPanel },
  { id: 'zab', titleKey: 'panels.zab.title', Component: ZabPanel },
  { id: 'pipeline', titleKey: 'panels.pipe.title', Component: PipelinePanel },
  { id: 'storage', titleKey: 'panels.storage.title', Component: StoragePanel },
  { id: 'tree', titleKey: 'panels.tree.title', Component: DataTreePanel },
  { id: 'log', titleKey: 'panels.log.title', Component: EventLogPanel },
  { id: 'timeline', titleKey: 'panels.tl.title', Component: TimelinePanel },
  { id: 'console', titleKey: 'panels.console.title', Component: ConsolePanel },
];
