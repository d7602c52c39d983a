/** What the figures were measured on, and how busy the machine was (the benchmarks share it). */
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHROMIUM_PATH } from '../e2e/support/browser';

/** A command's output lines, or null where the command is missing or fails. */
const outputOf = (command: string, args: string[]) => {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split('\n');
  } catch {
    return null;
  }
};

/** Other Playwright runs (an e2e suite) on the machine: their Chromiums compete for the same cores. */
const otherPlaywrightRuns = () => outputOf('ps', ['-eo', 'args'])?.filter((line) => /node_modules\/\.bin\/playwright test/.test(line)).length ?? null;

export function machineInfo() {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Number((os.totalmem() / 1024 ** 3).toFixed(1)),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    chromium: outputOf(CHROMIUM_PATH, ['--version'])?.[0] ?? null,
  };
}

export function machineLoad() {
  const [one, five, fifteen] = os.loadavg();
  return { at: new Date().toISOString(), loadAverage: { one, five, fifteen }, otherPlaywrightRuns: otherPlaywrightRuns() };
}

/** Which code was measured: the commit, whether the tree had uncommitted changes, and when each build was made. */
export function buildInfo(builds: Record<string, string>) {
  const builtAt = (dir: string) => {
    try {
      return statSync(path.join(dir, 'manifest.json')).mtime.toISOString();
    } catch {
      return null;
    }
  };
  return {
    commit: outputOf('git', ['rev-parse', 'HEAD'])?.[0] ?? null,
    uncommittedFiles: outputOf('git', ['status', '--porcelain'])?.filter(Boolean).length ?? null,
    builds: Object.fromEntries(Object.entries(builds).map(([name, dir]) => [name, { dir, builtAt: builtAt(dir) }])),
  };
}
