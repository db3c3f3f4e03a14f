import { readFileSync } from 'node:fs';
import { OutputError, writeOutputs } from './output.js';

/**
 * A baseline is the set of finding fingerprints a team has accepted (legacy code adopting privlint). Fingerprints
 * leave out line numbers, so findings that move stay accepted; a new finding, or the same one in another file, is new.
 */
export interface BaselineFile {
  readonly privlintBaseline: 1;
  readonly fingerprints: readonly string[];
}

export function readBaseline(file: string): Set<string> {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = error instanceof SyntaxError ? 'is not JSON' : 'cannot be read';
    throw new OutputError(`the baseline ${file} ${reason}; write one with \`privlint scan --write-baseline ${file}\``);
  }
  const fingerprints = (data as Partial<BaselineFile>)?.fingerprints;
  if (
    (data as Partial<BaselineFile>)?.privlintBaseline !== 1 ||
    !Array.isArray(fingerprints) ||
    !fingerprints.every(item => typeof item === 'string')
  ) {
    throw new OutputError(
      `${file} is not a privlint baseline (expected { "privlintBaseline": 1, "fingerprints": [...] })`,
    );
  }
  return new Set(fingerprints);
}

export function writeBaseline(file: string, fingerprints: readonly string[]): void {
  const data: BaselineFile = { privlintBaseline: 1, fingerprints: [...new Set(fingerprints)].sort() };
  writeOutputs(file, [{ name: 'privlint-baseline.json', text: `${JSON.stringify(data, null, 2)}\n` }], false);
}
