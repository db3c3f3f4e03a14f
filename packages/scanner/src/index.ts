export { loadProject } from './load-project.js';
export { ScanError } from './scan-error.js';
export type {
  LoadedProject,
  LoadOptions,
  ProgressEvent,
  ProjectFile,
  ProjectProblem,
  SkippedFile,
  SkipReason,
} from './types.js';
export { scan, type ScanOptions, type ScanProgress, type ScanResult } from './scan.js';
