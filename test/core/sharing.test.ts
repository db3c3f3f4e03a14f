import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { analyzeFile, compileKnowledge, defaultKnowledge, loadManifest, recipientsNeverSeen } from '@privlint/core';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/eval/saas-app');

describe('sharing facts for the inventory', () => {
  it('records flows to declared recipients with their declarations, and lists declared recipients never used', () => {
    const manifest = loadManifest(path.join(root, 'privacy.yml')).manifest!.view(root);
    const env = { ts, knowledge: compileKnowledge(defaultKnowledge), manifest, rootDir: root };
    const config = ts.getParsedCommandLineOfConfigFile(
      path.join(root, 'tsconfig.json'),
      {},
      { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined },
    )!;
    const program = ts.createProgram({ rootNames: config.fileNames, options: config.options });
    const flows = config.fileNames.flatMap(file => analyzeFile(program.getSourceFile(file)!, { env, program }).flows);
    const stripe = flows.find(flow => flow.details?.['recipient'] === 'stripe' && !flow.reported);
    expect(stripe?.details).toMatchObject({
      recipientName: 'Stripe',
      kind: 'payments',
      declared: true,
      purposes: ['payment'],
      legalBasis: 'contract',
    });
    const kyc = flows.find(flow => flow.details?.['recipient'] === 'kyc');
    expect(kyc).toMatchObject({ reported: false, categories: ['date-of-birth', 'government-id', 'name'] });
    expect(kyc?.details).toMatchObject({ recipientName: 'Verifio KYC', host: 'api.verifio.example.com' });
    expect(recipientsNeverSeen(flows, manifest)).toEqual([]);
    expect(
      recipientsNeverSeen(
        flows.filter(flow => flow.details?.['recipient'] !== 'sendgrid'),
        manifest,
      ),
    ).toEqual(['sendgrid']);
  });
});
