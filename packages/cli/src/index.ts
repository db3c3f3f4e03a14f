export { runCli, UsageError, type CliIo } from './cli.js';
export { commandHelp, helpText, type CommandName } from './help.js';
export { diffInventories, renderDiff, type InventoryDiff } from './diff.js';
export { starterManifest } from './init.js';
export { reporters, formatNames, type FormatName, type ReportContext, type Reporter } from './reporters/index.js';
export { escapeHtml } from './reporters/html.js';
