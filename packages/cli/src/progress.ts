import type { ScanProgress } from '@privlint/scanner';
import type { CliIo } from './io.js';

/**
 * A one-line progress bar on standard error, only on an interactive terminal and never in CI: files done, total,
 * and the phase. Redrawn at most ten times a second.
 */
export function createProgress(io: CliIo): { update(event: ScanProgress): void; done(): void } {
  const enabled = Boolean(io.stderr.isTTY) && !io.env['CI'] && !io.env['PRIVLINT_NO_PROGRESS'];
  let last = 0;
  let drawn = false;
  return {
    update(event) {
      if (!enabled) return;
      const now = Date.now();
      if (now - last < 100 && event.done !== event.total) return;
      last = now;
      const width = 24;
      const ratio = event.total > 0 ? Math.min(1, event.done / event.total) : 0;
      const filled = Math.round(ratio * width);
      const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
      io.stderr.write(`\r${bar} ${event.done}/${event.total} ${event.phase.padEnd(8)}\u001B[K`);
      drawn = true;
    },
    done() {
      if (drawn) io.stderr.write('\r\u001B[K');
    },
  };
}
