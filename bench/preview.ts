/**
 * Stopping a bench's preview server: the server and the vite process it runs under are one process
 * group, so the group is stopped (only it), then the bench's own build folder is removed.
 */
import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';

export function stopPreview(server: ChildProcess, outDir: string | null): void {
  if (server.pid !== undefined && server.exitCode === null) {
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  // null: a build the caller gave, kept
  if (outDir !== null) rmSync(outDir, { recursive: true, force: true });
}
