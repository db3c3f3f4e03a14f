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
