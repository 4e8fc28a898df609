/**
 * Every helper process this Node process started and that has not exited yet. On 'exit'
 * (normal end, process.exit, an uncaught exception) each one is killed, so no capture
 * outlives the app. A SIGKILLed app cannot run this: the helper then sees its stdin close
 * and stops by itself (native/README.md), which is why sessions keep stdin open.
 */
import type { ChildProcess } from 'node:child_process';

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

/** Tracks a child until it exits. Returns the untrack function (also called on 'exit' of the child). */
export function trackHelper(child: ChildProcess): () => void {
  if (!exitHookInstalled) {
    process.on('exit', killAllHelpers);
    exitHookInstalled = true;
  }
  live.add(child);
  const untrack = (): void => {
    live.delete(child);
  };
  child.once('exit', untrack);
  child.once('error', untrack);
  return untrack;
}

/**
 * Kills a helper now, synchronously (SIGKILL: no chance to linger). Helpers are spawned
 * detached, each the leader of its own process group, so the whole group goes: whatever a
 * launcher (ip netns exec, setpriv, a wrapper script) may have started goes with it.
 */
export function killHelper(child: ChildProcess): void {
  if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Not a group leader after all, or already gone: kill the process itself.
      try {
        child.kill('SIGKILL');
      } catch {
        // Gone between the check and the kill.
      }
    }
  }
  live.delete(child);
}

export function liveHelperCount(): number {
  return live.size;
}

/** Process ids of the live helpers, for diagnostics and tests. */
export function liveHelperIds(): number[] {
  return [...live].map((child) => child.pid).filter((pid): pid is number => pid !== undefined);
}

function killAllHelpers(): void {
  for (const child of [...live]) killHelper(child);
}
