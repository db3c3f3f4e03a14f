import { describe, expect, it } from 'vitest';
import { analyzeFiles, findingLines } from '../helpers/program.js';

/** Just enough of zod's types for `z.infer` to be the mapped type over the project's own shape, as the real one is. */
const zodTypes = `export declare namespace z {
  interface ZodType<T = unknown> { _output: T; optional(): ZodType<T | undefined>; email(): ZodType<T>; }
  interface ZodObject<S> extends ZodType<{ [K in keyof S]: S[K] extends ZodType<infer T> ? T : never }> {}
  function object<S extends Record<string, ZodType<any>>>(shape: S): ZodObject<S>;
  function string(): ZodType<string>;
  function boolean(): ZodType<boolean>;
  function number(): ZodType<number>;
  type infer<T extends ZodType<any>> = T['_output'];
}
`;

/** Fields of every analysed file as `symbol categories (evidence source)` lines. */
function fieldLines(results: Awaited<ReturnType<typeof analyzeFiles>>): string[] {
  return results.flatMap(result =>
    result.fields.map(field => `${field.symbol} ${field.categories.join(',')} (${field.evidence[0]?.source})`),
  );
}

describe('schemas the project already has', () => {
  it('reads zod objects: validators declare, names guess, builder kinds rule names out (typed)', async () => {
    const results = await analyzeFiles({
      'node_modules/zod/package.json': `{ "name": "zod", "types": "index.d.ts" }`,
      'node_modules/zod/index.d.ts': zodTypes,
      'src/schema.ts': `import { z } from 'zod';
export const SignupSchema = z.object({
  id: z.string(),
  contact: z.string().email(),
  phoneNumber: z.string().optional(),
  isEmailVerified: z.boolean(),
  emailCount: z.number(),
});
export type Signup = z.infer<typeof SignupSchema>;
`,
      'src/handler.ts': `import type { Signup } from './schema.js';
export function handle(signup: Signup) {
  console.info('signup', signup);
  console.info(signup.id, signup.isEmailVerified, signup.emailCount);
  console.info(signup.contact);
}
`,
    });
    expect(fieldLines(results)).toEqual([
      'SignupSchema.contact email (schema)',
      'SignupSchema.phoneNumber phone (name)',
    ]);
    expect(findingLines(results)).toEqual([
      'no-pii-in-logs src/handler.ts:3:26 Personal data reaches the logger `console.info`: `signup` holds email, phone (fields `contact`, `phoneNumber`).',
      'no-pii-in-logs src/handler.ts:5:16 Personal data reaches the logger `console.info`: `signup.contact` is email (its schema validates it with `email()` on `SignupSchema.contact`, src/schema.ts:4).',
    ]);
  });

  it('reads mongoose, drizzle, valibot, TypeBox and class-validator declarations (untyped)', async () => {
    const results = await analyzeFiles(
      {
        'models/user.ts': `import mongoose, { Schema } from 'mongoose';
export const UserSchema = new Schema({
  handle: { type: String, required: true },
  mobilePhone: { type: String, validate: /^\\+/ },
  emailOptIn: Boolean,
  address: { street: String, postcode: String },
  notifyEmail: { type: Boolean, default: true },
});
export const Legacy = new mongoose.Schema({ fullName: String });
`,
        'db/schema.ts': `import { pgTable, text, boolean, integer } from 'drizzle-orm/pg-core';
export const users = pgTable('users', {
  id: integer('id').primaryKey(),
  email: text('email').notNull(),
  emailVerified: boolean('email_verified'),
  dateOfBirth: text('dob'),
});
`,
        'api/contracts.ts': `import * as v from 'valibot';
import { Type } from '@sinclair/typebox';
export const Contact = v.object({ reach: v.pipe(v.string(), v.email()) });
export const Lead = Type.Object({ inbox: Type.String({ format: 'email' }), score: Type.Number() });
import * as yup from 'yup';
import Joi from 'joi';
export const Form = yup.object().shape({ recipient: yup.string().email(), remember: yup.boolean() });
export const Payment = Joi.object({ pan: Joi.string().creditCard(), note: Joi.string() });
`,
        'dto/create-user.dto.ts': `import { IsEmail, IsPhoneNumber, IsString } from 'class-validator';
export class CreateUserDto {
  @IsEmail() login!: string;
  @IsPhoneNumber('GB') reachAt!: string;
  @IsString() nickname!: string;
  @IsString() plan!: string;
}
`,
        'not-a-schema.ts': `export const defaults = someFactory({ email: 'x', phone: 'y' });
export const options = { email: true };
`,
      },
      { typed: false },
    );
    expect(fieldLines(results)).toEqual([
      'UserSchema.mobilePhone phone (name)',
      'UserSchema.address.street postal-address (name)',
      'UserSchema.address.postcode postal-address (name)',
      'Legacy.fullName name (name)',
      'users.email email (name)',
      'users.dateOfBirth date-of-birth (name)',
      'Contact.reach email (schema)',
      'Lead.inbox email (schema)',
      'Form.recipient email (schema)',
      'Payment.pan payment-card (schema)',
      'CreateUserDto.login email (schema)',
      'CreateUserDto.reachAt phone (schema)',
      'CreateUserDto.nickname name (name)',
    ]);
  });

  it("expands the model types Prisma generates into node_modules: the schema is the project's (typed)", async () => {
    const results = await analyzeFiles({
      'node_modules/.prisma/client/package.json': `{ "name": ".prisma/client", "types": "index.d.ts" }`,
      'node_modules/.prisma/client/index.d.ts': `export type User = { id: string; email: string; emailVerified: boolean };
export declare class PrismaClient { user: { findUnique(args: { where: { id: string } }): Promise<User | null> } }
`,
      'node_modules/@prisma/client/package.json': `{ "name": "@prisma/client", "types": "index.d.ts" }`,
      'node_modules/@prisma/client/index.d.ts': `export * from '.prisma/client';\n`,
      'node_modules/express/package.json': `{ "name": "express", "types": "index.d.ts" }`,
      'node_modules/express/index.d.ts': `export interface Request { ip: string; headers: Record<string, string> }\n`,
      'src/users.ts': `import { PrismaClient } from '@prisma/client';
import type { Request } from 'express';
const prisma = new PrismaClient();
export async function show(id: string, req: Request) {
  const user = await prisma.user.findUnique({ where: { id } });
  console.log('loaded', user);
  console.log('request', req);
}
`,
    });
    expect(findingLines(results)).toEqual([
      'no-pii-in-logs src/users.ts:6:25 Personal data reaches the logger `console.log`: `user` holds email (fields `email`).',
    ]);
  });
});

