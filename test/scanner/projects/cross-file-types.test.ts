import { loadProject } from '@privlint/scanner';
import { describe, expect, it } from 'vitest';
import { declaredAt, fileAt, fixture, identifier } from '../helpers.js';

describe('types across files', () => {
  it('resolves an imported type and an imported function to their declarations in other files', async () => {
    const project = await loadProject({ root: fixture('projects/cross-file-types') });
    const checkout = fileAt(project, 'src/checkout.ts');
    const checker = checkout.getChecker();

    const order = identifier(project, checkout, 'order', 'await');
    expect(declaredAt(project, checkout, checker.getTypeAtLocation(order).getSymbol())).toEqual([
      'src/types/order.ts#Order',
    ]);
    const email = identifier(project, checkout, 'customerEmail');
    expect(declaredAt(project, checkout, checker.getSymbolAtLocation(email))).toEqual([
      'src/types/order.ts#customerEmail',
    ]);
    const callee = identifier(project, checkout, 'sendReceipt', 'await');
    expect(declaredAt(project, checkout, checker.getSymbolAtLocation(callee))).toEqual([
      'src/mail/receipts.ts#sendReceipt',
    ]);
  });
});
