import { loadProject, type ProgressEvent } from '@privlint/scanner';
import { describe, expect, it } from 'vitest';
import { declaredAt, fileAt, fixture, identifier } from '../helpers.js';

describe('a project with one tsconfig.json', () => {
  it('loads the files the tsconfig includes, and the rest of the root in the default program', async () => {
    const project = await loadProject({ root: fixture('projects/single-tsconfig') });

    expect(project.files.map(file => [file.relPath, file.project])).toEqual([
      ['scripts/backfill.ts', ''],
      ['src/logger.ts', 'tsconfig.json'],
      ['src/models/customer.ts', 'tsconfig.json'],
      ['src/services/billing.ts', 'tsconfig.json'],
    ]);
    expect(project.projects).toEqual(['tsconfig.json']);
    expect(project.problems).toEqual([]);
    expect(project.skipped).toEqual([
      { relPath: 'lib/services/billing.js', reason: 'build-output', detail: 'outDir of tsconfig.json' },
    ]);
  });

  it('gives each file its program: the tsconfig options, or the defaults outside it', async () => {
    const project = await loadProject({ root: fixture('projects/single-tsconfig') });
    const service = fileAt(project, 'src/services/billing.ts');
    const script = fileAt(project, 'scripts/backfill.ts');

    expect(service.getProgram().getCompilerOptions().strict).toBe(true);
    expect(script.getProgram().getCompilerOptions().strict).toBe(false);
    expect(service.getProgram()).toBe(fileAt(project, 'src/logger.ts').getProgram());
    expect(service.getChecker()).toBe(fileAt(project, 'src/models/customer.ts').getChecker());
    expect(script.getProgram()).not.toBe(service.getProgram());
    expect(service.path).toBe(fixture('projects/single-tsconfig/src/services/billing.ts'));
    expect(service.getSourceFile().fileName.endsWith('src/services/billing.ts')).toBe(true);
  });

  it('resolves types with the lib files loaded', async () => {
    const project = await loadProject({ root: fixture('projects/single-tsconfig') });
    const service = fileAt(project, 'src/services/billing.ts');
    const checker = service.getChecker();

    const customer = identifier(project, service, 'customer', 'upgrade(');
    expect(declaredAt(project, service, checker.getTypeAtLocation(customer).getSymbol())).toEqual([
      'src/models/customer.ts#Customer',
    ]);
    // `console` and `JSON` come from the lib files: without them they would be errors.
    const logger = fileAt(project, 'src/logger.ts');
    const json = identifier(project, logger, 'JSON');
    expect(logger.getChecker().typeToString(logger.getChecker().getTypeAtLocation(json))).toBe('JSON');
  });

  it('reports progress through discovery, loading and parsing', async () => {
    const events: ProgressEvent[] = [];
    await loadProject({ root: fixture('projects/single-tsconfig'), onProgress: event => events.push(event) });

    expect(new Set(events.map(event => event.phase))).toEqual(new Set(['discover', 'load', 'parse']));
    expect(events.filter(event => event.phase === 'parse').at(-1)).toMatchObject({ done: 4, total: 4 });
    expect(events.filter(event => event.phase === 'load')).toEqual([
      { phase: 'load', done: 1, total: 1, file: 'tsconfig.json' },
    ]);
  });
});
