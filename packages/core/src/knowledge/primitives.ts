import { z } from 'zod';

/** A kebab-case id: stable, used in messages, SARIF, baselines and the manifest. */
export const kebabId = z
  .string()
  .regex(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/u, 'expected a kebab-case id such as `payment-card`');

/** A regular expression source, checked to compile at generation time. */
export const regexSource = z.string().refine(
  source => {
    try {
      new RegExp(source, 'u');
      return true;
    } catch {
      return false;
    }
  },
  { message: 'not a valid regular expression' },
);

/**
 * What a value's TypeScript type is, reduced to the few kinds that can rule a name match out: `isEmailVerified:
 * boolean` is not an email, `phoneCount: number` is not a phone number.
 */
export const typeKind = z.enum(['boolean', 'number', 'bigint', 'function', 'date', 'string', 'object', 'unknown']);
