import { printable, readUserText } from '@privlint/core';
import { OutputError, writeOutputs, type Anchors } from './output.js';

/** A baseline lists fingerprints of 32 characters; even a million findings stay under this. */
const maxBaselineBytes = 64 * 1024 * 1024;

/**
 * A baseline is the set of finding fingerprints a team has accepted (legacy code adopting privlint). Fingerprints
 * leave out line numbers, so findings that move stay accepted; a new finding, or the same one in another file, is new.
 */
export interface BaselineFile {
  readonly privlintBaseline: 1;
  readonly fingerprints: readonly string[];
}

export function readBaseline(file: string): Set<string> {
  const shown = printable(file);
  const read = readUserText(file, { maxBytes: maxBaselineBytes, refuseBinary: true });
  if (!read.ok) {
    const reason = read.reason === 'missing' ? 'cannot be read' : read.message;
    throw new OutputError(
      `the baseline ${shown} ${reason}; write one with \`privlint scan --write-baseline ${shown}\``,
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(read.text);
  } catch {
    throw new OutputError(
      `the baseline ${shown} is not JSON; write one with \`privlint scan --write-baseline ${shown}\``,
    );
  }
  const fingerprints = (data as Partial<BaselineFile>)?.fingerprints;
  if (
    (data as Partial<BaselineFile>)?.privlintBaseline !== 1 ||
    !Array.isArray(fingerprints) ||
    !fingerprints.every(item => typeof item === 'string')
  ) {
    throw new OutputError(
      `${shown} is not a privlint baseline (expected { "privlintBaseline": 1, "fingerprints": [...] })`,
    );
  }
  return new Set(fingerprints);
}

export function writeBaseline(file: string, fingerprints: readonly string[], anchors: Anchors = []): void {
  const data: BaselineFile = { privlintBaseline: 1, fingerprints: [...new Set(fingerprints)].sort() };
  writeOutputs(file, [{ name: 'privlint-baseline.json', text: `${JSON.stringify(data, null, 2)}\n` }], false, anchors);
}