describe('inputs a schema validates', () => {
  it('reads the fields of a request handler’s input from the schema its chain is given (typed)', async () => {
    const results = await analyzeFiles({
      'src/schema.ts': `import { z } from 'zod';
declare const Member: { array(): unknown };
export const ResendRequest = z.object({
  envelopeId: z.string(),
  recipients: z.array(z.number()).min(1),
  contact: z.string().email(),
  members: Member.array(),
  teamMembers: z.array(z.object({ memberId: z.string(), role: z.enum(['admin', 'member']) })).min(1),
  invitees: z.array(z.object({ email: z.string(), role: z.string() })),
});
`,
      'src/route.ts': `import { ResendRequest } from './schema.js';
declare const procedure: any;
declare const logger: { info(...args: unknown[]): void };
export const resend = procedure.input(ResendRequest).mutation(async ({ input }: any) => {
  const { envelopeId, recipients, members, teamMembers, invitees } = input;
  logger.info({ input: { envelopeId, recipients } });
  logger.info(input.contact);
  logger.info(members);
  logger.info(teamMembers, invitees);
});
`,
    });
    // `recipients` holds numbers (ids, not person records); `contact` is validated as an email; `members` is a list
    // of records of an unknown shape; `teamMembers` of objects the schema spells out with no personal field, `invitees`
    // of objects with an email.
    expect(findingLines(results)).toEqual([
      'no-pii-in-logs src/route.ts:7:15 Personal data reaches the logger `logger.info`: `input.contact` is email (its schema validates it with `email()` on `input.contact`).',
      'no-pii-in-logs src/route.ts:8:15 Personal data reaches the logger `logger.info`: `members` is a whole person record (its personal fields are unknown without type information).',
      'no-pii-in-logs src/route.ts:9:28 Personal data reaches the logger `logger.info`: `invitees` is a whole person record (its personal fields are unknown without type information).',
    ]);
  });
});
