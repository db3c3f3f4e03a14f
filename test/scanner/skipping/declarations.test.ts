import { loadProject } from '@privlint/scanner';
import { describe, expect, it } from 'vitest';
import { declaredAt, fileAt, fixture, identifier } from '../helpers.js';

describe('declaration files', () => {
  it('reports .d.ts files as declarations, not scanned, while their types stay in the program', async () => {
    const project = await loadProject({ root: fixture('skipping/declarations') });

    expect(project.files.map(file => file.relPath)).toEqual(['src/track.ts']);
    expect(project.skipped).toEqual([{ relPath: 'types/analytics.d.ts', reason: 'declaration' }]);
    const track = fileAt(project, 'src/track.ts');
    const analytics = identifier(project, track, 'analytics');
    expect(declaredAt(project, track, track.getChecker().getSymbolAtLocation(analytics))).toEqual([
      'types/analytics.d.ts#analytics',
    ]);
  });
});
