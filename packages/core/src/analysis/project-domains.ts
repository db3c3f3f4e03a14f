/**
 * The domains of the organisation whose code this is, as its `package.json` files say: the scope of its package
 * names (`@acme/web` -> `acme`), its homepage, the author's and the bug tracker's addresses, the owner of its
 * repository. An address at one of them in the organisation's own source is the organisation's mailbox (a sender, a
 * support desk, a service account) or a staff member's published work address, not a data subject's.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export interface ProjectDomains {
  /** Registrable labels (`acme` for `acme.com`, `mail.acme.co.uk`). */
  readonly labels: ReadonlySet<string>;
  /** Whole hosts (`acme.com`). */
  readonly hosts: ReadonlySet<string>;
}

const maxPackageJsonBytes = 512 * 1024;
const byFolder = new Map<string, { stamp: string; domains: ProjectDomains }>();

/** The domains the package.json files in `fileName`'s folder and every folder above it, up to `rootDir`, name. */
export function projectDomains(rootDir: string, fileName: string): ProjectDomains {
  const root = path.resolve(rootDir);
  const labels = new Set<string>();
  const hosts = new Set<string>();
  for (let folder = path.dirname(path.resolve(fileName)); ; folder = path.dirname(folder)) {
    const own = domainsOfFolder(folder);
    for (const label of own.labels) labels.add(label);
    for (const host of own.hosts) hosts.add(host);
    if (folder === root || path.dirname(folder) === folder || !folder.startsWith(root)) break;
  }
  return { labels, hosts };
}

function domainsOfFolder(folder: string): ProjectDomains {
  const file = path.join(folder, 'package.json');
  let stamp = 'missing';
  try {
    const stats = statSync(file);
    stamp = stats.isFile() && stats.size <= maxPackageJsonBytes ? `${stats.size}:${stats.mtimeMs}` : 'skipped';
  } catch {
    // No package.json here.
  }
  const cached = byFolder.get(folder);
  if (cached?.stamp === stamp) return cached.domains;
  const domains = stamp === 'missing' || stamp === 'skipped' ? emptyDomains() : readDomains(file);
  if (byFolder.size > 10_000) byFolder.clear();
  byFolder.set(folder, { stamp, domains });
  return domains;
}

function emptyDomains(): ProjectDomains {
  return { labels: new Set(), hosts: new Set() };
}

function readDomains(file: string): ProjectDomains {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return emptyDomains();
  }
  if (data === null || typeof data !== 'object') return emptyDomains();
  const record = data as Record<string, unknown>;
  const labels = new Set<string>();
  const hosts = new Set<string>();
  const addHost = (host: string | undefined): void => {
    if (!host) return;
    const lower = host.toLowerCase().replace(/^www\./u, '');
    // Code hosts and registries are everybody's: their owner path names the organisation, not their host.
    if (/(?:^|\.)(?:github\.com|gitlab\.com|bitbucket\.org|npmjs\.com|npmjs\.org)$/u.test(lower)) return;
    hosts.add(lower);
    const label = registrableLabel(lower);
    if (label) labels.add(label);
  };
  const addUrl = (value: unknown): void => {
    if (typeof value !== 'string') return;
    const url = /^(?:[a-z+]+:\/\/|git@)([^/:@\s]+@)?([^/:\s]+)[/:]?([^/\s]*)/iu.exec(value.trim());
    if (!url) return;
    const host = url[2]!.toLowerCase();
    if (/(?:^|\.)(?:github\.com|gitlab\.com|bitbucket\.org)$/u.test(host) && url[3]) {
      labels.add(url[3].toLowerCase());
      return;
    }
    addHost(host);
  };
  const addEmail = (value: unknown): void => {
    if (typeof value !== 'string') return;
    const at = /@([a-z0-9.-]+\.[a-z]{2,})/iu.exec(value);
    if (at) addHost(at[1]);
  };
  const addPerson = (value: unknown): void => {
    if (typeof value === 'string') {
      addEmail(/<([^>]+)>/u.exec(value)?.[1]);
      addUrl(/\(([^)]+)\)/u.exec(value)?.[1]);
    } else if (value && typeof value === 'object') {
      addEmail((value as Record<string, unknown>)['email']);
      addUrl((value as Record<string, unknown>)['url']);
    }
  };
  const name = record['name'];
  if (typeof name === 'string') {
    const scope = /^@([a-z0-9][a-z0-9._-]*)\//u.exec(name);
    if (scope) labels.add(scope[1]!);
  }
  addUrl(record['homepage']);
  addPerson(record['author']);
  const repository = record['repository'];
  addUrl(typeof repository === 'object' && repository !== null ? (repository as { url?: unknown }).url : repository);
  const bugs = record['bugs'];
  if (typeof bugs === 'string') addUrl(bugs);
  else if (bugs && typeof bugs === 'object') {
    addUrl((bugs as Record<string, unknown>)['url']);
    addEmail((bugs as Record<string, unknown>)['email']);
  }
  return { labels, hosts };
}

/** Second-level suffixes under which the registrable label is the third one (`acme.co.uk`). */
const secondLevel = /^(?:co|com|org|net|gov|ac|edu)$/u;

/** `acme` for `acme.com`, `mail.acme.io` and `acme.co.uk`. */
export function registrableLabel(host: string): string | undefined {
  const labels = host.toLowerCase().split('.').filter(Boolean);
  if (labels.length < 2) return undefined;
  const [second, top] = labels.slice(-2) as [string, string];
  if (top.length === 2 && secondLevel.test(second) && labels.length >= 3) return labels.at(-3);
  return second;
}
