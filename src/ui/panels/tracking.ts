/** Keeps the panels' own records (vote changes) in step with the store, whichever panel is shown. */
import { useSim, type SimState } from '../store';
import { deriveVoteChanges, pruneVoteChanges, useVoteChanges } from './voteHistory';

let started = false;

export function startTracking(): void {
  if (started) return;
  started = true;
  let prev: SimState = useSim.getState();
  useSim.subscribe((s) => {
    if (s.view === prev.view) return;
    const before = prev;
    prev = s;
    let bySid = useVoteChanges.getState().bySid;
    if (s.view.step < before.view.step || s.sim !== before.sim) bySid = pruneVoteChanges(bySid, s.view.step);
    // only a move of one step (or an action) can be attributed to the events it produced
    if (s.sim === before.sim && s.view.step - before.view.step <= 1) {
      const changes = deriveVoteChanges(before.view, s.view, s.lastEvents, s.sim.records.sent);
      if (changes.size > 0) {
        bySid = { ...bySid };
        for (const [sid, c] of changes) bySid[sid] = c;
      }
    }
    if (bySid !== useVoteChanges.getState().bySid) useVoteChanges.setState({ bySid });
  });
}
