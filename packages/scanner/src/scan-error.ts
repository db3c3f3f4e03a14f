/**
 * A problem the user can fix (a path that does not exist, a file where a folder was expected, a bad option). Its
 * message is meant to be printed as is, without a stack trace; anything else thrown by the scanner is a bug.
 */
export class ScanError extends Error {
  override readonly name = 'ScanError';
}
