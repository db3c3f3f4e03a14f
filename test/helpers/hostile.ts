// Shared by the plugin and core hostile-input tests.
/**
 * Generated code written to break analyses: deep nesting, huge literals, cyclic types, long assignment chains,
 * recursion, wide literals. No rule may throw on any of it, and every rule still runs to completion.
 */
export function hostileSource(): string {
  const parts: string[] = [];
  parts.push(`interface A { email: string; next: B; self: A; list: A[] }`);
  parts.push(`interface B { phone: string; back: A; both: A | B }`);
  parts.push(`declare const logger: { info(...args: unknown[]): void };`);
  parts.push(`export function cyclic(a: A, b: B) { logger.info(a, b, a.next.back.self.next); }`);
  // A chain of 2000 const assignments ending in a log call: depth limits, not the stack, end it.
  parts.push(`export function chain(user: { email: string }) {`);
  parts.push(`  const v0 = user.email;`);
  for (let index = 1; index < 2000; index++) parts.push(`  const v${index} = v${index - 1};`);
  parts.push(`  logger.info(v1999);`);
  parts.push(`}`);
  // Deep nesting of arrays and calls.
  parts.push(`export const deep = ${'['.repeat(200)}1${']'.repeat(200)};`);
  parts.push(`export const calls = ${'f('.repeat(200)}user.email${')'.repeat(200)};`);
  parts.push(`declare function f(x: unknown): unknown; declare const user: { email: string };`);
  // Mutual recursion through returns.
  parts.push(`export function even(n: number, e: string): string { return n === 0 ? e : odd(n - 1, e); }`);
  parts.push(`export function odd(n: number, e: string): string { return n === 0 ? e : even(n - 1, e); }`);
  parts.push(`logger.info(even(10, user.email));`);
  // A huge string literal and a wide template.
  parts.push(`export const huge = '${'x'.repeat(500_000)}';`);
  parts.push(`logger.info(\`${Array.from({ length: 3000 }, (_, index) => `\${user.email}${index}`).join('')}\`);`);
  // A wide object literal spread into a log call.
  parts.push(
    `export const wide = { ${Array.from({ length: 5000 }, (_, index) => `k${index}: user.email`).join(', ')} };`,
  );
  parts.push(`logger.info({ ...wide });`);
  // Long member chains and element access with computed keys.
  parts.push(`declare const o: any; logger.info(o${'.a'.repeat(600)}, o[Symbol.iterator], o[user.email]);`);
  return parts.join('\n');
}
