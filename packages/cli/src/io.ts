/** Where the CLI reads and writes: the real process, or a test's buffers (`runCli(argv, io)`). */
export interface CliIo {
  readonly cwd: string;
  readonly stdout: { write(text: string): unknown; isTTY?: boolean | undefined };
  readonly stderr: { write(text: string): unknown; isTTY?: boolean | undefined };
  readonly env: Readonly<Record<string, string | undefined>>;
}
